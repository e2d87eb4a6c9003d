package deferred

import (
	"testing"

	"pgxish"
)

// A deferred call runs when the test function returns, before t.Context()
// is cancelled: nothing to report.
func TestTransfer(t *testing.T) {
	ctx := t.Context()
	conn, err := pgxish.Connect(ctx, "postgres://localhost/test")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	s := &Store{conn: conn}
	if err := s.Transfer(ctx, "a", "b", 100); err != nil {
		t.Fatal(err)
	}
}
