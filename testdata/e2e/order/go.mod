module example.com/e2e/order

go 1.26
