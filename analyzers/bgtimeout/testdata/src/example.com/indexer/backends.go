package indexer

import (
	"context"
	"net"
)

// remoteIndex is the production Index: a network round trip per document.
type remoteIndex struct{ addr string }

func (x *remoteIndex) Put(ctx context.Context, doc string) error {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", x.addr)
	if err != nil {
		return err
	}
	return conn.Close()
}

var _ Index = (*remoteIndex)(nil)
