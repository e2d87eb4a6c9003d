// Package forms holds one lostcancel2 finding per form of suppression
// comment. Functions named Reported... must report in both tools;
// functions named Quiet... must not; VetOnly is the one documented
// difference (standalone ctxlint honours //nolint:govet for the findings
// go vet's lostcancel makes too, golangci-lint cannot).
package forms

import (
	"context"
	"time"
)

func QuietNamed(p context.Context) context.Context {
	ctx, _ := context.WithCancel(p) //nolint:lostcancel2
	return ctx
}

func QuietBare(p context.Context) context.Context {
	ctx, _ := context.WithCancel(p) //nolint
	return ctx
}

func QuietBareWithReason(p context.Context) context.Context {
	ctx, _ := context.WithCancel(p) //nolint because the caller cancels the parent
	return ctx
}

func QuietAll(p context.Context) context.Context {
	ctx, _ := context.WithCancel(p) //nolint:all // reason
	return ctx
}

func QuietTrailingComma(p context.Context) context.Context {
	ctx, _ := context.WithCancel(p) //nolint:errcheck,lostcancel2,
	return ctx
}

func QuietUpperCase(p context.Context) context.Context {
	ctx, _ := context.WithCancel(p) //nolint:LostCancel2
	return ctx
}

func QuietSpaced(p context.Context) context.Context {
	ctx, _ := context.WithCancel(p) // nolint:lostcancel2
	return ctx
}

func QuietLineAbove(p context.Context) context.Context {
	//nolint:lostcancel2 // reason
	ctx, _ := context.WithCancel(p)
	return ctx
}

// QuietMultiLineStatement: the directive covers every line of the
// statement below it; the finding is on its second line.
func QuietMultiLineStatement(p context.Context) {
	//nolint:lostcancel2
	if p != nil {
		context.WithTimeout(p, time.Second)
	}
}

//nolint:lostcancel2 // above a declaration: the whole function
func QuietDeclaration(p context.Context, run func(context.Context) error) error {
	ctx, cancel := context.WithCancel(p)
	if err := run(ctx); err != nil {
		return err
	}
	cancel()
	return nil
}

func ReportedOtherLinter(p context.Context) context.Context {
	ctx, _ := context.WithCancel(p) //nolint:errcheck
	return ctx
}

func ReportedEmptyList(p context.Context) context.Context {
	ctx, _ := context.WithCancel(p) //nolint:
	return ctx
}

func ReportedSpaceSeparated(p context.Context) context.Context {
	ctx, _ := context.WithCancel(p) //nolint:lostcancel2 errcheck
	return ctx
}

func ReportedBlockComment(p context.Context) context.Context {
	ctx, _ := context.WithCancel(p) /* nolint */
	return ctx
}

func ReportedTwoLinesAbove(p context.Context) context.Context {
	//nolint:lostcancel2

	ctx, _ := context.WithCancel(p)
	return ctx
}

func VetOnly(p context.Context) context.Context {
	ctx, _ := context.WithCancel(p) //nolint:govet
	return ctx
}
