package alianza

// TelephoneNumbersService searches the partition's number inventory, reserves numbers and manages the numbers on an account.
type TelephoneNumbersService service
