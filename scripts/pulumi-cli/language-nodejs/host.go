package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/shlex"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// @pulumi/pulumi's cmd/run exits with this code once it has reported the program's error to the
// engine itself: the host must then bail out quietly, or the CLI would show the failure twice.
const exitAfterReportedError = 32

// How long a program gets to wind down after an interrupt before it is killed.
const programGracePeriod = 5 * time.Second

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	// Done when the engine asked the host to stop or went away; running programs are interrupted.
	ctx     context.Context
	stop    context.CancelFunc
	tracing string

	mu         sync.Mutex
	engine     string
	watchingAt string
}

func newHost(ctx context.Context, stop context.CancelFunc, tracing string) *host {
	return &host{ctx: ctx, stop: stop, tracing: tracing}
}

// watchEngine records the engine's address and stops the host once the engine stops answering.
func (h *host) watchEngine(address string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.engine = address
	if h.watchingAt == address {
		return nil
	}
	h.watchingAt = address
	return rpcutil.Healthcheck(h.ctx, address, engineCheckInterval, h.stop)
}

func (h *host) engineAddress() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.engine
}

// Handshake is only called when the engine attaches to an already running host (PULUMI_DEBUG_LANGUAGES).
func (h *host) Handshake(
	ctx context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if err := h.watchEngine(req.GetEngineAddress()); err != nil {
		return nil, err
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// options are the `runtime.options` of Pulumi.yaml that this host understands.
type options struct {
	typescript     bool
	tsconfig       string
	nodeargs       string
	packagemanager string
}

func parseOptions(raw *structpb.Struct) (options, error) {
	opts := options{typescript: true}
	for key, value := range raw.AsMap() {
		var ok bool
		switch key {
		case "typescript":
			opts.typescript, ok = value.(bool)
		case "tsconfig":
			opts.tsconfig, ok = value.(string)
		case "nodeargs":
			opts.nodeargs, ok = value.(string)
		case "packagemanager":
			opts.packagemanager, ok = value.(string)
		default:
			ok = true // options of other hosts' versions are none of our business
		}
		if !ok {
			return opts, fmt.Errorf("runtime option %q has the wrong type (%T)", key, value)
		}
	}
	return opts, nil
}

// programLocation returns the program's directory and entry point, from ProgramInfo or, for older
// engines, from the request's deprecated fields.
func programLocation(info *pulumirpc.ProgramInfo, pwd, program string) (string, string) {
	dir, entry := info.GetProgramDirectory(), info.GetEntryPoint()
	if dir == "" {
		dir = pwd
	}
	if entry == "" {
		entry = program
	}
	if entry == "" {
		entry = "."
	}
	return dir, entry
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	dir, entry := programLocation(req.GetInfo(), req.GetPwd(), req.GetProgram())
	opts, err := parseOptions(req.GetInfo().GetOptions())
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "cannot find node on PATH: " + err.Error()}, nil
	}
	runner, err := locateRunner(dir)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	env, err := programEnv(req, opts)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	nodeArgs, err := shlex.Split(opts.nodeargs)
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("runtime option nodeargs: %v", err)}, nil
	}
	args := append(nodeArgs, runner)
	flag := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name+"="+value)
		}
	}
	flag("monitor", req.GetMonitorAddress())
	flag("engine", h.engineAddress())
	flag("organization", req.GetOrganization())
	flag("project", req.GetProject())
	flag("root-directory", req.GetInfo().GetRootDirectory())
	flag("stack", req.GetStack())
	flag("pwd", dir)
	if req.GetParallel() > 0 {
		flag("parallel", strconv.Itoa(int(req.GetParallel())))
	}
	flag("tracing", h.tracing)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	args = append(args, entry)
	args = append(args, req.GetArgs()...)

	// Stop the program when the engine cancels this call or the host is told to stop.
	runCtx, cancel := context.WithCancel(h.ctx)
	defer cancel()
	defer context.AfterFunc(ctx, cancel)()

	cmd := exec.CommandContext(runCtx, node, args...)
	cmd.Dir = dir
	cmd.Env = env
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = programGracePeriod
	// Node may switch inherited descriptors to non-blocking mode, which would break our own writes
	// to them: hand it pipes (any writer that is not an *os.File) and copy.
	cmd.Stdout = io.MultiWriter(os.Stdout)
	cmd.Stderr = io.MultiWriter(os.Stderr)
	logging.V(5).Infof("running %s %s in %s", node, strings.Join(args, " "), dir)

	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	// ErrWaitDelay: node exited cleanly, but something it started still holds its output open.
	case err == nil || errors.Is(err, exec.ErrWaitDelay):
		return &pulumirpc.RunResponse{}, nil
	case runCtx.Err() != nil:
		return &pulumirpc.RunResponse{Error: "the program was cancelled"}, nil
	case errors.As(err, &exit) && exit.ExitCode() == exitAfterReportedError:
		return &pulumirpc.RunResponse{Bail: true}, nil
	case errors.As(err, &exit) && exit.ExitCode() >= 0:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("the program exited with code %d", exit.ExitCode())}, nil
	case errors.As(err, &exit):
		return &pulumirpc.RunResponse{Error: "the program was stopped: " + exit.Error()}, nil // e.g. "signal: killed"
	default:
		return &pulumirpc.RunResponse{Error: "cannot start node: " + err.Error()}, nil
	}
}

