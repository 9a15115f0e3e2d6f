module goprofiler.bench

go 1.22
