// Command gyakusan plans B2B marketing KPIs backwards from a revenue target
// and tracks real results against the plan. See the README for the commands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"gyakusan"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if err != errUsage {
			fmt.Fprintln(os.Stderr, userMessage(err, langFrom(os.Getenv)))
		}
		os.Exit(exitCode(err))
	}
}

func exitCode(err error) int {
	if err == errUsage {
		return 2
	}
	return gyakusan.ExitCode(err)
}
