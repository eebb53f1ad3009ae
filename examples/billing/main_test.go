package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-alianza/alianza/alianzatest"
	"github.com/go-alianza/alianza/crm"
)

func TestRunAgainstTheFake(t *testing.T) {
	out := filepath.Join(t.TempDir(), "nov.csv")
	env := map[string]string{"ALIANZA_EXAMPLE_PERIOD": "2026-09", "ALIANZA_EXAMPLE_OUTPUT": out}
	var w bytes.Buffer
	require.NoError(t, run(context.Background(), &w, func(k string) string { return env[k] }))
	s := w.String()
	assert.Contains(t, s, "Exporting call records from 2026-09-01 to 2026-09-30")
	assert.Contains(t, s, "[1/1] DEMO-1001 2700 record(s)")
	assert.Contains(t, s, "Wrote 2700 record(s) of 1 account(s)")
	assert.Contains(t, s, "  DEMO-1001  2700")

	f, err := os.Open(out)
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, crm.CallRecordCSVHeader, rows[0])
	assert.Len(t, rows, 1+30*alianzatest.DemoCallsPerDay)
}

func TestBillingPeriod(t *testing.T) {
	now := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	p, err := billingPeriod(func(string) string { return "" }, now)
	require.NoError(t, err)
	assert.Equal(t, crm.BillingPeriod{StartDate: "2026-02-01", EndDate: "2026-02-28"}, p, "last month")
	env := map[string]string{"ALIANZA_EXAMPLE_PERIOD": "2026-01", "ALIANZA_EXAMPLE_BILLING_DAY": "30"}
	p, err = billingPeriod(func(k string) string { return env[k] }, now)
	require.NoError(t, err)
	assert.Equal(t, crm.BillingPeriod{StartDate: "2026-01-28", EndDate: "2026-02-27"}, p)
	env["ALIANZA_EXAMPLE_PERIOD"] = "Jan"
	_, err = billingPeriod(func(k string) string { return env[k] }, now)
	assert.ErrorContains(t, err, "want YYYY-MM")
}

func TestConnectNeedsAllCredentials(t *testing.T) {
	env := map[string]string{"ALIANZA_USERNAME": "api@example.com"}
	err := run(context.Background(), &bytes.Buffer{}, func(k string) string { return env[k] })
	require.Error(t, err)
	assert.Contains(t, err.Error(), "set all of ALIANZA_BASE_URL, ALIANZA_USERNAME and ALIANZA_PASSWORD")
}
