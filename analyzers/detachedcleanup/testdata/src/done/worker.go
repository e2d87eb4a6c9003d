package done

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"time"

	"pgxish"
	"rpcish"
)

type worker struct {
	jobs   chan *rpcish.Msg
	tracer rpcish.Tracer
	conns  []*pgxish.Conn
}

// pump forwards jobs until ctx ends, then tries to half-close the stream
// with the cancelled context.
func (w *worker) pump(ctx context.Context, stream rpcish.ClientStream) error {
	for {
		select {
		case <-ctx.Done():
			slog.WarnContext(ctx, "stopping pump", "err", ctx.Err())
			_, span := w.tracer.Start(ctx, "pump.stop")
			defer span.End()
			if err := stream.CloseSend(ctx); err != nil { // want `stream.CloseSend is called with ctx, which is already cancelled here; use context.WithoutCancel\(ctx\) with a timeout`
				return fmt.Errorf("close stream after %v: %w", ctx, err)
			}
			return ctx.Err()
		case job := <-w.jobs:
			if err := stream.Send(ctx, job); err != nil {
				return err
			}
		}
	}
}

// drain closes every connection from a goroutine started once ctx is done:
// the closure runs after the cancellation too.
func (w *worker) drain(ctx context.Context) {
	select {
	case <-ctx.Done():
		go func() {
			for _, c := range w.conns {
				if err := c.Close(ctx); err != nil { // want `c.Close is called with ctx, which is already cancelled here`
					log.Print(err)
				}
			}
		}()
	case <-time.After(time.Minute):
		for _, c := range w.conns {
			_ = c.Close(ctx)
		}
	}
}

// stop detaches before closing: the variable is reassigned, so the region
// no longer applies to it.
func (w *worker) stop(ctx context.Context) {
	select {
	case <-ctx.Done():
		ctx = context.WithoutCancel(ctx)
		for _, c := range w.conns {
			_ = c.Close(ctx)
		}
	case _, ok := <-w.jobs:
		if !ok {
			return
		}
	}
}

type ctxKey struct{}

// tagged passes a value-wrapped child of the cancelled context.
func tagged(ctx context.Context, conn *pgxish.Conn) {
	<-ctx.Done()
	vctx := context.WithValue(ctx, ctxKey{}, "shutdown")
	_ = conn.Close(vctx) // want `conn.Close is called with vctx, which derives from ctx and is already cancelled here; use context.WithoutCancel\(ctx\) with a timeout`
}

// commit rolls back after a failed commit once it sees ctx is done.
func commit(ctx context.Context, tx pgxish.Tx) error {
	if err := tx.Commit(ctx); err != nil {
		if ctx.Err() != nil {
			_ = tx.Rollback(ctx) // want `tx.Rollback is called with ctx, which is already cancelled here`
			return ctx.Err()
		}
		return err
	}
	return nil
}

func closeIfDone(ctx context.Context, conn *pgxish.Conn) error {
	if err := ctx.Err(); err != nil {
		return conn.Close(ctx) // want `conn.Close is called with ctx, which is already cancelled here`
	}
	return nil
}

func release(ctx context.Context, pool *pgxish.Pool, conn *pgxish.Conn, released bool) {
	if !released && ctx.Err() != nil {
		_ = pool.Release(ctx, conn) // want `pool.Release is called with ctx, which is already cancelled here`
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		_ = pool.Release(ctx, conn) // want `pool.Release is called with ctx, which is already cancelled here`
	}
	if ctx.Err() == nil {
		_ = pool.Release(ctx, conn)
	} else {
		_ = pool.Release(ctx, conn) // want `pool.Release is called with ctx, which is already cancelled here`
	}
}

// exec has one context in scope: a Canceled error is ctx's.
func exec(ctx context.Context, conn *pgxish.Conn, sql string) error {
	_, err := conn.Exec(ctx, sql)
	if errors.Is(err, context.Canceled) {
		_ = conn.Close(ctx) // want `conn.Close is called with ctx, which is already cancelled here`
	}
	return err
}

// execWithTimeout has two contexts in scope: which one was cancelled is
// not known.
func execWithTimeout(ctx context.Context, conn *pgxish.Conn, sql string) error {
	qctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_, err := conn.Exec(qctx, sql)
	if errors.Is(err, context.Canceled) {
		_ = conn.Close(ctx)
	}
	return err
}

