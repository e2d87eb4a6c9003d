module example.com/e2e/facts

go 1.26
