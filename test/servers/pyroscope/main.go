// Command pyroscope is a test server that speaks Grafana Pyroscope's querier API through the
// official generated handlers (querierv1connect, served with connectrpc.com/connect) over a
// folder of real profiles made by the Go runtime (see make.go). It merges with
// github.com/google/pprof/profile, the library `go tool pprof -proto a b c` merges with.
//
//	pyroscope make DIR             write profiles and DIR/index.json
//	pyroscope serve -dir DIR ...   serve them; prints the base URL on stdout
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: pyroscope make DIR | serve -dir DIR [-token T] [-basic user:pass] [-forbidden-token T] [-tenants] [-no-pprof-format] [-recent]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "make":
		if len(os.Args) != 3 {
			err = fmt.Errorf("make needs one folder")
		} else {
			err = makeProfiles(os.Args[2])
		}
	case "serve":
		err = serve(os.Args[2:])
	default:
		err = fmt.Errorf("unknown subcommand %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "pyroscope:", err)
		os.Exit(1)
	}
}
