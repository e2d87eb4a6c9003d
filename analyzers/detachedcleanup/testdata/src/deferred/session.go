package deferred

// End releases the session's lease; the file imports nothing, so the fix
// adds the import.
func (s *Session) End() error {
	defer s.lease.Release(s.ctx) // want `deferred cleanup s.lease.Release may run after s.ctx is cancelled`
	return nil
}
