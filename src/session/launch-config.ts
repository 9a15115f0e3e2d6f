/**
 * A launch.json configuration of `"type": "go"` → what Run with Profiler needs. Uses the
 * fields vscode-go documents: program, args, env, envFile, cwd, buildFlags. Pure.
 */
import { dirname, isAbsolute, resolve } from 'node:path';

export interface GoLaunchConfig {
  readonly name: string;
  readonly program: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly envFiles: readonly string[];
  readonly cwd: string | undefined;
  readonly buildFlags: readonly string[];
}

export interface RunTarget {
  /** Label for pickers and messages. */
  readonly label: string;
  /** Absolute folder of the main package (the build pattern). */
  readonly packageDir: string;
  /** Where the program runs (and go build resolves the package). */
  readonly cwd: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** envFile paths, read later (their variables come before `env`'s). */
  readonly envFiles: readonly string[];
  readonly buildFlags: readonly string[];
}

export interface SubstitutionContext {
  readonly workspaceFolder: string;
  /** Active editor's file, if any. */
  readonly file?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly userHome?: string;
}

/** Replaces ${workspaceFolder}, ${workspaceFolderBasename}, ${file}, ${fileDirname}, ${userHome}, ${env:X}. */
export function substituteVariables(text: string, ctx: SubstitutionContext): string {
  return text.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    if (name.startsWith('env:')) return ctx.env[name.slice(4)] ?? '';
    switch (name) {
      case 'workspaceFolder':
      case 'workspaceRoot':
        return ctx.workspaceFolder;
      case 'workspaceFolderBasename':
        return ctx.workspaceFolder.split(/[\\/]/).pop() ?? '';
      case 'file':
        return ctx.file ?? whole;
      case 'fileDirname':
        return ctx.file ? dirname(ctx.file) : whole;
      case 'userHome':
        return ctx.userHome ?? whole;
      default:
        return whole;
    }
  });
}

/** Splits a flags string the way a shell would for simple quoting: `-tags 'a b' -race`. */
export function splitFlags(text: string): string[] {
  const out: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i]!;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (/\s/.test(c)) {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) out.push(word);
  return out;
}

function strings(value: unknown): string[] | undefined {
  if (typeof value === 'string') return splitFlags(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
}

/** The `"type": "go"`, `"request": "launch"` configurations of a parsed launch.json. */
export function goLaunchConfigs(launchJson: unknown): GoLaunchConfig[] {
  const configurations = (launchJson as { configurations?: unknown } | null)?.configurations;
  if (!Array.isArray(configurations)) return [];
  const out: GoLaunchConfig[] = [];
  for (const c of configurations as unknown[]) {
    if (typeof c !== 'object' || c === null) continue;
    const o = c as Record<string, unknown>;
    if (o.type !== 'go' || (o.request !== undefined && o.request !== 'launch')) continue;
    if (o.mode === 'test' || typeof o.program !== 'string') continue;
    const env: Record<string, string> = {};
    if (typeof o.env === 'object' && o.env !== null) {
      for (const [k, v] of Object.entries(o.env as Record<string, unknown>)) if (typeof v === 'string' || typeof v === 'number') env[k] = String(v);
    }
    out.push({
      name: typeof o.name === 'string' ? o.name : o.program,
      program: o.program,
      args: strings(o.args) ?? [],
      env,
      envFiles: typeof o.envFile === 'string' ? [o.envFile] : (strings(o.envFile) ?? []).filter((f) => f !== ''),
      cwd: typeof o.cwd === 'string' && o.cwd !== '' ? o.cwd : undefined,
      buildFlags: strings(o.buildFlags) ?? [],
    });
  }
  return out;
}

/** Resolves a configuration's variables and paths into a run target. */
export function runTargetFromConfig(config: GoLaunchConfig, ctx: SubstitutionContext): RunTarget {
  const sub = (t: string): string => substituteVariables(t, ctx);
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(ctx.workspaceFolder, p));
  const program = abs(sub(config.program));
  const packageDir = program.endsWith('.go') ? dirname(program) : program;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(config.env)) env[k] = sub(v);
  return {
    label: config.name,
    packageDir,
    cwd: config.cwd ? abs(sub(config.cwd)) : packageDir,
    args: config.args.map(sub),
    env,
    envFiles: config.envFiles.map((f) => abs(sub(f))),
    buildFlags: config.buildFlags.map(sub),
  };
}
