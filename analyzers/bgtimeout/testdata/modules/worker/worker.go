// Package worker runs jobs of its own module and of another module.
package worker

import (
	"database/sql"

	"example.com/svc/jobs"
	"example.com/vendorlib"
)

func Run(db *sql.DB, c *vendorlib.Client) {
	go jobs.Purge(db) // want `goroutine runs jobs.Purge, which calls db.ExecContext with context.Background\(\) \(jobs.go:10\) without a deadline`
	go c.Poll()       // another module: not followed
}
