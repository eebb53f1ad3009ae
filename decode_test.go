package alianza

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Answers are read into pooled buffers that the next call reuses, so a
// decoded model must own its bytes: 400 accounts fetched by 8 goroutines
// at once, each with its own id, name and number, still read as they were
// sent once every call has finished.
func TestDecodedModelsOwnTheirBytes(t *testing.T) {
	f := newFakeAlianza(t)
	f.on(fakeAccount, func(w http.ResponseWriter, r *http.Request) {
		id := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
		writeJSON(w, 200, fmt.Sprintf(`{"id":%q,"accountName":"name of %s","accountNumber":"N-%s","status":"ACTIVE"}`, id, id, id))
	})
	c := f.client()
	got := make([]*Account, 400)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := g; i < len(got); i += 8 {
				a, err := c.Accounts.Get(context.Background(), fmt.Sprintf("A%03d", i))
				if assert.NoError(t, err) {
					got[i] = a
				}
			}
		})
	}
	wg.Wait()
	for i, a := range got {
		require.NotNil(t, a, i)
		id := fmt.Sprintf("A%03d", i)
		assert.Equal(t, id, a.ID)
		assert.Equal(t, "name of "+id, a.AccountName)
		assert.Equal(t, "N-"+id, a.AccountNumber)
		assert.Equal(t, AccountStatusActive, a.Status)
	}
}
