package alianza_test

import (
	"bytes"
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// Media holds an account's uploaded audio, such as the custom music callers
// hear while on hold.
func ExampleMediaService_Upload() {
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

	// A short WAV file stands in for the customer's recording.
	wav := append([]byte("RIFF\x24\x00\x00\x00WAVE"), make([]byte, 32)...)
	media, err := client.Media.Upload(ctx, acct.ID, "hold-music.wav", bytes.NewReader(wav), nil)
	if err != nil {
		log.Fatal(err)
	}
	// Make the upload the account's custom hold music.
	if _, err := client.Media.UpdateHoldMusic(ctx, acct.ID, media.ID); err != nil {
		log.Fatal(err)
	}
	hold, err := client.Media.GetHoldMusic(ctx, acct.ID, &alianza.MediaGetHoldMusicOptions{Custom: alianza.Ptr(true)})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("uploaded:", media.ID != "")
	fmt.Println("custom hold music playable:", hold.URL != "")
	// Output:
	// uploaded: true
	// custom hold music playable: true
}
