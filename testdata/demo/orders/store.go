package orders

import (
	"context"
	"net"
)

// The production implementations: every call is a network round trip
// that the context bounds, so cancellation and deadlines matter to them.

type wire struct{ addr string }

func (w wire) roundTrip(ctx context.Context) error {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", w.addr)
	if err != nil {
		return err
	}
	return conn.Close()
}

type pgDB struct{ w wire }

func (db pgDB) BeginTx(ctx context.Context) (Tx, error) { return pgTx(db), db.w.roundTrip(ctx) }

type pgTx struct{ w wire }

func (tx pgTx) Exec(ctx context.Context, query string, args ...any) error { return tx.w.roundTrip(ctx) }
func (tx pgTx) Commit(ctx context.Context) error                          { return tx.w.roundTrip(ctx) }
func (tx pgTx) Rollback(ctx context.Context) error                        { return tx.w.roundTrip(ctx) }

type redisCache struct{ w wire }

func (c redisCache) Set(ctx context.Context, key string, value any) error { return c.w.roundTrip(ctx) }

var (
	_ DB    = pgDB{}
	_ Cache = redisCache{}
)
