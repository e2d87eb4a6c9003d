// Package vendorlib is another module, whose functions bgtimeout trusts
// to manage their own contexts, like the standard library's.
package vendorlib

import (
	"context"
	"database/sql"
)

type Client struct{ db *sql.DB }

func (c *Client) Poll() error {
	_, err := c.db.ExecContext(context.Background(), "SELECT 1")
	return err
}
