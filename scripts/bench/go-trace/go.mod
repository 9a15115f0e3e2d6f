module goprofiler.benchtrace

go 1.22
