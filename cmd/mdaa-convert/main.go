// Command mdaa-convert moves an MDAA deployment's AgentCore runtimes to
// Crossplane: it reads mdaa.yaml as MDAA does and prints, per
// @aws-mdaa/bedrock-agentcore-runtime module, an AgentCoreRuntime claim (or a
// namespaced XAgentCoreRuntime) whose spec is the module's config, and the
// EnvironmentConfig with the platform settings MDAA took from mdaa.yaml. Each
// runtime is checked with the function's own validation first:
//
//	go run ./cmd/mdaa-convert --mdaa path/to/mdaa.yaml | kubectl apply -f -
//
// It exits 1 when the function would refuse a runtime (those are not
// printed), 2 on wrong flags.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/platform-io/function-agentcore-runtime/internal/mdaa"
	"github.com/platform-io/function-agentcore-runtime/internal/migrate"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, os.LookupEnv))
}

// flags are the command's flags.
type flags struct {
	mdaa, domains, envs, modules, namespaceFrom, scope, out, input string
	ssmPaths                                                       bool
}

func parse(args []string, stderr io.Writer) (flags, *flag.FlagSet, error) {
	f := flags{}
	fs := flag.NewFlagSet("mdaa-convert", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.mdaa, "mdaa", "", "the MDAA deployment's mdaa.yaml (required)")
	fs.StringVar(&f.domains, "domain", "", "only these domains (comma-separated, as MDAA's -d)")
	fs.StringVar(&f.envs, "env", "", "only these environments (comma-separated, as MDAA's -e)")
	fs.StringVar(&f.modules, "module", "", "only these modules (comma-separated, as MDAA's -m)")
	fs.StringVar(&f.namespaceFrom, "namespace-from", "domain", "each runtime's namespace: domain, env or fixed:NAME")
	fs.StringVar(&f.scope, "scope", "claim", "claim (AgentCoreRuntime claims) or namespaced (namespaced XAgentCoreRuntimes)")
	fs.StringVar(&f.out, "out", "", "write one file per object into this folder instead of a YAML stream to stdout")
	fs.StringVar(&f.input, "input", "", "the platform's Composition (or its function Input) the runtimes will use, to validate with its settings")
	fs.BoolVar(&f.ssmPaths, "mdaa-ssm-paths", false, "keep MDAA's SSM parameter paths: ssmParameterPrefix /<org>/<domain>/<module> in each EnvironmentConfig")
	if err := fs.Parse(args); err != nil {
		return f, fs, err
	}
	if f.mdaa == "" {
		return f, fs, fmt.Errorf("--mdaa is required")
	}
	if fs.NArg() > 0 {
		return f, fs, fmt.Errorf("unexpected arguments %v", fs.Args())
	}
	return f, fs, nil
}

// options are the conversion's options from f.
func options(f flags, lookupEnv func(string) (string, bool)) (migrate.Options, error) {
	o := migrate.Options{Scope: migrate.Scope(f.scope), MDAASSMPaths: f.ssmPaths, LookupEnv: lookupEnv}
	if o.Scope != migrate.Claim && o.Scope != migrate.Namespaced {
		return o, fmt.Errorf("--scope %q: want claim or namespaced", f.scope)
	}
	ns, err := migrate.ParseNamespacing(f.namespaceFrom)
	if err != nil {
		return o, fmt.Errorf("--namespace-from %w", err)
	}
	o.Namespace = ns
	if f.input != "" {
		if o.Input, err = migrate.ReadInput(f.input); err != nil {
			return o, fmt.Errorf("--input %w", err)
		}
	}
	return o, nil
}

// run is the command; it returns the exit code.
func run(args []string, stdout, stderr io.Writer, lookupEnv func(string) (string, bool)) int {
	f, fs, err := parse(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	var o migrate.Options
	if err == nil {
		o, err = options(f, lookupEnv)
	}
	if err != nil {
		logln(stderr, "mdaa-convert:", err)
		fs.Usage()
		return 2
	}
	rs, ok := convert(f, o, stderr)
	report(rs, o.Input == nil, stderr)
	written := slices.DeleteFunc(slices.Clone(rs), migrate.Runtime.Refused)
	if err := write(written, f.out, stdout); err != nil {
		logln(stderr, "mdaa-convert:", err)
		return 1
	}
	logf(stderr, "%d runtimes converted", len(written))
	if n := len(rs) - len(written); n > 0 {
		logf(stderr, "; %d refused by the function's validation, not written", n)
	}
	logln(stderr)
	if !ok || len(written) < len(rs) {
		return 1
	}
	return 0
}

// report prints every runtime's warnings and errors; without the platform's
// Input, where a setting is missing, a hint says where it can come from.
func report(rs []migrate.Runtime, noInput bool, stderr io.Writer) {
	hint := false
	for _, r := range rs {
		for _, w := range r.Warnings {
			logln(stderr, "warning:", w)
		}
		for _, e := range r.Errors {
			logln(stderr, "error:", e)
			hint = hint || (noInput && strings.Contains(e, ": input."))
		}
	}
	if hint {
		logln(stderr, "hint: the platform's Composition gives what mdaa.yaml does not (region, account): pass it with --input")
	}
}

// convert converts the runtime modules that the filters select; ok is false
// when one could not be read, or none was found.
func convert(f flags, o migrate.Options, stderr io.Writer) ([]migrate.Runtime, bool) {
	modules, err := mdaa.Read(f.mdaa)
	if err != nil {
		logln(stderr, "mdaa-convert:", err)
		return nil, false
	}
	var rs []migrate.Runtime
	ok := true
	for _, m := range modules {
		if !selected(f.domains, m.Domain) || !selected(f.envs, m.Env) || !selected(f.modules, m.Name) {
			continue
		}
		if !migrate.IsRuntime(m.Path) {
			logf(stderr, "ignoring %s: module_path %s is not the bedrock-agentcore-runtime module\n", m.ID(), m.Path)
			continue
		}
		r, err := migrate.Convert(filepath.Dir(f.mdaa), m, o)
		if err != nil {
			logln(stderr, "error:", err)
			ok = false
			continue
		}
		rs = append(rs, r)
	}
	migrate.CheckNames(rs)
	if len(rs) == 0 && ok {
		logf(stderr, "mdaa-convert: no %s module in %s selected\n", migrate.ModulePath, f.mdaa)
		ok = false
	}
	return rs, ok
}

// selected reports whether name passes filter, a comma-separated list ("" passes all).
func selected(filter, name string) bool {
	if filter == "" {
		return true
	}
	for _, f := range strings.Split(filter, ",") {
		if strings.TrimSpace(f) == name {
			return true
		}
	}
	return false
}

// logf and logln write to stderr, where a failed write has nowhere to be told.
func logf(w io.Writer, format string, a ...any) { _, _ = fmt.Fprintf(w, format, a...) }

func logln(w io.Writer, a ...any) { _, _ = fmt.Fprintln(w, a...) }
