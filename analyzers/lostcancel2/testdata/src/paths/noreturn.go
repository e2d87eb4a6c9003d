package paths

import (
	"context"
	"errors"

	"diepkg"
)

// A path that ends in another package's helper that exits does not leak
// the context: vet's lostcancel knows it through ctrlflow's facts, and so
// does lostcancel2, through the model's NoReturn fact.
func dieElsewhere(parent context.Context, ok bool) {
	ctx, cancel := context.WithCancel(parent)
	if !ok {
		diepkg.Die(errors.New("not ok"))
	}
	if !ok {
		diepkg.Wrapped("still not ok")
	}
	defer cancel()
	consume(ctx)
}

// The same shape with a helper that returns leaks on the early path.
func returnsElsewhere(parent context.Context, ok bool) {
	ctx, cancel := context.WithCancel(parent) // want `the cancel function is not used on all paths \(possible context leak\)`
	if !ok {
		report(errors.New("not ok"))
		return // want `this return statement may be reached without using the cancel var defined on line 27`
	}
	defer cancel()
	consume(ctx)
}

func report(err error) { _ = err }

func consume(ctx context.Context) { _ = ctx }
