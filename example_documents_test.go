package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza/alianzatest"
)

// Documents reads versions of the platform's stored documents, such as the
// letters of authorization a port needs, and links to their content.
func ExampleDocumentsService_GetDocumentVersion() {
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

	const versionID = "loa-2026-01"
	v, err := client.Documents.GetDocumentVersion(ctx, versionID)
	if err != nil {
		log.Fatal(err)
	}
	content, err := client.Documents.GetDocumentContent(ctx, versionID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("version", v.VersionNumber, v.Roles, content.URL != "")
	// Output: version 1 [PORT_AUTHORIZATION SMS_AUTHORIZATION] true
}
