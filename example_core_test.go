package alianza_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"os"
	"time"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// Options for a production client: retries, logging, a fixed partition.
func ExampleNewClient_options() {
	client, err := alianza.NewClient(
		alianza.WithBaseURL(alianza.BetaURL),
		alianza.WithCredentials(os.Getenv("ALIANZA_USERNAME"), os.Getenv("ALIANZA_PASSWORD")),
		alianza.WithPartition("P100"),
		alianza.WithRetryPolicy(alianza.RetryPolicy{MaxRetries: 3, BaseDelay: 500 * time.Millisecond, MaxDelay: 10 * time.Second}),
		alianza.WithLogger(slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))),
	)
	if err != nil {
		log.Fatal(err)
	}
	_ = client
}

// A pre-issued token is used as is and never renewed.
func ExampleWithAuthToken() {
	srv, err := alianzatest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	// A token issued elsewhere: here, by another client's login.
	issuer, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	login, err := issuer.Login(ctx)
	if err != nil {
		log.Fatal(err)
	}

	client, err := alianza.NewClient(alianza.WithBaseURL(srv.URL()), alianza.WithAuthToken(login.AuthToken.Reveal()))
	if err != nil {
		log.Fatal(err)
	}
	partition, err := client.PartitionID(ctx) // asks GET /v2/authorize/userinfo once
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(partition)
	// Output: FakePartition0000000001
}

func ExampleClient_ForPartition() {
	srv, err := alianzatest.Start(alianzatest.WithPartitionID("P100", "P200"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	// A cheap copy acting in a sub-partition; it shares the login.
	sub, err := client.ForPartition("P200")
	if err != nil {
		log.Fatal(err)
	}
	p, _ := client.PartitionID(ctx)
	s, _ := sub.PartitionID(ctx)
	fmt.Println(p, s)

	_, err = client.ForPartition("..")
	fmt.Println(errors.Is(err, alianza.ErrValidation), err)
	// Output:
	// P100 P200
	// true alianza: invalid partitionId: must not be a dot segment
}

// Errors match sentinels with errors.Is and carry the platform's details
// through errors.As.
func ExampleAPIError() {
	srv, err := alianzatest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client, err := alianza.NewClient(alianza.WithBaseURL(srv.URL()), alianza.WithCredentials(srv.Username(), "wrong password"))
	if err != nil {
		log.Fatal(err)
	}

	_, err = client.Login(context.Background())
	switch {
	case errors.Is(err, alianza.ErrUnauthorized):
		fmt.Println("unauthorized")
	case err != nil:
		log.Fatal(err)
	}
	var apiErr *alianza.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Method, apiErr.Path, apiErr.Messages)
	}
	fmt.Println(errors.Is(err, alianza.ErrAuthentication), errors.Is(err, alianza.ErrNotFound))
	// Output:
	// unauthorized
	// 401 POST /v2/authorize [Invalid username or password]
	// true false
}

func ExampleSecret() {
	pw := alianza.Secret("s3cret")
	fmt.Println(pw, fmt.Sprintf("%#v %q", pw, pw))
	b, _ := json.Marshal(struct {
		Password alianza.Secret `json:"password"`
	}{pw})
	fmt.Println(string(b), pw.Reveal())
	// Output:
	// REDACTED "REDACTED" "REDACTED"
	// {"password":"s3cret"} s3cret
}

func ExampleNormalizeMAC() {
	mac, err := alianza.NormalizeMAC("00:04:f2:ab:cd:ef")
	fmt.Println(mac, err)
	_, err = alianza.NormalizeMAC("00:04:f2:ab:cd")
	fmt.Println(errors.Is(err, alianza.ErrValidation))
	// Output:
	// 0004F2ABCDEF <nil>
	// true
}
