package done

import (
	"context"
	"net"

	"pgxish"
)

// Rule 1 is about cleanup. Other work after ctx is done is often on
// purpose: a fake dialer in a test waits for the deadline and then dials
// to hand back the timeout error the code under test must handle.
type dialFunc func(ctx context.Context, network, addr string) (net.Conn, error)

func timingOutDialer() dialFunc {
	var d net.Dialer
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		<-ctx.Done()
		return d.DialContext(ctx, network, addr)
	}
}

// A helper that hands its context on to a cleanup is a cleanup, whatever
// its name.
func tidy(ctx context.Context, c *pgxish.Conn) error { return c.Close(ctx) }

func closeWhenDone(ctx context.Context, c *pgxish.Conn) error {
	<-ctx.Done()
	return tidy(ctx, c) // want `tidy is called with ctx, which is already cancelled here`
}
