// Command pulumi-language-nodejs is a Node.js language host for the Pulumi CLI that
// scripts/toolchain/pulumi-cli.mjs builds from the Go module proxy. The official host lives in a
// Go module the proxy does not serve, so that CLI would otherwise refuse `runtime: nodejs` programs.
//
// The engine starts it as `pulumi-language-nodejs [--tracing url] [--logtostderr] [-v=n] <engine>`,
// reads the port of its gRPC server from the first line of stdout, and shows everything written to
// stdout and stderr after that line. Programs run under @pulumi/pulumi's own `cmd/run` entry point,
// resolved from the program's node_modules, which does the actual work of talking to the engine.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// How often to check that the engine is still there: a host whose CLI was killed must not linger.
const engineCheckInterval = 15 * time.Second

func main() {
	tracing := flag.String("tracing", "", "a Zipkin-compatible endpoint, passed on to the program")
	// The engine may also pass -v and -logtostderr (under --logflow): glog, linked in through
	// pulumi's logging package, defines those flags, and InitLogging reads them back.
	flag.Parse()
	logging.InitLogging(false, 0, false)

	// The engine interrupts the plugin's process group to stop it. Done also when the engine is gone.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	host := newHost(ctx, stop, *tracing)
	if engine := flag.Arg(0); engine != "" {
		if err := host.watchEngine(engine); err != nil {
			fail("cannot watch the engine at %s: %v", engine, err)
		}
	}

	cancel := make(chan bool)
	go func() {
		<-ctx.Done()
		stop() // a second signal kills outright
		close(cancel)
	}()
	server, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fail("cannot start the language host's gRPC server: %v", err)
	}

	fmt.Printf("%d\n", server.Port)

	if err := <-server.Done; err != nil {
		fail("the language host's gRPC server stopped: %v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: "+format+"\n", args...)
	os.Exit(1)
}
