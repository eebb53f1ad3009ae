package alianzatest_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// Every live operation of the spec is answered: this one (the languages
// the platform speaks) from the spec's schema, the same answer every
// time, checked against the spec like any other.
func Example_anyOperation() {
	srv, err := alianzatest.Start()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	var first, second []map[string]any
	if _, err := client.Do(ctx, alianza.Operation{Method: http.MethodGet, Path: "/v2/ref/language"}, &first); err != nil {
		panic(err)
	}
	if _, err := client.Do(ctx, alianza.Operation{Method: http.MethodGet, Path: "/v2/ref/language"}, &second); err != nil {
		panic(err)
	}
	fmt.Println(len(first) > 0, fmt.Sprint(first) == fmt.Sprint(second), len(srv.Violations()))
	// Output: true true 0
}

// Voicemail boxes are kept per account: a box created is read back,
// listed, renamed and deleted.
func Example_voicemailBoxes() {
	srv, err := alianzatest.Start(alianzatest.WithDemoData())
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	acct, err := client.Accounts.GetByNumber(ctx, alianzatest.DemoAccountNumber)
	if err != nil {
		panic(err)
	}
	const boxes = "/v2/partition/{partitionId}/account/{accountId}/voicemailbox"
	var box struct{ ID, Name string }
	_, err = client.Do(ctx, alianza.Operation{Method: http.MethodPost, Path: boxes, Args: []string{acct.ID},
		Body: alianza.JSONBody(map[string]any{"name": "Front desk", "accountId": acct.ID, "partitionId": srv.PartitionID()})}, &box)
	if err != nil {
		panic(err)
	}
	one := alianza.Operation{Method: http.MethodPatch, Path: boxes + "/{voicemailBoxId}", Args: []string{acct.ID, box.ID},
		Body: alianza.JSONBody(map[string]any{"name": "Reception"})}
	if _, err := client.Do(ctx, one, &box); err != nil {
		panic(err)
	}
	var list []struct{ Name string }
	if _, err := client.Do(ctx, alianza.Operation{Method: http.MethodGet, Path: boxes, Args: []string{acct.ID}}, &list); err != nil {
		panic(err)
	}
	fmt.Println(box.Name, len(list), list[0].Name)

	one.Method, one.Body = http.MethodDelete, nil
	if _, err := client.Do(ctx, one, nil); err != nil {
		panic(err)
	}
	one.Method = http.MethodGet
	var buf bytes.Buffer
	_, err = client.Do(ctx, one, &buf)
	fmt.Println(errors.Is(err, alianza.ErrNotFound))
	// Output:
	// Reception 1 Reception
	// true
}
