#!/usr/bin/env bash
# golangci-plugin-test.sh builds golangci-lint with ctxlint's module plugin
# compiled in and checks what it reports on the fixture module
# testdata/golangci, whose .golangci.yml enables ctxlint's analyzers as
# golangci-lint v2 module linters.
#
# It needs only go and the Go module proxy: `golangci-lint custom` clones
# golangci-lint's repository with git, so instead this script copies
# golangci-lint's module source out of the module cache, blank-imports
# ctxlint's plugin package into its main package, replaces
# github.com/ctxlint/ctxlint with this checkout and builds it. The binary is
# cached (under $(go env GOCACHE)/ctxlint-golangci) by golangci-lint
# version, Go version and a hash of the plugin's and analyzers' source, so
# only the first run after a change pays for the build.
#
# Checks, each a separate golangci-lint run on a copy of the fixture:
#   - the configuration as written: exactly the diagnostics the fixture's
#     `// want NAME "regexp"` comments expect, as file:line:col: message (NAME),
#     none from the disabled analyzer or from a line under //nolint:NAME, and
#     the same issues in valid SARIF (--output.sarif.path) with one rule id
#     per analyzer;
#   - the disabled analyzer alone (--enable-only): it does report here;
#   - the fixture without its //nolint comments: each of those lines reports;
#   - a misspelled setting: golangci-lint stops with ctxlint's error;
#   - every //nolint form of testdata/golangci/nolintforms: golangci-lint and
#     the standalone ctxlint report the same, but for //nolint:govet.
#
# Usage: bash scripts/golangci-plugin-test.sh   (from anywhere in the checkout)
set -euo pipefail

readonly golangci_version=v2.15.0
readonly golangci_module=github.com/golangci/golangci-lint/v2
readonly ctxlint_module=github.com/ctxlint/ctxlint
readonly disabled=bgtimeout # must match the fixture's linters.disable

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
fixture=$root/testdata/golangci
export GOTOOLCHAIN=local

log() { printf 'golangci-plugin-test: %s\n' "$*" >&2; }
fail() {
	printf 'golangci-plugin-test: FAIL: %s\n' "$*" >&2
	exit 1
}

