package loops

import (
	"context"
	"iter"
	"runtime"
	"testing"
	"time"
)

// In a test, a loop whose trip count the code bounds (a table, an array,
// a constant count) runs a few times, and its deferred cancels end with
// the test: rule 6 is quiet.
func TestTable(t *testing.T) {
	for _, tc := range []struct{ name string }{{"a"}, {"b"}} {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = ctx
		_ = tc
	}
	for range [3]int{} {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_ = ctx
	}
	for i := 0; i < 5; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_ = ctx
	}
	cases := []string{"a", "b"}
	for i := 0; i < len(cases); i++ {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_ = ctx
	}
	for range 4 {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_ = ctx
	}
	for i := 0; i < 2*len(cases)+1; i++ { // arithmetic of lengths and constants
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_ = ctx
	}
	workers := 4 // a local set once to a fixed count
	for i := 0; i < workers; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_ = ctx
	}
	for range workers {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		_ = ctx
	}
}

// Loops the code does not bound pile up cancels in a test as anywhere.
func TestUnbounded(t *testing.T) {
	events := make(chan int)
	for range events {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel() // want `defer cancel\(\) inside a loop runs only when the function returns; call cancel at the end of each iteration`
		_ = ctx
	}
	for {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel() // want `defer cancel\(\) inside a loop runs only when the function returns`
		if ctx.Err() == nil {
			break
		}
	}
	for t.Failed() {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel() // want `defer cancel\(\) inside a loop runs only when the function returns`
		_ = ctx
	}
	for ; t.Context().Err() == nil; <-time.After(time.Millisecond) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel() // want `defer cancel\(\) inside a loop runs only when the function returns`
		_ = ctx
	}
	n := runtime.NumCPU() // a count the code does not fix
	for i := 0; i < n; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel() // want `defer cancel\(\) inside a loop runs only when the function returns`
		_ = ctx
	}
	for range n {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel() // want `defer cancel\(\) inside a loop runs only when the function returns`
		_ = ctx
	}
	var seq iter.Seq[int]
	for range seq {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel() // want `defer cancel\(\) inside a loop runs only when the function returns`
		_ = ctx
	}
}
