// Package clihooks is a command-line tool whose commands get a timeout from
// a pre-run hook. The post-run hook is skipped when the command fails, so
// a cancel fetched there is never called on the error path.
package clihooks

import (
	"context"
	"time"
)

// Command mirrors the hook shape of common CLI frameworks.
type Command struct {
	Use      string
	PreRunE  func(cmd *Command, args []string) error
	RunE     func(cmd *Command, args []string) error
	PostRunE func(cmd *Command, args []string) error
	ctx      context.Context
}

func (c *Command) Context() context.Context       { return c.ctx }
func (c *Command) SetContext(ctx context.Context) { c.ctx = ctx }

type timeoutKey struct{}

var timeout = 30 * time.Second

func NewRootCommand() *Command {
	return &Command{
		Use: "deploy",
		PreRunE: func(cmd *Command, args []string) error {
			ctx, cancel := context.WithTimeout(cmd.Context(), timeout)
			cmd.SetContext(context.WithValue(ctx, timeoutKey{}, cancel)) // want `cancel function stored as a context value`
			return nil
		},
		RunE: deploy,
		PostRunE: func(cmd *Command, args []string) error {
			if cancel, ok := cmd.Context().Value(timeoutKey{}).(context.CancelFunc); ok { // want `cancel function retrieved from a context value`
				cancel()
			}
			return nil
		},
	}
}

// NewFixedCommand scopes the timeout to the run itself.
func NewFixedCommand() *Command {
	return &Command{
		Use: "deploy",
		RunE: func(cmd *Command, args []string) error {
			ctx, cancel := context.WithTimeout(cmd.Context(), timeout)
			defer cancel()
			cmd.SetContext(ctx)
			return deploy(cmd, args)
		},
	}
}

func deploy(cmd *Command, args []string) error {
	<-cmd.Context().Done()
	return cmd.Context().Err()
}
