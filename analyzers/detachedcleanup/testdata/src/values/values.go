package values

import (
	"context"
	"log"
	"net/http"
	"time"

	"pgxish"
	"rpcish"
)

// follow detaches its cleanup, but from Background: the trace and request
// IDs that ctx carries are lost for the close.
func follow(ctx context.Context, c *rpcish.Client, key string) error {
	stream, err := c.Watch(ctx, key)
	if err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second) // want `cleanup context built from context.Background\(\) drops the values of ctx \(trace and request IDs, credentials\); use context.WithoutCancel\(ctx\)`
		defer cancel()
		if err := stream.CloseSend(cctx); err != nil {
			log.Printf("close send: %v", err)
		}
	}()
	_, err = stream.Recv()
	return err
}

// handle shuts a session down once the request ends.
func handle(w http.ResponseWriter, r *http.Request, conn *pgxish.Conn) {
	ctx := r.Context()
	go func() {
		<-ctx.Done()
		_ = conn.Close(context.TODO()) // want `cleanup context built from context.TODO\(\) drops the values of ctx`
	}()
	_, _ = conn.Exec(ctx, "LISTEN events")
}

// The shapes below stay quiet.

// janitor has no caller's context whose values could be kept.
func janitor(conn *pgxish.Conn) {
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = conn.Close(cctx)
	}()
	_, _ = conn.Exec(context.Background(), "DELETE FROM sessions WHERE expired")
}

// two contexts are in scope: which one's values to keep is not known.
func two(ctx context.Context, conn *pgxish.Conn) {
	qctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	defer func() {
		_ = conn.Close(context.Background())
	}()
	_, _ = conn.Exec(qctx, "SELECT 1")
}

// outside any cleanup region, Background is someone else's business.
func start(ctx context.Context, conn *pgxish.Conn) {
	go conn.Exec(context.Background(), "VACUUM")
	_, _ = conn.Exec(ctx, "SELECT 1")
}
