package alianza

// AccountsService manages accounts (schema Account): create, get by id, account number, phone number or MAC address, update, patch, delete.
type AccountsService service
