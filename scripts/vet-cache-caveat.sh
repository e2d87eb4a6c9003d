#!/usr/bin/env bash
# vet-cache-caveat.sh shows how `go vet -vettool=ctxlint` behaves when go vet
# replays cached tool output. It builds ctxlint and writes a throw-away module
# with package a (one lostcancel2 finding) and package b (clean, imports a),
# afresh before each scenario so that nothing of it is cached yet:
#
#   go vet ./...                  reports a's finding (the control)
#   go vet ./b, then go vet ./... the second run should report a's finding
#   go vet ./..., then go vet ./b the second run should report nothing
#
# In the last two, go vet analyses a once only as b's dependency (for facts,
# printing nothing) and once as a package asked for; with Go 1.26 the second
# run may replay the first one's cached output for a, dropping a's finding
# or printing it in a run that asked only for b. The script prints each
# run's output and a verdict, then repeats the scenarios with `go vet -a` if
# this go accepts that flag. It only reports: its exit status is 0 whatever
# it observes (2 if it could not run), so CI never depends on the caveat
# reproducing.
#
# Usage: bash scripts/vet-cache-caveat.sh   (from anywhere in the checkout)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export GOTOOLCHAIN=local

die() {
	printf 'vet-cache-caveat: %s\n' "$*" >&2
	exit 2
}

work=$(mktemp -d "${TMPDIR:-/tmp}/ctxlint-vetcache.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$root" && go build -buildvcs=false -o "$work/ctxlint" ./cmd/ctxlint) || die "cannot build ./cmd/ctxlint"

# write_module writes the module afresh with a new nonce in each file, so
# that nothing of it is in the build cache yet (the standard library's
# compiled packages are, which keeps this fast).
mod=$work/mod
write_module() {
	local nonce="$RANDOM$RANDOM$RANDOM"
	rm -rf "$mod"
	mkdir -p "$mod/a" "$mod/b"
	cat >"$mod/go.mod" <<'EOF'
module example.com/vetcache

go 1.26
EOF
	cat >"$mod/a/a.go" <<EOF
package a // nonce $nonce

import (
	"context"
	"time"
)

// Fetch discards its cancel function: ctxlint's lostcancel2 reports it.
func Fetch(ctx context.Context) error {
	ctx, _ = context.WithTimeout(ctx, time.Second)
	return ctx.Err()
}
EOF
	cat >"$mod/b/b.go" <<EOF
package b // nonce $nonce

import (
	"context"

	"example.com/vetcache/a"
)

// Run has no finding of its own.
func Run(ctx context.Context) error { return a.Fetch(ctx) }
EOF
}

# vet NAME ARGS... runs go vet in the module and keeps its output in
# $work/NAME.out; go vet exits non-zero when the tool reports, so the status
# is only printed.
vet() {
	local name=$1 rc=0
	shift
	(cd "$mod" && go vet "$@") >"$work/$name.out" 2>&1 || rc=$?
	printf '\n$ go vet %s   (exit status %d)\n' "$*" "$rc"
	sed 's/^/    /' "$work/$name.out"
}

reported() { grep -q "^$2[^:]*\.go:[0-9]*:[0-9]*: " "$work/$1.out"; }

# verdict NAME yes|no says whether run NAME reported a's finding as it
# should (yes: the run asked for a; no: it asked only for b).
verdict() {
	local name=$1 want_a=$2
	if reported "$name" a/ && [[ $want_a == no ]]; then
		echo "=> INHERITED: a run that did not ask for a printed a's finding"
	elif ! reported "$name" a/ && [[ $want_a == yes ]]; then
		echo "=> DROPPED: a's finding is missing"
	else
		echo "=> correct"
	fi
	if reported "$name" b/; then
		echo "=> b reported a finding of its own, which it does not have"
	fi
}

# scenarios FLAGS... runs the three orders of go vet with FLAGS.
scenarios() {
	local tag=${1:-plain}
	write_module
	vet "$tag-cold-all" "$@" -vettool="$work/ctxlint" ./...
	echo "On a fresh module, 'go vet${*:+ $*} ./...':"
	verdict "$tag-cold-all" yes

	write_module
	vet "$tag-b-first" "$@" -vettool="$work/ctxlint" ./b
	vet "$tag-all-after-b" "$@" -vettool="$work/ctxlint" ./...
	echo "After 'go vet${*:+ $*} ./b' on a fresh module, 'go vet${*:+ $*} ./...':"
	verdict "$tag-all-after-b" yes

	write_module
	vet "$tag-all-first" "$@" -vettool="$work/ctxlint" ./...
	vet "$tag-b-after-all" "$@" -vettool="$work/ctxlint" ./b
	echo "After 'go vet${*:+ $*} ./...' on a fresh module, 'go vet${*:+ $*} ./b':"
	verdict "$tag-b-after-all" no
}

echo "go version: $(go env GOVERSION)"
scenarios

write_module
rc=0
(cd "$mod" && go vet -a -vettool="$work/ctxlint" ./b) >"$work/a-flag.out" 2>&1 || rc=$?
if grep -q 'flag provided but not defined\|unknown flag' "$work/a-flag.out"; then
	echo
	echo "go vet does not accept -a (exit status $rc):"
	sed 's/^/    /' "$work/a-flag.out"
else
	echo
	echo "==== the same with go vet -a (rebuild and re-run everything) ===="
	scenarios -a
fi
