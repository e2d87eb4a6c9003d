module example.com/svc

go 1.26

require example.com/vendorlib v0.0.0

replace example.com/vendorlib => ./vendorlib
