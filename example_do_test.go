package alianza_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"

	"github.com/go-alianza/alianza"
)

// cdrServer stands in for Alianza: a login, and the CDR search as JSON and
// as CSV (the CSV one deprecated in the spec, so without a typed method).
func cdrServer() *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v2/authorize", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"authToken":"example-token","partitionId":"P100","username":"api@example.com"}`)
	})
	mux.HandleFunc("GET /v2/partition/P100/account/A1/cdrsearch", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("startDate") == "" || q.Get("endDate") == "" || r.Header.Get("X-Auth-Token") != "example-token" {
			http.Error(w, `{"status":400,"messages":["startDate and endDate are required"]}`, http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"totalRecords":2,"results":[`+
			`{"id":"cdr-1","origNumber":"18015551212","dialedNumber":"18015550000","billCallLengthSeconds":62,"cost":0.02},`+
			`{"id":"cdr-2","origNumber":"18015551212","dialedNumber":"18005550199","billCallLengthSeconds":5,"cost":0}]}`)
	})
	mux.HandleFunc("GET /v2/partition/P100/account/A1/cdrsearch/csv", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/csv")
		_, _ = io.WriteString(w, "id,origNumber,dialedNumber\ncdr-1,18015551212,18015550000\n")
	})
	return httptest.NewServer(mux)
}

// Calling an operation by method and path: Alianza's CDR search
// (operationId cdrSearch), with its required startDate and endDate.
func ExampleClient_Do() {
	srv := cdrServer()
	defer srv.Close()
	client, err := alianza.NewClient(alianza.WithBaseURL(srv.URL), alianza.WithCredentials("api@example.com", "secret"))
	if err != nil {
		log.Fatal(err)
	}

	type cdrQuery struct {
		StartDate string `url:"startDate"` // yyyy-MM-dd
		EndDate   string `url:"endDate"`
		MaxResult int    `url:"maxResult,omitempty"`
	}
	var page struct {
		TotalRecords int64 `json:"totalRecords"`
		Results      []struct {
			ID                    string  `json:"id"`
			OrigNumber            string  `json:"origNumber"`
			DialedNumber          string  `json:"dialedNumber"`
			BillCallLengthSeconds int     `json:"billCallLengthSeconds"`
			Cost                  float64 `json:"cost"`
		} `json:"results"`
	}
	resp, err := client.Do(context.Background(), alianza.Operation{
		Method: http.MethodGet,
		Path:   "/v2/partition/{partitionId}/account/{accountId}/cdrsearch",
		Args:   []string{"A1"},
		Query:  cdrQuery{StartDate: "2026-11-01", EndDate: "2026-11-30", MaxResult: 100},
	}, &page)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.StatusCode, page.TotalRecords)
	for _, r := range page.Results {
		fmt.Printf("%s %s -> %s %ds $%.2f\n", r.ID, r.OrigNumber, r.DialedNumber, r.BillCallLengthSeconds, r.Cost)
	}
	// Output:
	// 200 2
	// cdr-1 18015551212 -> 18015550000 62s $0.02
	// cdr-2 18015551212 -> 18005550199 5s $0.00
}

// An answer that is not JSON streams to an io.Writer (a file, a
// response to your own caller), whatever its size.
func ExampleClient_Do_csv() {
	srv := cdrServer()
	defer srv.Close()
	client, err := alianza.NewClient(alianza.WithBaseURL(srv.URL), alianza.WithCredentials("api@example.com", "secret"))
	if err != nil {
		log.Fatal(err)
	}
	resp, err := client.Do(context.Background(), alianza.Operation{
		Method: http.MethodGet,
		Path:   "/v2/partition/{partitionId}/account/{accountId}/cdrsearch/csv",
		Args:   []string{"A1"},
		Query:  url.Values{"startDate": {"2026-11-01"}, "endDate": {"2026-11-30"}},
		Accept: "text/csv",
	}, os.Stdout)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.Header.Get("Content-Type"))
	// Output:
	// id,origNumber,dialedNumber
	// cdr-1,18015551212,18015550000
	// text/csv
}
