// Package ctxvaluecancel defines an analyzer that reports cancel functions
// carried as context values, or kept while their context is thrown away.
//
// (Rules are documented as the analyzer is implemented.)
package ctxvaluecancel
