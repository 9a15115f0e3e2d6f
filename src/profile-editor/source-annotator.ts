/**
 * The host's half of the Source and Disassembly tabs: the worker gives the numbers, this reads
 * the source files (found by the same source mapping as the jumps and hints) and runs
 * `go tool objdump` on the profile's binary. No vscode here, so the webview tests drive it too.
 */
import { readFile } from 'node:fs/promises';
import { sourceTextLines } from '../analysis/source-listing';
import { objdump } from '../capture/objdump';
import type { PeekParams } from '../shared/peek-view';
import { exactNamePattern, type DisasmRowView, type DisasmView, type SourceLineView, type SourceListingData, type SourceRoutineView, type SourceView } from '../shared/source-view';
import type { DisasmData, DisasmParams } from '../worker/worker-protocol';

/** A profile's file name mapped to a file on this machine, or why not (naming what was tried). */
export type ResolvedSource = { readonly path: string } | { readonly error: string };

export interface AnnotatorDeps {
  sourceListing(params: PeekParams): Promise<SourceListingData>;
  disasmListing(params: DisasmParams): Promise<DisasmData>;
  /** The function a selection stands for (the worker's `functionOf`). */
  functionOf(params: PeekParams): Promise<string>;
  resolve(file: string, functionName: string): Promise<ResolvedSource>;
  /** The program the profile came from, when known (sidecar or the user's choice). */
  binary(): Promise<string | undefined>;
}

export const NO_BINARY = 'The program binary of this profile is unknown: profiles captured by Run with Profiler keep it; for others, choose the binary the profile came from.';

export class SourceAnnotator {
  constructor(private readonly deps: AnnotatorDeps) {}

  async source(params: PeekParams): Promise<SourceView> {
    const data = await this.deps.sourceListing(params);
    const name = data.name;
    const base = { name, unit: data.unit, total: data.total };
    if (data.noSource) return { ...base, routines: [], message: `No source information for ${name}: the profile names no file for it.` };
    if (data.routines.length === 0) return { ...base, routines: [], message: `${name} has no samples of this type under the current filters.` };
    const texts = new SourceTexts(this.deps, name);
    const routines = await Promise.all(
      data.routines.map(async (r): Promise<SourceRoutineView> => {
        const text = await texts.lines(r.file);
        const common = { name: r.name, file: r.file, flat: r.flat, cum: r.cum };
        if ('error' in text) return { ...common, error: text.error, lines: [] };
        const costed = new Map(r.lines.map((l) => [l.line, l]));
        const lines: SourceLineView[] = [];
        for (let line = r.start; line <= r.end && line <= text.lines.length; line++) {
          const c = costed.get(line);
          lines.push({ line, text: text.lines[line - 1]!, flat: c?.flat ?? 0, cum: c?.cum ?? 0, callees: c?.callees ?? [] });
        }
        return { ...common, path: text.path, lines };
      }),
    );
    return { ...base, routines };
  }

  async disasm(params: PeekParams): Promise<DisasmView> {
    const binary = await this.deps.binary();
    if (binary === undefined) return { kind: 'noBinary', message: NO_BINARY };
    const name = await this.deps.functionOf(params);
    let data: DisasmData;
    try {
      const symbols = await objdump(binary, exactNamePattern(name));
      if (symbols.length === 0) return { kind: 'failed', binary, message: `${binary} has no function ${name}: it is inlined into its callers (disassemble one of them), or the binary is not the program this profile came from.` };
      data = await this.deps.disasmListing({ ...params, symbols });
    } catch (error) {
      return { kind: 'failed', binary, message: error instanceof Error ? error.message : String(error) };
    }
    if (data.routines.length === 0) return { kind: 'failed', binary, message: `No samples of ${name} fall on its instructions in ${binary}: is it the program this profile came from?` };
    const texts = new SourceTexts(this.deps, name);
    const routines = await Promise.all(data.routines.map(async (r) => ({ ...r, rows: await withSource(r.rows, texts) })));
    return { kind: 'listing', binary, unit: data.unit, total: data.total, routines };
  }
}

/** Each run of instructions on one source line gets that line's text on its first row. */
async function withSource(rows: readonly DisasmRowView[], texts: SourceTexts): Promise<DisasmRowView[]> {
  const out: DisasmRowView[] = [];
  let previous = '';
  for (const row of rows) {
    const here = `${row.file}:${row.line}`;
    if (here === previous || row.file === '' || row.line === 0) {
      out.push(row);
      continue;
    }
    previous = here;
    const text = await texts.lines(row.file);
    out.push('lines' in text && row.line <= text.lines.length ? { ...row, source: text.lines[row.line - 1]! } : row);
  }
  return out;
}

type FileText = { readonly path: string; readonly lines: readonly string[] } | { readonly error: string };

/** Source files of one answer, each resolved and read once. */
class SourceTexts {
  private readonly files = new Map<string, Promise<FileText>>();

  constructor(
    private readonly deps: AnnotatorDeps,
    private readonly functionName: string,
  ) {}

  lines(file: string): Promise<FileText> {
    let text = this.files.get(file);
    if (!text) this.files.set(file, (text = this.read(file)));
    return text;
  }

  private async read(file: string): Promise<FileText> {
    const resolved = await this.deps.resolve(file, this.functionName);
    if ('error' in resolved) return { error: `Source of ${file} not found: ${resolved.error}.` };
    try {
      return { path: resolved.path, lines: sourceTextLines(await readFile(resolved.path, 'utf8')) };
    } catch (error) {
      return { error: `Could not read ${resolved.path}: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
}
