// Module plugincheck checks golangci-lint's output on the fixture module
// around it for scripts/golangci-plugin-test.sh. It is a module of its own so
// that the fixture's ./... does not include it.
module plugincheck

go 1.26
