package done

import (
	"context"

	"pgxish"
)

// Subscriber keeps its context in a field, as long-lived listeners do.
type Subscriber struct {
	ctx    context.Context
	conn   *pgxish.Conn
	events chan string
	other  *Subscriber
}

func (s *Subscriber) loop() {
	for {
		select {
		case <-s.ctx.Done():
			_ = s.other.conn.Close(s.other.ctx) // a different subscriber's context
			_ = s.conn.Close(s.ctx)             // want `s.conn.Close is called with s.ctx, which is already cancelled here; use context.WithoutCancel\(s.ctx\) with a timeout`
			return
		case e := <-s.events:
			_, _ = s.conn.Exec(s.ctx, "NOTIFY events, $1", e)
		}
	}
}
