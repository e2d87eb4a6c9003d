module example.com/nolintforms

go 1.26
