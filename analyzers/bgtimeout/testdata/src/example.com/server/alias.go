package server

import stdctx "context"

// Contexts are recognised by type, not by spelling.
type Ctx = stdctx.Context

func (s *Server) aliased() {
	var bg Ctx = stdctx.TODO()
	go s.warm(bg) // want `goroutine runs s.warm with bg from stdctx.TODO\(\)`
}

var appCtx stdctx.Context

// Background is this package's own, not the context package's: its
// context is whatever the application configured.
func Background() stdctx.Context { return appCtx }

func (s *Server) ownBackground() {
	go s.warm(Background())
}
