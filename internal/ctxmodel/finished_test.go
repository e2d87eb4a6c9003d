package ctxmodel

import (
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestModelKeepsNoPass guards the go/analysis contract: a pass is used
// only during its own Run, so the Model, which other analyzers use after
// the model's Run has returned (from their own goroutines, in any
// driver), must hold nothing of it.
func TestModelKeepsNoPass(t *testing.T) {
	passType := reflect.TypeFor[*analysis.Pass]()
	seen := map[reflect.Type]bool{}
	var check func(rt reflect.Type, path string)
	check = func(rt reflect.Type, path string) {
		if seen[rt] {
			return
		}
		seen[rt] = true
		if rt == passType {
			t.Errorf("Model keeps an *analysis.Pass at %s", path)
			return
		}
		switch rt.Kind() {
		case reflect.Struct:
			for i := 0; i < rt.NumField(); i++ {
				f := rt.Field(i)
				check(f.Type, path+"."+f.Name)
			}
		case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Array:
			if rt.PkgPath() == "" || rt.PkgPath() == reflect.TypeFor[Model]().PkgPath() {
				check(rt.Elem(), path+"[]")
			}
		}
	}
	check(reflect.TypeFor[Model](), "Model")
}
