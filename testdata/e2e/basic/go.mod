module example.com/e2e/basic

go 1.26
