// Package tcleanup holds test helpers that register cleanups.
package tcleanup

import (
	"context"

	"pgxish"
)

func createSchema(ctx context.Context, conn *pgxish.Conn, name string) error {
	_, err := conn.Exec(ctx, "CREATE SCHEMA "+name)
	return err
}
