package driver

import "golang.org/x/tools/go/packages"

// cacheLookup is what the result cache answered before the run.
type cacheLookup struct {
	results *runResults // every package's results, when all were cached
}

func (inv *invocation) lookupCache() *cacheLookup { return &cacheLookup{} }

func (inv *invocation) storeInCache(*cacheLookup, *runResults, []*packages.Package) {}
