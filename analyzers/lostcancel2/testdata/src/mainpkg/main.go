package main

import (
	"context"
	"flag"
	"os"
	"os/signal"
)

// Returning from main.main ends the process: rule 2 does not apply.
func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	if flag.NArg() == 0 {
		return
	}
	defer stop()
	serve(ctx)
}

// Rule 1 applies in main.main all the same.
func init() {
	flag.Parse()
}

func serve(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx) // want `the cancel function is not used on all paths`
	if ctx.Err() != nil {
		cancel()
	}
} // want `this return statement may be reached without using the cancel var defined on line 26`
