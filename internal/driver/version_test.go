package driver

import (
	"runtime/debug"
	"testing"
)

// TestBuildVersion: the version names the module version and, when the
// build stamped them, the VCS revision and whether the checkout was
// modified.
func TestBuildVersion(t *testing.T) {
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	for _, tc := range []struct {
		info debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{Main: debug.Module{Version: "v0.1.0"}}, "v0.1.0"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "(devel)"},
		{debug.BuildInfo{}, "(devel)"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("0123abc", "false")}, "(devel) revision 0123abc"},
		{debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20260101000000-0123abcdef01+dirty"}, Settings: vcs("0123abcdef01", "true")},
			"v0.0.0-20260101000000-0123abcdef01+dirty revision 0123abcdef01 modified"},
	} {
		if got := buildVersionOf(&tc.info).String(); got != tc.want {
			t.Errorf("version of %+v = %q, want %q", tc.info, got, tc.want)
		}
	}
}
