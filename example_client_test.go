package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// A client needs the platform's address and an API user's credentials; it
// logs in by itself on the first call and again when the token expires.
// Against the real platform:
//
//	client, err := alianza.NewClient(
//		alianza.WithBaseURL(alianza.BetaURL),
//		alianza.WithCredentials(os.Getenv("ALIANZA_USERNAME"), os.Getenv("ALIANZA_PASSWORD")),
//	)
//
// The example runs against the in-process fake instead.
func ExampleNewClient() {
	srv, err := alianzatest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	client, err := alianza.NewClient(
		alianza.WithBaseURL(srv.URL()),
		alianza.WithCredentials(alianzatest.DefaultUsername, alianzatest.DefaultPassword),
	)
	if err != nil {
		log.Fatal(err)
	}
	// The partition comes from the login answer.
	partition, err := client.PartitionID(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(partition)
	// Output: FakePartition0000000001
}

// Login is optional (any call logs in), but checks the credentials early.
// The token is a Secret: it never prints.
func ExampleClient_Login() {
	srv, err := alianzatest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	token, err := client.Login(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(token.Username, token.AuthToken)

	if err := client.Logout(ctx); err != nil {
		log.Fatal(err)
	}
	// Output: api-user@example.com REDACTED
}
