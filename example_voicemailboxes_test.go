package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// Voicemail boxes hold an account's messages; a shared box (sales, support)
// can forward each message by email.
func ExampleVoicemailBoxesService_Create() {
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
	acct, err := client.Accounts.GetByNumber(ctx, alianzatest.DemoAccountNumber)
	if err != nil {
		log.Fatal(err)
	}

	box, err := client.VoicemailBoxes.Create(ctx, acct.ID, &alianza.CreateVoicemailBoxRequest{
		Name:                      alianza.Ptr("Sales"),
		VoicemailToEmailEnabled:   alianza.Ptr(true),
		VoicemailToEmailAddresses: []string{"sales@example.com"},
		VoicemailKeepAfterEmail:   alianza.Ptr(false),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created:", box.Name)

	boxes, err := client.VoicemailBoxes.List(ctx, acct.ID, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range boxes {
		fmt.Println(b.Name, b.VoicemailToEmailAddresses)
	}
	// Output:
	// created: Sales
	// Sales [sales@example.com]
}
