package deferred

import (
	"context"
	"errors"
	"fmt"
	"time"

	"pgxish"
	"rpcish"
	"sqlish"
)

type Store struct {
	conn *pgxish.Conn
	pool *pgxish.Pool
	db   *sqlish.DB
	rpc  *rpcish.Client
}

// Transfer rolls back on the request's context: if the request is
// cancelled mid-transaction, the driver cannot send ROLLBACK.
func (s *Store) Transfer(ctx context.Context, from, to string, cents int64) error {
	tx, err := s.conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx) // want `deferred cleanup tx.Rollback may run after ctx is cancelled and then fail; pass context.WithoutCancel\(ctx\)`
	if _, err := tx.Exec(ctx, "UPDATE accounts SET cents = cents - $1 WHERE id = $2", cents, from); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// Import rolls back from a deferred function literal.
func (s *Store) Import(ctx context.Context, rows [][]any) (err error) {
	tx, err := s.conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			if rerr := tx.Rollback(ctx); rerr != nil { // want `deferred cleanup tx.Rollback may run after ctx is cancelled`
				err = errors.Join(err, rerr)
			}
		}
	}()
	for _, r := range rows {
		if _, err = tx.Exec(ctx, "INSERT INTO items VALUES ($1, $2)", r...); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}

// Watch half-closes the stream when it returns.
func (s *Store) Watch(ctx context.Context, key string, out chan<- *rpcish.Msg) error {
	stream, err := s.rpc.Watch(ctx, key)
	if err != nil {
		return err
	}
	defer func() { _ = stream.CloseSend(ctx) }() // want `deferred cleanup stream.CloseSend may run after ctx is cancelled`
	for {
		m, err := stream.Recv()
		if err != nil {
			return err
		}
		out <- m
	}
}

// Batch defers a method value bound to the transaction.
func (s *Store) Batch(ctx context.Context, stmts []string) error {
	tx, err := s.conn.Begin(ctx)
	if err != nil {
		return err
	}
	rollback := tx.Rollback
	defer rollback(ctx) // want `deferred cleanup rollback may run after ctx is cancelled`
	for _, q := range stmts {
		if _, err := tx.Exec(ctx, q); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}

// Retry releases each attempt's connection from inside a nested closure.
func (s *Store) Retry(ctx context.Context, q string) error {
	return retry(ctx, 3, func(ctx context.Context) error {
		conn, err := s.pool.Acquire(ctx)
		if err != nil {
			return err
		}
		defer func() {
			if err := s.pool.Release(ctx, conn); err != nil { // want `deferred cleanup s.pool.Release may run after ctx is cancelled`
				fmt.Println("release:", err)
			}
		}()
		_, err = conn.Exec(ctx, q)
		return err
	})
}

func retry(ctx context.Context, n int, f func(context.Context) error) (err error) {
	for i := 0; i < n; i++ {
		if err = f(ctx); err == nil {
			return nil
		}
	}
	return err
}

// Session holds the context of the connection it serves.
type Session struct {
	ctx   context.Context
	lease *Lease
}

type Lease struct {
	client rpcish.Lease
	id     rpcish.LeaseID
}

func (l *Lease) Release(ctx context.Context) error {
	_, err := l.client.Revoke(ctx, l.id)
	return err
}

func (s *Session) Run(work func() error) error {
	defer s.lease.Release(s.ctx) // want `deferred cleanup s.lease.Release may run after s.ctx is cancelled and then fail; pass context.WithoutCancel\(s.ctx\)`
	return work()
}

// The shapes below stay quiet.

// TransferDetached rolls back on a detached context.
func (s *Store) TransferDetached(ctx context.Context, from, to string) error {
	tx, err := s.conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	return tx.Commit(ctx)
}

// TransferBounded rolls back on a timeout derived from a detached context.
func (s *Store) TransferBounded(ctx context.Context) error {
	tx, err := s.conn.Begin(ctx)
	if err != nil {
		return err
	}
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	defer tx.Rollback(rctx)
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
		defer cancel()
		_ = s.conn.Close(cctx)
	}()
	return tx.Commit(ctx)
}

// Shutdown closes on a fresh context.
func (s *Store) Shutdown() {
	defer s.conn.Close(context.Background())
	defer s.conn.Close(context.TODO())
}

// Rebuild owns its context: only its own deferred cancel ends it, and that
// runs after the rollback.
func (s *Store) Rebuild() error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tx, err := s.conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	return tx.Commit(ctx)
}

// Report uses database/sql's shapes: Rollback and Close take no context.
func (s *Store) Report(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, &sqlish.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, "SELECT id FROM accounts")
	if err != nil {
		return err
	}
	defer rows.Close()
	defer s.audit(ctx, "report") // not a cleanup call
	for rows.Next() {
	}
	return nil
}

func (s *Store) audit(ctx context.Context, what string) error {
	_, err := s.conn.Exec(ctx, "INSERT INTO audit VALUES ($1)", what)
	return err
}
