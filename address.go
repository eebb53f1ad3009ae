package alianza

// AddressesService validates and completes service addresses (needed before adding a number).
type AddressesService service
