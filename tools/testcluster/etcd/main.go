// Command etcd is etcd built from go.etcd.io/etcd/server/v3 as a library.
//
// `go install go.etcd.io/etcd/server/v3@vX` does not work because etcd's
// server module carries replace directives, so this wrapper module depends on
// the pinned server release and calls the same entry point as etcd's own main.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
