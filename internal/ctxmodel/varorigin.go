package ctxmodel

import "go/types"

// VarOrigin returns the origin of the context held by the local or
// package variable v, as Origin does for an identifier denoting v. Callers
// that enumerate variables (those in scope at a position) rather than
// expressions use it.
func (m *Model) VarOrigin(v *types.Var) *Origin {
	if v == nil || v.IsField() {
		return unknown
	}
	return m.varOrigin(v, map[*types.Var]bool{})
}