// execDeadline: DeadlineExceeded may come from a timeout inside the callee
// while ctx is still live.
func execDeadline(ctx context.Context, conn *pgxish.Conn, sql string) error {
	_, err := conn.Exec(ctx, sql)
	if errors.Is(err, context.DeadlineExceeded) {
		_ = conn.Close(ctx)
	}
	return err
}

// guarded returns early when ctx is done; what follows runs on a live
// context.
func guarded(ctx context.Context, conn *pgxish.Conn) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return conn.Close(ctx)
}

// wait returns the context's error: nothing to report.
func wait(ctx context.Context, ready <-chan struct{}) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-ready:
		return nil
	}
}

// execOwn's only context is its own: a Canceled error is not a caller's
// cancellation.
func execOwn(conn *pgxish.Conn, sql string) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := conn.Exec(ctx, sql)
	if errors.Is(err, context.Canceled) {
		_ = conn.Close(ctx)
	}
	return err
}

// relay waits on another context: ctx itself is live.
func relay(ctx, upstream context.Context, conn *pgxish.Conn, retry bool) {
	select {
	case <-upstream.Done():
		_ = conn.Close(ctx)
	case <-time.After(time.Second):
	}
	if ctx.Err() != nil || retry {
		_ = conn.Close(ctx) // || does not prove ctx is done
	}
}

// checkpoint keeps ctx.Err() in a variable before testing it.
func checkpoint(ctx context.Context, conn *pgxish.Conn) error {
	err := ctx.Err()
	log.Printf("checkpoint: %v", err)
	if err != nil {
		return conn.Close(ctx) // want `conn.Close is called with ctx, which is already cancelled here`
	}
	return nil
}

// lastErr is reassigned: its test proves nothing about ctx.
func lastErr(ctx context.Context, conn *pgxish.Conn) error {
	err := ctx.Err()
	if err == nil {
		_, err = conn.Exec(ctx, "SELECT 1")
	}
	if err != nil {
		return conn.Close(ctx)
	}
	return nil
}

type timeoutError struct{ err error }

func (e *timeoutError) Error() string { return "timeout: " + e.err.Error() }

// newContextAlreadyDoneError only reads ctx: calling it once ctx is done is
// what it is for.
func newContextAlreadyDoneError(ctx context.Context) error {
	return &timeoutError{err: ctx.Err()}
}

func wrapDone(ctx context.Context, op string) error {
	slog.DebugContext(ctx, "context done", "op", op)
	return fmt.Errorf("%s: %w", op, newContextAlreadyDoneError(ctx))
}

// send waits on ctx: with a cancelled one it fails at random.
func send(ctx context.Context, ch chan<- string, v string) error {
	select {
	case ch <- v:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func lock(ctx context.Context, out chan<- string) error {
	select {
	case <-ctx.Done():
		// send is not a cleanup: work after ctx is done is often on
		// purpose (producing ctx's error), so rule 1 does not judge it.
		if err := send(ctx, out, "lock abandoned"); err != nil {
			return err
		}
		return wrapDone(ctx, "lock")
	default:
	}
	return nil
}

type memBuffer struct{ lines []string }

// Flush ignores its context: a cancelled one cannot make it fail.
func (b *memBuffer) Flush(ctx context.Context) error {
	b.lines = b.lines[:0]
	return nil
}

func (b *memBuffer) run(ctx context.Context, in <-chan string) error {
	for {
		select {
		case <-ctx.Done():
			return b.Flush(ctx)
		case l := <-in:
			b.lines = append(b.lines, l)
		}
	}
}

// barrier is written for a cancelled context: it reschedules itself when
// ctx is done. Calling it there does what it defines.
func barrier(ctx context.Context, retry func()) {
	if ctx.Err() != nil {
		retry()
		return
	}
}

// rollbackUnlessDone skips the rollback when ctx is done: a cleanup
// helper whose early return leaks the transaction.
func rollbackUnlessDone(ctx context.Context, conn *pgxish.Conn) {
	if ctx.Err() != nil {
		return
	}
	_ = conn.Close(ctx)
}

func compactJob(ctx context.Context, conn *pgxish.Conn, retry func()) {
	if ctx.Err() != nil {
		barrier(ctx, retry)
		rollbackUnlessDone(ctx, conn) // want `rollbackUnlessDone is called with ctx, which is already cancelled here`
		return
	}
}
