package alianza_test

import (
	"bytes"
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza/alianzatest"
)

// Voicemail messages are the recordings in a voicemail box; a portal lists
// them and downloads the audio.
func ExampleVoicemailMessagesService_List() {
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
	users, err := client.Users.List(ctx, acct.ID, nil)
	if err != nil {
		log.Fatal(err)
	}
	boxID := users[0].VoicemailBoxID

	messages, err := client.VoicemailMessages.List(ctx, acct.ID, boxID)
	if err != nil {
		log.Fatal(err)
	}
	var audio bytes.Buffer
	if err := client.VoicemailMessages.GetContent(ctx, acct.ID, boxID, messages[0].ID, nil, &audio); err != nil {
		log.Fatal(err)
	}
	fmt.Println("downloaded audio:", audio.Len() > 0)
	// Output:
	// downloaded audio: true
}
