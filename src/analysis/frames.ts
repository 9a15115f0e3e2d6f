import type { ProfileMetadata } from '../pprof/profile';
import type { GranularityKeys } from './granularity';
import { baseName, cleanPath } from './clean-path';

/** One report node at the chosen granularity (pprof's graph.NodeInfo). */
export interface Frame {
  /** pprof's printable name: exactly what `go tool pprof -top` prints in the name column. */
  readonly name: string;
  /** Function name; "" at files granularity. */
  readonly functionName: string;
  /**
   * Cleaned source file of the function, for navigation. Set at every granularity, even when
   * the file is not part of the node's identity (functions): then it is the first file seen.
   */
  readonly file: string;
  /** Line number; 0 unless granularity is lines. */
  readonly line: number;
  readonly startLine: number;
  /** Every use of this frame is an inlined Line entry (pprof prints "(inline)"). */
  readonly inlined: boolean;
  /** Some uses are inlined and some are not (pprof prints "(partial-inline)"). */
  readonly partialInline: boolean;
  /** Binary the frame came from; only part of the identity when the function has no name. */
  readonly objfile: string;
  /** Tie-breaker with pprof's order for nodes of equal printable name (fmt.Sprint of NodeInfo). */
  readonly identity: string;
}

interface MutableFrame {
  name: string;
  functionName: string;
  file: string;
  line: number;
  startLine: number;
  inlined: boolean;
  partialInline: boolean;
  objfile: string;
  identity: string;
}

/** Interns frames by pprof node identity, so equal nodes share one dense index. */
export class FrameInterner {
  readonly frames: MutableFrame[] = [];
  private readonly byIdentity = new Map<string, number>();
  /** Cleaned file name per string index (many functions share a file). */
  private readonly cleanedFile = new Map<number, string>();
  private inlinedUses = new Int32Array(64);
  private directUses = new Int32Array(64);

  constructor(
    private readonly profile: ProfileMetadata,
    private readonly keys: GranularityKeys,
  ) {
  }

  /** The frame of line entry `lineIndex` (an index into the location line arrays) of location `loc`. */
  lineFrame(loc: number, lineIndex: number): number {
    const p = this.profile;
    const fn = p.locations.lineFunction[lineIndex]!;
    if (fn < 0) return this.emptyFrame(loc);
    const functionName = p.strings[p.functions.name[fn]!] ?? '';
    const file = this.fileOf(fn);
    const name = this.keys.functionName ? functionName : '';
    const identityFile = this.keys.fileName ? file : '';
    const line = this.keys.lineNumber ? p.locations.lineNumber[lineIndex]! : 0;
    // pprof keeps the binary and start line in the identity only for nameless functions.
    const objfile = name === '' ? this.objfileOf(loc) : '';
    const startLine = name === '' ? p.functions.startLine[fn]! : 0;
    const identity = `{${name}  0 ${identityFile} ${startLine} ${line} 0 ${objfile}}`;
    const found = this.byIdentity.get(identity);
    if (found !== undefined) return found;
    return this.add(identity, {
      name: printableName(name, identityFile, line, objfile),
      functionName: name,
      file,
      line,
      startLine: p.functions.startLine[fn]!,
      inlined: false,
      partialInline: false,
      objfile,
      identity,
    });
  }

  /** The frame of a location without lines (or a line without a function): only its binary is known. */
  emptyFrame(loc: number): number {
    const objfile = this.objfileOf(loc);
    const identity = `{  0  0 0 0 ${objfile}}`;
    const found = this.byIdentity.get(identity);
    if (found !== undefined) return found;
    return this.add(identity, {
      name: printableName('', '', 0, objfile),
      functionName: '',
      file: '',
      line: 0,
      startLine: 0,
      inlined: false,
      partialInline: false,
      objfile,
      identity,
    });
  }

  /** Records one use of a frame, inlined or not, for the (inline) markers. */
  countUse(frame: number, inlined: boolean): void {
    if (inlined) this.inlinedUses[frame]!++;
    else this.directUses[frame]!++;
  }

  /** Frames with their inline markers settled. */
  finish(): Frame[] {
    for (let f = 0; f < this.frames.length; f++) {
      const frame = this.frames[f]!;
      const inl = this.inlinedUses[f]! > 0;
      const direct = this.directUses[f]! > 0;
      frame.inlined = inl && !direct;
      frame.partialInline = inl && direct;
    }
    return this.frames;
  }

  private add(identity: string, frame: MutableFrame): number {
    const index = this.frames.length;
    this.frames.push(frame);
    this.byIdentity.set(identity, index);
    if (index >= this.inlinedUses.length) {
      this.inlinedUses = grow(this.inlinedUses);
      this.directUses = grow(this.directUses);
    }
    return index;
  }

  private fileOf(fn: number): string {
    const index = this.profile.functions.filename[fn]!;
    let file = this.cleanedFile.get(index);
    if (file === undefined) {
      const raw = this.profile.strings[index] ?? '';
      file = raw === '' ? '' : cleanPath(trimBuildDirectory(raw));
      this.cleanedFile.set(index, file);
    }
    return file;
  }

  private objfileOf(loc: number): string {
    const m = this.profile.locations.mapping[loc]!;
    return m >= 0 ? (this.profile.mappings[m]?.filename ?? '') : '';
  }
}

/** pprof strips the build sandbox prefixes "/proc/self/cwd/./" and "/proc/self/cwd/" from file names. */
function trimBuildDirectory(path: string): string {
  for (const prefix of ['/proc/self/cwd/./', '/proc/self/cwd/']) {
    if (path.startsWith(prefix)) return path.slice(prefix.length);
  }
  return path;
}

/** pprof's NodeInfo.PrintableName without addresses or columns (which reports here never keep). */
export function printableName(name: string, file: string, line: number, objfile: string): string {
  const parts: string[] = [];
  if (name !== '') parts.push(name);
  if (line !== 0) parts.push(`${file}:${line}`);
  else if (file !== '') parts.push(file);
  else if (name === '') parts.push(objfile !== '' ? `[${baseName(objfile)}]` : '<unknown>');
  return parts.join(' ');
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
