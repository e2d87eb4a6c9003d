package testsoff

import (
	"context"
	"net"
)

type Poller struct{}

// Run polls a remote endpoint: a network round trip the context bounds.
func (p *Poller) Run(ctx context.Context) error {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", "localhost:1")
	if err != nil {
		return err
	}
	return conn.Close()
}
