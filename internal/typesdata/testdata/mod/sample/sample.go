// Package sample exercises what typesdata must encode.
package sample

import (
	"context"
	"errors"
	"io"
	"math"
	"sync"
	"unsafe"
)

// Constants of every kind.
const (
	Bool               = true
	Str                = "a string\x00 with \"quotes\""
	Int                = 42
	Neg                = -7
	Big                = 1 << 200
	BigNeg             = -(1 << 100) + 1
	Float              = 3.25
	Third              = 1.0 / 3
	Pi                 = math.Pi
	Huge               = 1e300 * 1e300
	Tiny               = 1e-300 / 1e300
	Complex            = 2 + 3i
	ComplexBig         = 1e40 + 1i/3
	Rune               = 'x'
	Typed      int32   = 9
	TypedF     float32 = 0.1
	MaxU       uint64  = math.MaxUint64
	unexp              = iota
	Ptr        uintptr = 0
)

type Enum int

const (
	A Enum = iota
	B
	C
)

func (e Enum) String() string   { return [...]string{"A", "B", "C"}[e] }
func (e Enum) Less(f Enum) bool { return e < f }

// Variables of many types.
var (
	V1 []map[string]*[4]chan<- int
	V2 <-chan struct{}
	V3 chan func(int, ...string) (x, y error)
	V4 unsafe.Pointer
	V5 any
	V6 interface {
		error
		Stringer
	}
	V7 = struct {
		A, B int `json:"-"`
		_    [0]func()
		io.Reader
		*sync.Mutex
		c complex128
	}{}
	V8  = func(byte, rune) {}
	v9  = errors.New("x")
	V10 = newHidden()
	V11 [math.MaxInt8]uint8
)

// Recursive and mutually recursive types.
type List[T any] struct {
	next *List[T]
	Val  T
}

func (l *List[T]) Push(v T) *List[T] { return &List[T]{l, v} }
func (l *List[U]) Len() int {
	if l == nil {
		return 0
	}
	return 1 + l.next.Len()
}
func (List[_]) Zero() {}

type Tree struct {
	Left, Right *Tree
	Forest      Forest
}
type Forest []*Tree

type Node interface {
	Children() []Node
	Parent() Node
}

// Self-referential constraint.
type Ordered[T any] interface {
	Less(T) bool
}

func Max[T Ordered[T]](a, b T) T {
	if a.Less(b) {
		return b
	}
	return a
}

// Unions, tildes, comparable, implicit interfaces.
type Number interface {
	~int | ~int64 | float64 | ~uint8
}

type Key interface {
	comparable
	String() string
}

func Sum[S ~[]E, E Number](s S) (total E) {
	for _, e := range s {
		total += e
	}
	return
}

func Keys[M ~map[K]V, K comparable, V any](m M) []K { return nil }

func Implicit[T ~string | ~[]byte, P *T](x T, p P) {}

// Embedded interfaces, in order.
type ReadCloserStringer interface {
	io.Reader
	interface{ Close() error }
	String() string
	Key
	z()
	a()
}

// Generic aliases, aliases of instances, aliases of aliases.
type Pair[K comparable, V any] struct {
	K K
	V V
}
type Alias = Pair[string, int]
type GAlias[V any] = Pair[string, V]
type AliasOfAlias = Alias
type GAlias2[X any] = GAlias[[]X]
type PtrAlias = *Tree
type CtxAlias = context.Context
type UseAlias struct {
	A GAlias[bool]
	B GAlias2[int]
	C PtrAlias
}

// Methods on instantiated types (through a defined type).
type IntList List[int]
type Strings = List[string]

func (l *IntList) Sum() int { return 0 }

// Unexported named types with methods.
type hidden struct{ mu sync.Mutex }

func newHidden() *hidden                        { return &hidden{} }
func (h *hidden) Lock()                         { h.mu.Lock() }
func (h *hidden) Unlock()                       { h.mu.Unlock() }
func (h *hidden) Deadline() (int, bool)         { return 0, false }
func (h *hidden) value(ctx context.Context) any { return ctx.Value(h) }

type ctxWrapper struct {
	context.Context
	cancel context.CancelFunc
}

func (c ctxWrapper) Err() error { return nil }

// Method order is declaration order, not sorted.
type Ordering struct{}

func (Ordering) Zeta()  {}
func (Ordering) Alpha() {}
func (*Ordering) mid()  {}
func (Ordering) Beta()  {}

// A struct embedding generic instances and pointers to them.
type Embeds struct {
	*List[int]
	Pair[int, string]
	Tree
	error
	P unsafe.Pointer `tag:"x"`
}

// A type defined on another package's type.
type MyOnce sync.Once
type MyCtx context.Context
type MyErr error

func Variadic(format string, args ...any) (n int, err error)            { return }
func Results() (int, string, error)                                     { return 0, "", nil }
func NamedResults() (a, b int)                                          { return }
func Chans(a chan int, b <-chan int, c chan<- int, d chan (<-chan int)) {}

// A generic type whose methods use its type parameters in types.
type Cache[K comparable, V any] struct {
	mu   sync.Mutex
	data map[K]V
	free func(K, V)
}

func (c *Cache[K, V]) Get(k K) (v V, ok bool) { v, ok = c.data[k]; return }
func (c *Cache[K, V]) Each(f func(K, V) bool) {}

type Set[T comparable] map[T]struct{}

func (s Set[T]) Add(v T) { s[v] = struct{}{} }

// Instances of instances.
type Nested = List[Pair[string, List[int]]]

var Inst = Max[Enum]

type Stringer interface{ String() string }

var _ Stringer = A

type Func func(Func) Func
