package crm

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/stretchr/testify/require"
)

// fakeProcessEnv, when set in the environment, makes the test binary serve
// a fake platform instead of running tests (see startFakeProcess); its
// value is the call records per day.
const fakeProcessEnv = "CRM_TEST_FAKE_PROCESS"

func TestMain(m *testing.M) {
	if v := os.Getenv(fakeProcessEnv); v != "" {
		serveFakeProcess(v)
	}
	os.Exit(m.Run())
}

// serveFakeProcess serves a fake on loopback, prints its URL, and exits
// when its standard input closes. Violations go to standard error.
func serveFakeProcess(perDay string) {
	n, err := strconv.Atoi(perDay)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	srv, err := alianzatest.Start(alianzatest.WithCallRecords(42, n), alianzatest.WithRequestLogLimit(100), alianzatest.WithViolationLog(os.Stderr))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fmt.Println(srv.URL())
	_, _ = io.Copy(io.Discard, os.Stdin)
	srv.Close()
	os.Exit(0)
}

// startFakeProcess runs a fake platform in a child process (this test
// binary), so that the heap a test samples is its own, not the fake's, and
// returns a client for it. The test fails if the fake saw a violation.
func startFakeProcess(t *testing.T, perDay int, opts ...alianza.Option) *alianza.Client {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), fakeProcessEnv+"="+strconv.Itoa(perDay))
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	var stderr strings.Builder
	var mu sync.Mutex
	cmd.Stderr = writerFunc(func(p []byte) (int, error) { mu.Lock(); defer mu.Unlock(); return stderr.Write(p) })
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = stdin.Close()
		_ = cmd.Wait()
		mu.Lock()
		defer mu.Unlock()
		if stderr.Len() > 0 {
			t.Errorf("fake process: %s", stderr.String())
		}
	})
	url, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err)
	api, err := alianza.NewClient(append([]alianza.Option{
		alianza.WithBaseURL(strings.TrimSpace(url)),
		alianza.WithCredentials(alianzatest.DefaultUsername, alianzatest.DefaultPassword),
	}, opts...)...)
	require.NoError(t, err)
	return api
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
