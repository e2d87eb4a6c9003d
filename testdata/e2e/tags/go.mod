module example.com/e2e/tags

go 1.26
