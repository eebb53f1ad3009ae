// Command alianza-fake serves the alianzatest fake Alianza platform on a
// TCP address until interrupted, for trying the SDK, a CRM or the console
// without credentials:
//
//	go run ./cmd/alianza-fake -addr 127.0.0.1:8080 [-username u -password p] [-demo]
//
// It prints the base URL and the credentials to use, and logs every spec
// violation of the traffic it serves to stderr.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/go-alianza/alianza/alianzatest"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "alianza-fake:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("alianza-fake", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	username := fs.String("username", alianzatest.DefaultUsername, "username the fake accepts")
	password := fs.String("password", alianzatest.DefaultPassword, "password the fake accepts")
	partition := fs.String("partition", alianzatest.DefaultPartitionID, "partition ID of the login")
	demo := fs.Bool("demo", false, "seed a demo business account (account number "+alianzatest.DemoAccountNumber+")")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	opts := []alianzatest.Option{
		alianzatest.WithAddr(*addr),
		alianzatest.WithCredentials(*username, *password),
		alianzatest.WithPartitionID(*partition),
		alianzatest.WithViolationLog(stderr),
	}
	if *demo {
		opts = append(opts, alianzatest.WithDemoData())
	}
	srv, err := alianzatest.Start(opts...)
	if err != nil {
		return err
	}
	defer srv.Close()
	fmt.Fprintf(stdout, "alianza-fake serving %s\n  username:  %s\n  password:  %s\n  partition: %s\n",
		srv.URL(), srv.Username(), srv.Password(), srv.PartitionID())
	if *demo {
		fmt.Fprintf(stdout, "  demo account number: %s\n", alianzatest.DemoAccountNumber)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	fmt.Fprintln(stdout, "alianza-fake: stopping")
	return nil
}
