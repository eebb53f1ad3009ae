package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// Auth changes the password of the user the client logged in as.
func ExampleAuthService_ChangePassword() {
	srv, err := alianzatest.Start(alianzatest.WithDemoData())
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	tok, err := client.Auth.ChangePassword(ctx, &alianza.ChangePasswordRequest{
		Username:       alianzatest.DefaultUsername,
		Password:       alianzatest.DefaultPassword,
		ChangePassword: alianza.Ptr(alianza.Secret("a-new-long-passphrase")),
	})
	if err != nil {
		log.Fatal(err)
	}
	// The answer is a new session; its token prints redacted.
	fmt.Println(tok.UserType, tok.AuthToken)
	// Output: AccountUser REDACTED
}
