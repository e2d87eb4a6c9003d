// Package user uses sample's types from another package.
package user

import (
	"context"
	"example.com/mod/sample"
)

var (
	L    sample.List[string]
	P    sample.GAlias[int]
	H    = sample.V10 // an unexported type of another package
	Anon = sample.V7  // an unnamed struct declared in another package
)

type Wrapped sample.Cache[string, int]

type Mine struct {
	sample.Tree
	*sample.List[Mine]
}

func (m Mine) String() string { return "" }

type Local interface {
	sample.Key
	context.Context
}

func Use[T sample.Number](x sample.List[T]) sample.Pair[T, sample.Enum] {
	return sample.Pair[T, sample.Enum]{}
}

const C = sample.Big >> 190

type G[T comparable] struct{ p sample.Pair[T, T] }

func (g G[T]) M() sample.GAlias[T] { return sample.GAlias[T]{} }
