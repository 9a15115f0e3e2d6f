/**
 * The view methods the panel answers itself (Source, Disassembly, Choose Binary…), wired to
 * VS Code: the hints' source mapping finds files, the sidecar's `binaryFile` or the user's
 * choice (remembered per profile in the workspace state) is the binary.
 */
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { HintLink } from '../hints/register-hint-features';
import type { HostViewMethods } from '../shared/protocol';
import type { MethodName, ParamsOf, ResultOf } from '../shared/rpc';
import type { PeekParams } from '../shared/peek-view';
import type { DisasmView } from '../shared/source-view';
import type { ProfileDocument } from './profile-document';
import { SourceAnnotator, type ResolvedSource } from './source-annotator';

/** Workspace-state key: profile URI -> the binary the user chose for it. */
const CHOSEN_BINARIES_KEY = 'goProfiler.chosenBinaries';

type HostHandlers = { readonly [K in MethodName<HostViewMethods>]: (params: ParamsOf<HostViewMethods, K>) => Promise<ResultOf<HostViewMethods, K>> };

export class SourceRequests {
  private readonly annotator: SourceAnnotator;
  private readonly handlers: HostHandlers;

  constructor(
    private readonly document: ProfileDocument,
    private readonly hints: HintLink,
    private readonly state: vscode.Memento,
  ) {
    const uri = document.uri;
    this.annotator = new SourceAnnotator({
      sourceListing: (params) => document.request('sourceListing', params),
      disasmListing: (params) => document.request('disasmListing', params),
      functionOf: (params) => document.request('functionOf', params),
      resolve: async (file, functionName) => toResolved(await hints.resolveSource(uri, file, functionName)),
      binary: () => this.binary(),
    });
    this.handlers = {
      source: (params) => this.annotator.source(params),
      disasm: (params) => this.annotator.disasm(params),
      chooseBinary: (params) => this.chooseBinary(params),
    };
  }

  answer<K extends MethodName<HostViewMethods>>(method: K, params: ParamsOf<HostViewMethods, K>): Promise<ResultOf<HostViewMethods, K>> {
    const handler: (p: ParamsOf<HostViewMethods, K>) => Promise<ResultOf<HostViewMethods, K>> = this.handlers[method];
    return handler(params);
  }

  private async binary(): Promise<string | undefined> {
    const chosen = this.state.get<Record<string, string>>(CHOSEN_BINARIES_KEY)?.[this.document.uri.toString()];
    if (chosen !== undefined) return chosen;
    const sidecar = await this.hints.sidecar(this.document.uri);
    return sidecar?.binaryFile === undefined ? undefined : join(dirname(this.document.uri.fsPath), sidecar.binaryFile);
  }

  private async chooseBinary(params: PeekParams): Promise<DisasmView> {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      defaultUri: vscode.Uri.joinPath(this.document.uri, '..'),
      openLabel: 'Use this binary',
      title: `The program ${this.document.fileName} came from`,
    });
    const file = picked?.[0];
    if (file) {
      const all = this.state.get<Record<string, string>>(CHOSEN_BINARIES_KEY) ?? {};
      await this.state.update(CHOSEN_BINARIES_KEY, { ...all, [this.document.uri.toString()]: file.fsPath });
    }
    return this.annotator.disasm(params);
  }
}

function toResolved(resolution: Awaited<ReturnType<HintLink['resolveSource']>>): ResolvedSource {
  switch (resolution.kind) {
    case 'resolved':
      return { path: resolution.path };
    case 'unresolved':
      return { error: resolution.reason };
    case 'ambiguous':
      return { error: `several files match (${resolution.candidates.join(', ')}); click a line to choose one, then reopen the tab` };
  }
}
