package alianza_test

import (
	"context"
	"fmt"
	"log"
	"net/url"

	"github.com/go-alianza/alianza/alianzatest"
)

// SSO runs the single sign-on login: a portal starts it with the user's email
// address and sends the browser to the identity provider it names.
func ExampleSSOService_Start() {
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

	redirect, err := client.SSO.Start(ctx, "demo.user@example.com", nil)
	if err != nil {
		log.Fatal(err)
	}
	u, err := url.Parse(redirect.RedirectURI)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("sign in at:", u.Host)
	fmt.Println("SAML request:", u.Query().Has("SAMLRequest"))
	// Output:
	// sign in at: idp.example.com
	// SAML request: true
}
