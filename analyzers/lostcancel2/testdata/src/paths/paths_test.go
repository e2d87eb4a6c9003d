package paths

import (
	"context"
	"testing"
	"time"
)

type fakeStore map[string]string

func (f fakeStore) Get(ctx context.Context, key string) (string, error) { return f[key], ctx.Err() }

func TestGet(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	if _, err := (fakeStore{}).Get(ctx, "k"); err != nil {
		t.Fatalf("Get: %v", err) // stops the test: no call needed
	}
	cancel()
}

func TestLeaky(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second) // want `the cancel function is not used on all paths`
	if _, err := (fakeStore{}).Get(ctx, "k"); err != nil {
		t.Errorf("Get: %v", err)
		return // want `this return statement may be reached without using the cancel var`
	}
	cancel()
}

func TestDiscard(t *testing.T) {
	ctx, _ := context.WithCancel(context.Background()) // want `the cancel function returned by context.WithCancel should be called, not discarded`
	_ = ctx
}
