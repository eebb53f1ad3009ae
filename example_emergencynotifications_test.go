package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// EmergencyNotifications tells an account's chosen people by email and SMS
// when someone dials 911, and tests that the alerts arrive.
func ExampleEmergencyNotificationsService_ExecuteGroupTest() {
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

	// An account's own notification group has the account's id.
	event, err := client.EmergencyNotifications.ExecuteGroupTest(ctx, acct.ID, alianza.NotificationGroupTypeAccount, acct.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(event.GroupType, event.GroupID == acct.ID, event.Status)
	// Output: ACCOUNT true SENT
}
