package alianza

// UsersService manages an account's end users (schema EndUserV2X).
type UsersService service
