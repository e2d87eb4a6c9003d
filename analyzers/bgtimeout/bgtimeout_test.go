package bgtimeout_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/ctxlint/ctxlint/analyzers/bgtimeout"
)

func TestServer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), bgtimeout.Analyzer, "example.com/server")
}
