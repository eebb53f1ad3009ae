package alianza

// CallingPlansService manages calling plan products and the plans attached to an account.
type CallingPlansService service
