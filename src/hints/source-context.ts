/**
 * The VS Code side of source mapping: gathers the workspace's go.mod modules, `go env GOROOT
 * GOMODCACHE`, the capture's sidecar, and answers file questions; one resolver per profile.
 */
import * as vscode from 'vscode';
import { runTool } from '../capture/process';
import { goLookupSettings, lookupGo } from '../golang/go-lookup';
import { parseModulePath } from '../golang/go-mod';
import {
  normalizePath,
  SourceResolver,
  type GoModule,
  type SourceContext,
  type SourceFileSystem,
} from '../analysis/source-paths';
import { parseSidecar, type ProfileSidecar } from '../store/sidecar';
import { SIDECAR_EXTENSION, stemOf } from '../store/naming';

const CHOICES_KEY = 'goProfiler.sourceChoices';
const EXCLUDE = '**/{node_modules,.git,testdata}/**';

interface GoEnv {
  goroot?: string;
  gomodcache?: string;
  goVersion?: string;
}

/** `go env GOROOT GOMODCACHE GOVERSION`, quietly empty when go is missing. */
async function goEnvDirs(): Promise<GoEnv> {
  const lookup = lookupGo(goLookupSettings((section, key) => vscode.workspace.getConfiguration(section).get(key)));
  if (!lookup.found) return {};
  try {
    const result = await runTool(lookup.found.path, ['env', 'GOROOT', 'GOMODCACHE', 'GOVERSION']);
    if (result.code !== 0) return {};
    const [goroot = '', gomodcache = '', goVersion = ''] = result.stdout.split('\n').map((s) => s.trim());
    return {
      ...(goroot ? { goroot: normalizePath(goroot) } : {}),
      ...(gomodcache ? { gomodcache: normalizePath(gomodcache) } : {}),
      ...(goVersion ? { goVersion } : {}),
    };
  } catch {
    return {};
  }
}

async function workspaceModules(): Promise<GoModule[]> {
  const uris = await vscode.workspace.findFiles('**/go.mod', EXCLUDE, 500);
  const modules: GoModule[] = [];
  for (const uri of uris) {
    try {
      const path = parseModulePath(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
      if (path) modules.push({ path, root: normalizePath(vscode.Uri.joinPath(uri, '..').fsPath) });
    } catch {
      // An unreadable go.mod names no module.
    }
  }
  return modules;
}

/** The sidecar written beside a captured profile, if there is a readable one. */
export async function readSidecar(profileUri: vscode.Uri): Promise<ProfileSidecar | undefined> {
  const name = profileUri.path.slice(profileUri.path.lastIndexOf('/') + 1);
  const stem = stemOf(name);
  if (stem === undefined) return undefined;
  const uri = vscode.Uri.joinPath(profileUri, '..', stem + SIDECAR_EXTENSION);
  try {
    return parseSidecar(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), uri.fsPath);
  } catch {
    return undefined;
  }
}

const fileSystem: SourceFileSystem = {
  async exists(path) {
    try {
      const stat = await vscode.workspace.fs.stat(vscode.Uri.file(path));
      return (stat.type & vscode.FileType.File) !== 0;
    } catch {
      return false;
    }
  },
  async findByName(baseName) {
    const glob = baseName.replace(/[[\]{}*?!]/g, (c) => `[${c}]`);
    const uris = await vscode.workspace.findFiles(`**/${glob}`, EXCLUDE, 200);
    return uris.map((u) => normalizePath(u.fsPath));
  },
  async list(dir) {
    try {
      return (await vscode.workspace.fs.readDirectory(vscode.Uri.file(dir))).map(([name]) => name);
    } catch {
      return [];
    }
  },
};

/** Resolvers per profile, sharing the machine facts; choices persist in the workspace state. */
export class SourceMapping implements vscode.Disposable {
  private env: Promise<GoEnv> | undefined;
  private readonly resolvers = new Map<string, Promise<SourceResolver>>();
  private readonly sidecars = new Map<string, Promise<ProfileSidecar | undefined>>();
  private readonly watcher: vscode.FileSystemWatcher;
  private readonly changed = new vscode.EventEmitter<void>();
  /** A go.mod changed: mappings are made afresh. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {
    this.watcher = vscode.workspace.createFileSystemWatcher('**/go.mod');
    const reset = (): void => {
      this.resolvers.clear();
      this.changed.fire();
    };
    this.watcher.onDidCreate(reset);
    this.watcher.onDidChange(reset);
    this.watcher.onDidDelete(reset);
  }

  resolver(profileUri: vscode.Uri): Promise<SourceResolver> {
    const key = profileUri.toString();
    let r = this.resolvers.get(key);
    if (!r) {
      r = this.create(profileUri);
      this.resolvers.set(key, r);
    }
    return r;
  }

  /** Remembers the user's pick among ambiguous files, for this profile, across sessions. */
  async remember(profileUri: vscode.Uri, profileFile: string, path: string): Promise<void> {
    (await this.resolver(profileUri)).choose(profileFile, path);
    const all = this.state.get<Record<string, Record<string, string>>>(CHOICES_KEY) ?? {};
    const key = profileUri.toString();
    await this.state.update(CHOICES_KEY, { ...all, [key]: { ...(all[key] ?? {}), [profileFile]: path } });
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }

  private async create(profileUri: vscode.Uri): Promise<SourceResolver> {
    this.env ??= goEnvDirs();
    // Modules are listed per profile (a few go.mod reads), so a workspace that just changed counts.
    const [env, modules, sidecar] = await Promise.all([this.env, workspaceModules(), this.sidecar(profileUri)]);
    const ctx: SourceContext = {
      modules,
      ...env,
      ...(sidecar
        ? {
            sidecar: {
              ...(sidecar.sourceRoot ? { sourceRoot: sidecar.sourceRoot } : {}),
              ...(sidecar.module ? { module: sidecar.module } : {}),
              ...(sidecar.goVersion ? { goVersion: sidecar.goVersion } : {}),
            },
          }
        : {}),
    };
    const saved = this.state.get<Record<string, Record<string, string>>>(CHOICES_KEY)?.[profileUri.toString()] ?? {};
    return new SourceResolver(ctx, fileSystem, Object.entries(saved));
  }

  /** The sidecar of a profile, read once per resolver. */
  sidecar(profileUri: vscode.Uri): Promise<ProfileSidecar | undefined> {
    let s = this.sidecars.get(profileUri.toString());
    if (!s) {
      s = readSidecar(profileUri);
      this.sidecars.set(profileUri.toString(), s);
    }
    return s;
  }
}
