/**
 * Builds a main package with the agent injected through `go build -overlay`. Everything
 * written (agent, exit hook, overlay, the copy of the main file whose main defers the
 * agent's finish, binary) goes to a private 0700 temp folder (see work-dir.ts); the user's
 * tree is only read.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { agentDeps, onlyTheAgents } from './agent-packages';
import { AGENT_FILE_NAME, AGENT_SOURCE } from './agent-source';
import { BuildProgressReader, withoutPackageLines, type BuildProgress } from './build-progress';
import { CaptureError } from './errors';
import { EXIT_HOOK_FILE_NAME, EXIT_HOOK_SOURCE, goflagsSetLdflags, isExitHookFailure, toolchainHasExitHooks, withLinknameCheckOff } from './exit-hook';
import { isGoFileArg, resolveMainPackage, type GoPackage } from './go-package';
import { runTool, type ToolResult } from './process';
import { wrapMain } from './whole-run-main';
import { makeWorkDir, sweepStaleWorkDirs } from './work-dir';

export interface AgentBuildOptions {
  readonly go: string;
  /** Package pattern, resolved in cwd: "./cmd/server", "example.com/x/cmd/y", ".". */
  readonly pattern: string;
  readonly cwd: string;
  readonly wholeRun?: boolean;
  /** Extra `go build` flags (e.g. from launch.json buildFlags), placed before the package. */
  readonly buildFlags?: readonly string[];
  /** Further .go files when `pattern` is one: a program named by its files, as `go run a.go b.go`. */
  readonly moreFiles?: readonly string[];
  /** Interrupts the build: the go command is stopped, the temp folder removed, and the build rejects ('cancelled'). */
  readonly signal?: AbortSignal;
  /** Each package as `go build -v` compiles it (a cold build compiles the standard library too). */
  readonly onProgress?: (progress: BuildProgress) => void;
}

export interface AgentBuild {
  readonly pkg: GoPackage;
  /** Short program name: the package's last path element. */
  readonly program: string;
  /** Private temp folder holding the binary; remove with cleanup(). */
  readonly workDir: string;
  readonly binary: string;
  /** The user's main defers the agent's finish, so the agent writes a recording when main returns or panics. */
  readonly wrapsMain: boolean;
  /** The agent also runs on os.Exit (an exit hook; Go 1.23 and later). */
  readonly exitHook: boolean;
  /** Packages the program does not import itself: their frames are the agent's. */
  readonly agentOnlyPackages: ReadonlySet<string>;
  cleanup(): Promise<void>;
}

/** Program name from an import path or, for command-line-arguments, the folder. Pure. */
export function programName(pkg: Pick<GoPackage, 'importPath' | 'dir'>): string {
  const fromPath = pkg.importPath === 'command-line-arguments' ? basename(pkg.dir) : pkg.importPath.split('/').pop();
  return fromPath || 'program';
}

/** JSON for `go build -overlay`: virtual (or replaced) path → file holding its content. Pure. */
export function overlayJson(replace: Readonly<Record<string, string>>): string {
  return JSON.stringify({ Replace: replace }, null, 2);
}

/** Finds the package file declaring func main and returns its copy whose main defers the agent's finish. */
async function wrappedMainCopy(pkg: GoPackage): Promise<{ path: string; source: string } | undefined> {
  for (const file of pkg.goFiles) {
    const path = join(pkg.dir, file);
    const rewritten = wrapMain(await readFile(path, 'utf8'));
    if (rewritten !== undefined) return { path, source: rewritten };
  }
  return undefined;
}

/** A path for a file of the agent's named `name` in `dir` that no file of the user's has. */
function freePathIn(dir: string, name: string): string {
  let path = join(dir, name);
  for (let n = 2; existsSync(path); n++) path = join(dir, name.replace(/\.go$/, `_${n}.go`));
  return path;
}

/**
 * What `go build` is given to build: the package pattern; or, for a program named by its
 * files, those files and the agent's (a build of named files compiles only the files named),
 * the agent's named in the same form as the first file so go sees one folder. Pure.
 */
export function buildTargets(pattern: string, moreFiles: readonly string[], ...agentPaths: string[]): string[] {
  if (!isGoFileArg(pattern)) return [pattern];
  return [pattern, ...moreFiles, ...agentPaths.map((p) => join(dirname(pattern), basename(p)))];
}

