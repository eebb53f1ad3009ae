package alianza_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"github.com/go-alianza/alianza"
)

// fakePlatform is a tiny stand-in for the Alianza API, so the examples run
// offline: it logs in "api@example.com" with password "s3cret" and knows
// one user.
func fakePlatform() *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v2/authorize", func(w http.ResponseWriter, r *http.Request) {
		var login struct{ Username, Password string }
		_ = json.NewDecoder(r.Body).Decode(&login)
		w.Header().Set("Content-Type", "application/json")
		if login.Username != "api@example.com" || login.Password != "s3cret" {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"status":401,"messages":["Invalid username or password"]}`))
			return
		}
		_, _ = w.Write([]byte(`{"authToken":"example-token","partitionId":"P100","subPartitionIds":["P200"],"permissions":{"ACCOUNT":"EDIT"}}`))
	})
	mux.HandleFunc("GET /v2/authorize/userinfo", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.Header.Get("X-Auth-Token") != "example-token" {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"status":401,"messages":["Invalid Auth Token"]}`))
			return
		}
		_, _ = w.Write([]byte(`{"userId":"U1","username":"api@example.com","partitionId":"P100"}`))
	})
	mux.HandleFunc("PUT /v2/authorize/logout", func(w http.ResponseWriter, r *http.Request) {})
	return httptest.NewServer(mux)
}

func ExampleNewClient() {
	srv := fakePlatform() // in production: alianza.WithBaseURL(alianza.ProductionURL), the default
	defer srv.Close()

	client, err := alianza.NewClient(
		alianza.WithBaseURL(srv.URL), // plain http is allowed for loopback only
		alianza.WithCredentials("api@example.com", "s3cret"),
		alianza.WithTimeout(30*time.Second),
		alianza.WithUserAgent("crm-sync/1.0"),
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	// The first call logs in; Login does it explicitly and shows the result.
	login, err := client.Login(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("token:", login.AuthToken) // a Secret: never printed
	fmt.Println("default partition:", login.PartitionID)
	fmt.Println("sub-partitions:", login.SubPartitionIDs)

	me, err := client.UserInfo(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("user:", me.Username)
	if err := client.Logout(ctx); err != nil {
		log.Fatal(err)
	}
	// Output:
	// token: REDACTED
	// default partition: P100
	// sub-partitions: [P200]
	// user: api@example.com
}

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
	srv := fakePlatform()
	defer srv.Close()
	client, err := alianza.NewClient(alianza.WithBaseURL(srv.URL), alianza.WithAuthToken("example-token"))
	if err != nil {
		log.Fatal(err)
	}
	partition, err := client.PartitionID(context.Background()) // asks GET /v2/authorize/userinfo once
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(partition)
	// Output: P100
}

func ExampleClient_ForPartition() {
	srv := fakePlatform()
	defer srv.Close()
	client, err := alianza.NewClient(alianza.WithBaseURL(srv.URL), alianza.WithCredentials("api@example.com", "s3cret"))
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
	srv := fakePlatform()
	defer srv.Close()
	client, err := alianza.NewClient(alianza.WithBaseURL(srv.URL), alianza.WithCredentials("api@example.com", "wrong"))
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
