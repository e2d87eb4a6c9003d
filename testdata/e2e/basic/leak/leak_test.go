package leak

import (
	"context"
	"testing"
)

func TestFetch(t *testing.T) {
	err := Fetch(context.Background(), func(ctx context.Context) error {
		if _, ok := ctx.Deadline(); !ok {
			t.Error("fetch got a context without a deadline")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