work=$(mktemp -d "${TMPDIR:-/tmp}/ctxlint-golangci.XXXXXX")
cleanup() {
	chmod -R u+w "$work" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

start=$SECONDS

# The checker is a standard-library-only module inside the fixture.
(cd "$fixture/plugincheck" && go build -buildvcs=false -o "$work/plugincheck" .) ||
	fail "cannot build the output checker in testdata/golangci/plugincheck"

# cache_dir picks a writable directory for built binaries: the Go build cache
# when it is on, else the temporary directory.
cache_dir() {
	local gocache
	gocache=$(go env GOCACHE)
	if [[ -n $gocache && $gocache != off ]] && mkdir -p "$gocache/ctxlint-golangci" 2>/dev/null &&
		[[ -w $gocache/ctxlint-golangci ]]; then
		printf '%s\n' "$gocache/ctxlint-golangci"
	else
		mkdir -p "${TMPDIR:-/tmp}/ctxlint-golangci-cache"
		printf '%s\n' "${TMPDIR:-/tmp}/ctxlint-golangci-cache"
	fi
}

# source_hash hashes what the plugin build depends on in this checkout: the
# Go files of every package of this module that ./plugin imports, go.mod,
# go.sum, and the build recipe (the text of build_golangci below).
source_hash() {
	declare -f build_golangci >"$work/recipe"
	{
		(cd "$root" && go list -deps -f \
			'{{if .Module}}{{if eq .Module.Path "'"$ctxlint_module"'"}}{{range .GoFiles}}{{$.Dir}}/{{.}}
{{end}}{{end}}{{end}}' ./plugin)
		printf '%s\n' "$root/go.mod" "$root/go.sum" "$work/recipe"
	} | "$work/plugincheck" hash
}

# build_golangci builds golangci-lint with the plugin into $1.
build_golangci() {
	local out=$1 info dir src
	info=$(cd "$work" && go mod download -json "$golangci_module@$golangci_version") ||
		fail "go mod download $golangci_module@$golangci_version failed (is the module proxy reachable?)"
	[[ $info =~ \"Dir\":\ \"([^\"]+)\" ]] || fail "go mod download gave no module directory: $info"
	dir=${BASH_REMATCH[1]}
	src=$work/golangci-lint
	cp -R "$dir" "$src"
	chmod -R u+w "$src"
	cat >"$src/cmd/golangci-lint/ctxlint_plugin.go" <<-'EOF'
		package main

		// Added by ctxlint's scripts/golangci-plugin-test.sh: registers
		// ctxlint's analyzers as module plugins.
		import _ "github.com/ctxlint/ctxlint/plugin"
	EOF
	(
		cd "$src"
		go mod edit -require="$ctxlint_module@v0.0.0" -replace="$ctxlint_module=$root"
		# -mod=mod resolves the new requirement through the proxy and
		# records its sums; unlike go mod tidy it fetches no test-only
		# dependencies of golangci-lint's dependencies.
		go build -mod=mod -buildvcs=false -ldflags "-s -w -X main.version=${golangci_version#v} -X main.commit=module-proxy -X main.date=unknown" \
			-o "$out" ./cmd/golangci-lint
	) || fail "building golangci-lint $golangci_version with the ctxlint plugin failed (see above)"
}

cache=$(cache_dir)
hash=$(source_hash)
bin=$cache/golangci-lint-$golangci_version-$(go env GOVERSION)-$hash
if [[ -x $bin ]]; then
	log "using cached $(basename "$bin")"
else
	log "building golangci-lint $golangci_version with the ctxlint plugin (takes minutes the first time)"
	build_start=$SECONDS
	build_golangci "$bin.tmp.$$"
	mv -f "$bin.tmp.$$" "$bin"
	# Keep one binary: older ones were built from older sources.
	for old in "$cache"/golangci-lint-*; do
		[[ $old == "$bin" || $old == *.tmp.* ]] || rm -f "$old"
	done
	log "built in $((SECONDS - build_start))s: $bin"
fi

export GOLANGCI_LINT_CACHE=$work/lint-cache

# lint DIR OUT [FLAG...] runs golangci-lint in DIR with text output in OUT
# and returns its exit status; stderr goes to OUT.stderr.
lint() {
	local dir=$1 out=$2
	shift 2
	(cd "$dir" && "$bin" run --output.text.path="$out" --output.text.print-issued-lines=false \
		--output.text.colors=false --show-stats=false --max-issues-per-linter=0 --max-same-issues=0 --uniq-by-line=false \
		"$@" ./...) 2>"$out.stderr"
}

# lint_expecting_issues runs lint and fails unless golangci-lint exited with
# its "issues found" status 1.
lint_expecting_issues() {
	local what=$1 rc=0
	shift
	lint "$@" || rc=$?
	if ((rc != 1)); then
		cat "$2.stderr" >&2
		fail "$what: golangci-lint exited with status $rc, want 1 (issues found)"
	fi
}

copy_fixture() {
	cp -R "$fixture" "$1"
	rm -rf "$1/plugincheck"
}

# 1. The configuration as written, with SARIF.
copy_fixture "$work/fixture"
lint_expecting_issues "configured run" "$work/fixture" "$work/configured.txt" --output.sarif.path="$work/configured.sarif"
"$work/plugincheck" check -fixture "$fixture" -root "$work/fixture" -mode enabled -disabled "$disabled" \
	-text "$work/configured.txt" -sarif "$work/configured.sarif" ||
	fail "the configured run did not report what the fixture expects; output: $(<"$work/configured.txt")"

# 2. The disabled analyzer alone: its silence above is the configuration's doing.
lint_expecting_issues "$disabled alone" "$work/fixture" "$work/disabled.txt" --enable-only="$disabled"
"$work/plugincheck" check -fixture "$fixture" -root "$work/fixture" -mode disabled-only -disabled "$disabled" \
	-text "$work/disabled.txt" ||
	fail "$disabled run alone did not report what the fixture expects"

# 3. Without the //nolint comments, the suppressed lines report.
copy_fixture "$work/stripped"
"$work/plugincheck" strip-nolint "$work/stripped"
lint_expecting_issues "run without //nolint" "$work/stripped" "$work/stripped.txt"
"$work/plugincheck" check -fixture "$fixture" -root "$work/stripped" -mode nolint-stripped -disabled "$disabled" \
	-text "$work/stripped.txt" ||
	fail "without its //nolint comments the fixture did not report what it expects"

# 4. A misspelled setting stops golangci-lint with ctxlint's error.
config=$(<"$fixture/.golangci.yml")
[[ $config == *"names: [Purge]"* ]] || fail "the fixture's .golangci.yml no longer sets detachedcleanup's names"
printf '%s\n' "${config/names: \[Purge\]/nmes: [Purge]}" >"$work/fixture/.golangci.yml"
rc=0
lint "$work/fixture" "$work/misspelled.txt" || rc=$?
if ((rc == 0 || rc == 1)) || ! grep -q 'detachedcleanup: unknown setting "nmes" (known settings: ' "$work/misspelled.txt.stderr"; then
	cat "$work/misspelled.txt.stderr" >&2
	fail "a misspelled detachedcleanup setting did not stop golangci-lint with ctxlint's error (status $rc)"
fi

# 5. Every //nolint form in testdata/golangci/nolintforms (its own module,
# linted with lostcancel2 alone) means the same to golangci-lint and to the
# standalone ctxlint: both report the same findings, except the one
# documented difference, //nolint:govet, which only ctxlint honours.
forms=$work/nolintforms
cp -R "$fixture/nolintforms" "$forms"
(cd "$root" && go build -buildvcs=false -o "$work/ctxlint" ./cmd/ctxlint) || fail "cannot build the standalone ctxlint"
lint_expecting_issues "//nolint forms" "$forms" "$work/forms-golangci.txt"
rc=0
(cd "$forms" && "$work/ctxlint" ./...) >"$work/forms-ctxlint.txt" 2>"$work/forms-ctxlint.stderr" || rc=$?
((rc == 1)) || fail "//nolint forms: the standalone ctxlint exited with status $rc, want 1: $(<"$work/forms-ctxlint.stderr")"
# Both as "file:line:col analyzer", sorted.
sed -n 's/^\([^ ]*:[0-9]*:[0-9]*\): .* (\([a-z0-9]*\))$/\1 \2/p' "$work/forms-golangci.txt" | sort >"$work/forms-golangci.norm"
sed -n 's/^\([^ ]*:[0-9]*:[0-9]*\): \([a-z0-9]*\): .*$/\1 \2/p' "$work/forms-ctxlint.txt" | sort >"$work/forms-ctxlint.norm"
vet_line=$(grep -n '//nolint:govet' "$forms/forms/forms.go" | cut -d: -f1)
{
	cat "$work/forms-ctxlint.norm"
	grep "^forms/forms.go:$vet_line:" "$work/forms-golangci.norm" || true
} | sort >"$work/forms-expected.norm"
[[ -s $work/forms-ctxlint.norm ]] || fail "//nolint forms: the standalone ctxlint reported nothing"
grep -q "^forms/forms.go:$vet_line:" "$work/forms-golangci.norm" ||
	fail "//nolint forms: golangci-lint honoured //nolint:govet on a lostcancel2 finding; update the README's table"
if ! diff -u "$work/forms-expected.norm" "$work/forms-golangci.norm" >&2; then
	fail "//nolint forms: golangci-lint (+) and the standalone ctxlint (-) disagree beyond //nolint:govet"
fi
log "ok: //nolint forms: $(wc -l <"$work/forms-golangci.norm") findings, the same in both tools but for //nolint:govet"

log "ok: golangci-lint $golangci_version with the ctxlint plugin passed all checks in $((SECONDS - start))s"
