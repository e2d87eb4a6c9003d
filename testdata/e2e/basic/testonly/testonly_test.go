package testonly

import (
	"context"
	"testing"
	"time"
)

func TestPing(t *testing.T) {
	ctx, _ := context.WithTimeout(context.Background(), time.Minute)
	if !Ping(ctx) {
		t.Fatal("fresh context is not live")
	}
}
