package derived

import (
	"context"
	"log"
	"net/http"
	"time"

	"pgxish"
	"rpcish"
)

// follow half-closes the stream with a timeout built on the request's
// context: if that context is cancelled, so is the timeout's.
func follow(ctx context.Context, c *rpcish.Client, key string) error {
	stream, err := c.Watch(ctx, key)
	if err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(ctx, 5*time.Second) // want `cleanup context derived from ctx inherits its cancellation; derive it from context.WithoutCancel\(ctx\)`
		defer cancel()
		if err := stream.CloseSend(cctx); err != nil {
			log.Printf("close send: %v", err)
		}
	}()
	_, err = stream.Recv()
	return err
}

// serve shuts down on a timeout derived from the cancelled context.
func serve(ctx context.Context, srv *http.Server) error {
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second) // want `cleanup context derived from ctx inherits its cancellation`
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	return srv.ListenAndServe()
}

// flush gives the final flush a deadline derived from the cancelled
// context, in a select case.
func flush(ctx context.Context, conn *pgxish.Conn, batches <-chan []any) error {
	for {
		select {
		case <-ctx.Done():
			fctx, cancel := context.WithDeadline(ctx, time.Now().Add(time.Second)) // want `cleanup context derived from ctx inherits its cancellation`
			defer cancel()
			return conn.Close(fctx)
		case b := <-batches:
			if _, err := conn.Exec(ctx, "INSERT INTO batch VALUES ($1)", b...); err != nil {
				return err
			}
		}
	}
}

// The shapes below stay quiet.

func followDetached(ctx context.Context, c *rpcish.Client, key string) error {
	stream, err := c.Watch(ctx, key)
	if err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = stream.CloseSend(cctx)
	}()
	_, err = stream.Recv()
	return err
}

// query derives a timeout outside any cleanup region.
func query(ctx context.Context, conn *pgxish.Conn) error {
	qctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_, err := conn.Exec(qctx, "SELECT 1")
	return err
}

// janitor's context is its own: a deferred timeout on it is fine.
func janitor(conn *pgxish.Conn) {
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	defer func() {
		cctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		_ = conn.Close(cctx)
	}()
	_, _ = conn.Exec(ctx, "DELETE FROM sessions WHERE expired")
}