// programEnv is the host's environment plus what @pulumi/pulumi reads from it: the stack's
// configuration, which of its keys are secret, and how to load TypeScript.
func programEnv(req *pulumirpc.RunRequest, opts options) ([]string, error) {
	config := req.GetConfig()
	if config == nil {
		config = map[string]string{}
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	configJSON, err := json.Marshal(config)
	if err != nil {
		return nil, fmt.Errorf("cannot serialize the stack's configuration: %w", err)
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("cannot serialize the stack's secret keys: %w", err)
	}
	env := append(os.Environ(),
		"PULUMI_CONFIG="+string(configJSON),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON),
	)
	if opts.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}
	return env, nil
}

// locateRunner finds @pulumi/pulumi's cmd/run as Node would resolve it from the program's
// directory: in node_modules there or in any directory above it.
func locateRunner(dir string) (string, error) {
	if override := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH"); override != "" {
		return override, nil
	}
	for current := dir; ; {
		candidate := filepath.Join(current, "node_modules", "@pulumi", "pulumi", "cmd", "run")
		if _, err := os.Stat(filepath.Join(candidate, "index.js")); err == nil {
			return candidate, nil
		}
		parent := filepath.Dir(current)
		if parent == current {
			return "", fmt.Errorf("cannot find @pulumi/pulumi in node_modules of %s or any folder above it: "+
				"install the program's dependencies (`pulumi install` or `npm install`) first", dir)
		}
		current = parent
	}
}

func (h *host) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	dir, _ := programLocation(req.GetInfo(), "", "")
	opts, err := parseOptions(req.GetInfo().GetOptions())
	if err != nil {
		return nil, err
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("cannot find node on PATH: %w", err)
	}
	pm := packageManager(opts, dir)
	metadata := map[string]string{"packagemanager": pm}
	if pmVersion, err := commandVersion(ctx, pm); err == nil {
		metadata["packagemanagerVersion"] = pmVersion
	}
	nodeVersion, _ := commandVersion(ctx, node)
	return &pulumirpc.AboutResponse{Executable: node, Version: nodeVersion, Metadata: metadata}, nil
}

func commandVersion(ctx context.Context, command string) (string, error) {
	out, err := exec.CommandContext(ctx, command, "--version").Output()
	return strings.TrimSpace(string(out)), err
}

// packageManager is the `packagemanager` runtime option, else the one whose lock file the
// program's package has, else npm.
func packageManager(opts options, dir string) string {
	if opts.packagemanager != "" {
		return opts.packagemanager
	}
	root := packageRoot(dir)
	for _, lock := range []struct{ file, manager string }{
		{"package-lock.json", "npm"},
		{"yarn.lock", "yarn"},
		{"pnpm-lock.yaml", "pnpm"},
		{"bun.lock", "bun"},
		{"bun.lockb", "bun"},
	} {
		if _, err := os.Stat(filepath.Join(root, lock.file)); err == nil {
			return lock.manager
		}
	}
	return "npm"
}

func (h *host) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()

	dir, _ := programLocation(req.GetInfo(), req.GetDirectory(), "")
	opts, err := parseOptions(req.GetInfo().GetOptions())
	if err != nil {
		return err
	}
	root := packageRoot(dir)
	pm := packageManager(opts, dir)
	fmt.Fprintf(stdout, "Installing dependencies in %s with %s install...\n\n", root, pm)
	cmd := exec.CommandContext(server.Context(), pm, "install")
	cmd.Dir = root
	cmd.Stdout = stdout
	cmd.Stderr = stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s install failed: %w", pm, err)
	}
	fmt.Fprintf(stdout, "\nFinished installing dependencies\n\n")
	return closer.Close()
}

func (h *host) RuntimeOptionsPrompts(
	context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}
