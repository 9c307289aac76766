package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// manifest is the part of a package.json this host reads.
type manifest struct {
	Name            string            `json:"name"`
	Version         string            `json:"version"`
	Dependencies    map[string]string `json:"dependencies"`
	DevDependencies map[string]string `json:"devDependencies"`
	Pulumi          *struct {
		// A package with `resource: true` is the SDK of a resource plugin the engine must provide.
		Resource         bool   `json:"resource"`
		Name             string `json:"name"`
		Version          string `json:"version"`
		Server           string `json:"server"`
		Parameterization *struct {
			Name    string `json:"name"`
			Version string `json:"version"`
			Value   []byte `json:"value"`
		} `json:"parameterization"`
	} `json:"pulumi"`
}

func readManifest(dir string) (*manifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// packageRoot is the nearest folder at or above dir with a package.json, else dir itself.
func packageRoot(dir string) string {
	for current := dir; ; {
		if _, err := os.Stat(filepath.Join(current, "package.json")); err == nil {
			return current
		}
		parent := filepath.Dir(current)
		if parent == current {
			return dir
		}
		current = parent
	}
}

func (h *host) GetRequiredPackages(
	ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{Packages: pluginPackages(req.GetInfo())}, nil
}

// GetRequiredPlugins is the older form of GetRequiredPackages, without parameterization.
func (h *host) GetRequiredPlugins(
	ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	info := req.GetInfo()
	if info == nil {
		info = &pulumirpc.ProgramInfo{ProgramDirectory: req.GetPwd()} // older engines
	}
	var plugins []*pulumirpc.PluginDependency
	for _, p := range pluginPackages(info) {
		if p.Parameterization == nil {
			plugins = append(plugins, &pulumirpc.PluginDependency{
				Name: p.Name, Kind: p.Kind, Version: p.Version, Server: p.Server,
			})
		}
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: plugins}, nil
}

// pluginPackages lists the resource plugins the program's npm packages declare, searching the
// node_modules of the program's folder and of each folder above it up to the project root.
func pluginPackages(info *pulumirpc.ProgramInfo) []*pulumirpc.PackageDependency {
	dir, _ := programLocation(info, "", "")
	root := info.GetRootDirectory()
	scan := &pluginScan{visited: map[string]bool{}, found: map[string]*pulumirpc.PackageDependency{}}
	for current := dir; ; {
		scan.nodeModules(filepath.Join(current, "node_modules"))
		parent := filepath.Dir(current)
		if root == "" || current == root || parent == current || !strings.HasPrefix(current, root) {
			break
		}
		current = parent
	}
	keys := make([]string, 0, len(scan.found))
	for key := range scan.found {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	packages := make([]*pulumirpc.PackageDependency, 0, len(keys))
	for _, key := range keys {
		packages = append(packages, scan.found[key])
	}
	return packages
}

type pluginScan struct {
	visited map[string]bool
	found   map[string]*pulumirpc.PackageDependency
}

// nodeModules visits every package in a node_modules folder, scoped ones and nested node_modules
// included. Symbolic links are followed (pnpm, linked folders), each real folder once.
func (s *pluginScan) nodeModules(folder string) {
	real, err := filepath.EvalSymlinks(folder)
	if err != nil || s.visited[real] {
		return
	}
	s.visited[real] = true
	entries, err := os.ReadDir(folder)
	if err != nil {
		return
	}
	for _, entry := range entries {
		name := entry.Name()
		switch {
		case strings.HasPrefix(name, "."):
			continue // .bin, .package-lock.json, caches
		case strings.HasPrefix(name, "@"):
			scoped, err := os.ReadDir(filepath.Join(folder, name))
			if err != nil {
				continue
			}
			for _, pkg := range scoped {
				s.pkg(filepath.Join(folder, name, pkg.Name()))
			}
		default:
			s.pkg(filepath.Join(folder, name))
		}
	}
}

func (s *pluginScan) pkg(dir string) {
	m, err := readManifest(dir)
	if err != nil {
		return
	}
	if m.Pulumi != nil && m.Pulumi.Resource {
		if dep := pluginOf(m); dep != nil {
			key := dep.Name + "@" + dep.Version
			if dep.Parameterization != nil {
				key += "/" + dep.Parameterization.Name + "@" + dep.Parameterization.Version
			}
			s.found[key] = dep
		} else {
			logging.V(3).Infof("%s declares a resource plugin but no pulumi.name: skipped", dir)
		}
	}
	s.nodeModules(filepath.Join(dir, "node_modules"))
}

// pluginOf names the plugin of a package: pulumi.name, else the package name without its
// @pulumi/ scope; third-party packages must say pulumi.name.
func pluginOf(m *manifest) *pulumirpc.PackageDependency {
	name := m.Pulumi.Name
	if name == "" {
		if !strings.HasPrefix(m.Name, "@pulumi/") {
			return nil
		}
		name = strings.TrimPrefix(m.Name, "@pulumi/")
	}
	version := m.Pulumi.Version
	if version == "" {
		version = m.Version
	}
	if version != "" && !strings.HasPrefix(version, "v") {
		version = "v" + version
	}
	dep := &pulumirpc.PackageDependency{Name: name, Kind: "resource", Version: version, Server: m.Pulumi.Server}
	if p := m.Pulumi.Parameterization; p != nil {
		dep.Parameterization = &pulumirpc.PackageParameterization{Name: p.Name, Version: p.Version, Value: p.Value}
	}
	return dep
}

// GetProgramDependencies lists the program's npm dependencies (`pulumi about`), with the version
// installed in node_modules, else the one in package-lock.json, else the range package.json asks for.
func (h *host) GetProgramDependencies(
	ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir, _ := programLocation(req.GetInfo(), req.GetPwd(), "") // older engines
	root := packageRoot(dir)
	m, err := readManifest(root)
	if err != nil {
		return nil, err
	}
	lock := readLock(root)
	versions := map[string]string{}
	for _, deps := range []map[string]string{m.DevDependencies, m.Dependencies} {
		for name, wanted := range deps {
			versions[name] = wanted
			if installed := installedVersion(root, name); installed != "" {
				versions[name] = installed
			} else if locked := lock[name]; locked != "" {
				versions[name] = locked
			}
		}
	}
	if req.GetTransitiveDependencies() {
		for name, locked := range lock {
			if _, ok := versions[name]; !ok {
				versions[name] = locked
			}
		}
	}
	names := make([]string, 0, len(versions))
	for name := range versions {
		names = append(names, name)
	}
	sort.Strings(names)
	deps := make([]*pulumirpc.DependencyInfo, 0, len(names))
	for _, name := range names {
		deps = append(deps, &pulumirpc.DependencyInfo{Name: name, Version: versions[name]})
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

// installedVersion is the version of the package Node would load from dir, or "".
func installedVersion(dir, name string) string {
	for current := dir; ; {
		if m, err := readManifest(filepath.Join(current, "node_modules", name)); err == nil {
			return m.Version
		}
		parent := filepath.Dir(current)
		if parent == current {
			return ""
		}
		current = parent
	}
}

// readLock maps each top-level package of package-lock.json (lockfile v2/v3) to its version.
func readLock(dir string) map[string]string {
	versions := map[string]string{}
	data, err := os.ReadFile(filepath.Join(dir, "package-lock.json"))
	if err != nil {
		return versions
	}
	var lock struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
	}
	if json.Unmarshal(data, &lock) != nil {
		return versions
	}
	for path, pkg := range lock.Packages {
		name, ok := strings.CutPrefix(path, "node_modules/")
		if ok && !strings.Contains(name, "/node_modules/") && pkg.Version != "" {
			versions[name] = pkg.Version
		}
	}
	return versions
}