export async function buildWithAgent(options: AgentBuildOptions): Promise<AgentBuild> {
  await sweepStaleWorkDirs();
  const moreFiles = options.moreFiles ?? [];
  const pkg = await resolveMainPackage(options.go, options.pattern, options.cwd, { moreFiles, signal: options.signal });
  const program = programName(pkg);
  const work = await makeWorkDir();
  const workDir = work.path;
  const cleanup = work.remove;
  try {
    const agentFile = join(workDir, 'agent.go');
    await writeFile(agentFile, AGENT_SOURCE, { mode: 0o600 });
    const agentPath = freePathIn(pkg.dir, AGENT_FILE_NAME);
    const wrapped = await wrappedMainCopy(pkg);
    const wrappedFile = join(workDir, 'main-wrapped.go');
    if (wrapped) await writeFile(wrappedFile, wrapped.source, { mode: 0o600 });
    else if (options.wholeRun) throw new CaptureError('build-failed', `whole-run: no file of ${pkg.pattern} declares func main()`);
    const hookFile = join(workDir, 'exit-hook.go');
    await writeFile(hookFile, EXIT_HOOK_SOURCE, { mode: 0o600 });
    const hookPath = freePathIn(pkg.dir, EXIT_HOOK_FILE_NAME);
    const [deps, goflagsLinkFlags] = await Promise.all([agentDeps(options.go, options.cwd), goflagsSetLdflags(options.go, options.cwd)]);
    const binary = join(workDir, process.platform === 'win32' ? `${program}.exe` : program);
    // The go command's own work folder goes inside ours: go leaves it behind when it is
    // interrupted (SIGINT) or killed, and whatever removes our folder then removes both.
    const goTmp = join(workDir, 'go-tmp');
    await mkdir(goTmp, { mode: 0o700 });
    const env = { ...process.env, GOTMPDIR: goTmp };
    const packages = new Set([...deps, ...pkg.deps, pkg.importPath]);
    const { onProgress } = options;
    /** One build with the agent, and optionally the wrapped main and the exit hook. */
    const build = async (parts: { wrap: boolean; hook: boolean }): Promise<ToolResult> => {
      const replace: Record<string, string> = { [agentPath]: agentFile };
      if (parts.wrap && wrapped) replace[wrapped.path] = wrappedFile;
      if (parts.hook) replace[hookPath] = hookFile;
      const overlayFile = join(workDir, 'overlay.json');
      await writeFile(overlayFile, overlayJson(replace), { mode: 0o600 });
      const flags = parts.hook ? withLinknameCheckOff(options.buildFlags ?? []) : (options.buildFlags ?? []);
      const targets = buildTargets(options.pattern, moreFiles, agentPath, ...(parts.hook ? [hookPath] : []));
      const verbose = onProgress ? ['-v'] : [];
      const reader = onProgress && new BuildProgressReader(packages, onProgress);
      const args = ['build', ...verbose, '-overlay', overlayFile, '-o', binary, ...flags, ...targets];
      const result = await runTool(options.go, args, { cwd: options.cwd, env, signal: options.signal, onStderr: reader && ((text) => reader.push(text)) });
      if (result.interrupted) throw new CaptureError('cancelled', `build of ${pkg.pattern} cancelled`);
      return reader ? { ...result, stderr: withoutPackageLines(result.stderr, packages) } : result;
    };
    // Everything first; without the hook if the link refused it; then the agent alone, so
    // that errors in the user's code name the user's files (not the copy of main's).
    let parts = { wrap: wrapped !== undefined, hook: toolchainHasExitHooks(pkg.goVersion) && !goflagsLinkFlags };
    let result = await build(parts);
    if (result.code !== 0 && parts.hook && isExitHookFailure(result.stderr + result.stdout)) {
      parts = { ...parts, hook: false };
      result = await build(parts);
    }
    if (result.code !== 0 && (parts.wrap || parts.hook)) {
      const alone = await build({ wrap: false, hook: false });
      if (alone.code !== 0 || !options.wholeRun) {
        parts = { wrap: false, hook: false };
        result = alone;
      }
    }
    if (result.code !== 0) {
      const output = result.stderr.trim() || result.stdout.trim();
      const firstError = output.split('\n').find((l) => !l.startsWith('#')) ?? `exit code ${result.code}`;
      throw new CaptureError('build-failed', `build of ${pkg.pattern} failed: ${firstError}`, output);
    }
    const agentOnlyPackages = onlyTheAgents(deps, pkg.deps, pkg.importPath);
    return { pkg, program, workDir, binary, wrapsMain: parts.wrap, exitHook: parts.hook, agentOnlyPackages, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
