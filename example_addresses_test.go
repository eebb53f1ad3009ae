package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// Alianza's guide to creating accounts via the API validates the service
// address before it looks for numbers: the answer is a customer service
// record to reuse and the coordinates of a nearby-number search.
func ExampleAddressesService_Validate() {
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

	suggestions, err := client.Addresses.TypeAhead(ctx, &alianza.TypeAheadOptions{Address: "333 S", Country: alianza.CountryUSA})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(suggestions)

	v, err := client.Addresses.Validate(ctx, &alianza.ValidateAddressOptions{
		Address: "333 S 520 W, Lindon, UT", Country: alianza.CountryUSA, PostalCode: "84042",
	})
	if err != nil {
		log.Fatal(err)
	}
	csr := v.CustomerServiceRecord
	fmt.Println(v.Valid, csr.StreetNumber, csr.PreDirectional, csr.StreetName, csr.PostDirectional, csr.City, csr.State)
	fmt.Println(v.Latitude, v.Longitude)
	// Output:
	// [333 S 520 W, Lindon, UT 84042]
	// true 333 S 520 W Lindon UT
	// 40.332486 -111.728156
}
