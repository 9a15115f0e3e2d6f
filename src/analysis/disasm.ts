/**
 * pprof's `disasm` report (report.go PrintAssembly): the instructions of every function symbol
 * matching a regular expression, each with the flat/cum of the profile's addresses that fall
 * on it. Pure: the instructions come from `go tool objdump` (parseObjdump), run by the caller.
 */
import type { Profile } from '../pprof/profile';
import { formatValue } from '../shared/units';
import { baseName } from './clean-path';
import { selectSampleType } from './sample-type';
import { routineTotalsLine } from './source-listing';
import { compareBytes } from './top';
import { computeTotal } from './total';

export interface Instruction {
  readonly address: number;
  /** Length in bytes (from the encoding objdump prints). */
  readonly size: number;
  /** Base name of the source file, "" when unknown. */
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

export interface ObjdumpSymbol {
  readonly name: string;
  /** The function's source file as the TEXT header names it (full path), "" when absent. */
  readonly file?: string;
  readonly instructions: readonly Instruction[];
}

/** `go tool objdump` output: "TEXT name(SB) file" headers, then "file:line\taddr\tcode\ttext" rows. */
export function parseObjdump(stdout: string): ObjdumpSymbol[] {
  const symbols: { name: string; file: string; instructions: Instruction[] }[] = [];
  for (const row of stdout.split('\n')) {
    const header = /^TEXT (.*)\(SB\)(?: (.*)|$)/.exec(row);
    if (header) {
      symbols.push({ name: header[1]!, file: header[2] ?? '', instructions: [] });
      continue;
    }
    const fields = row.split('\t').filter((f) => f !== '');
    const current = symbols[symbols.length - 1];
    if (!current || fields.length < 4 || !/^0x[0-9a-f]+$/.test(fields[1]!)) continue;
    const where = fields[0]!.trim();
    const colon = where.lastIndexOf(':');
    const file = where.slice(0, colon);
    current.instructions.push({
      address: parseInt(fields[1]!, 16),
      size: fields[2]!.length / 2,
      file: file === '?' ? '' : file,
      line: Number(where.slice(colon + 1)) || 0,
      text: fields.slice(3).join(' ').trim(),
    });
  }
  return symbols;
}

/** An address of the profile: its flat/cum and the function it is in (outermost, as -noinlines). */
interface AddressNode {
  readonly address: number;
  readonly name: string;
  readonly file: string;
  readonly line: number;
  flat: number;
  cum: number;
}

/** Flat and cum per location address (pprof's addresses granularity with -noinlines). */
export function addressTotals(profile: Profile, sampleTypeIndex: number): Map<number, AddressNode> {
  const { samples, locations, functions, strings } = profile;
  const nodes = new Map<number, AddressNode>();
  const seen = new Map<number, number>();
  for (let s = 0; s < samples.count; s++) {
    const v = samples.values[s * samples.valueCount + sampleTypeIndex]!;
    if (v === 0) continue;
    for (let i = samples.stackStart[s]!; i < samples.stackStart[s + 1]!; i++) {
      const loc = samples.stackLocations[i]!;
      const address = locations.address[loc]!;
      let node = nodes.get(address);
      if (!node) {
        const last = locations.lineStart[loc + 1]! - 1;
        const fn = last >= locations.lineStart[loc]! ? locations.lineFunction[last]! : -1;
        node = {
          address,
          name: fn < 0 ? '' : strings[functions.name[fn]!]!,
          file: fn < 0 ? '' : strings[functions.filename[fn]!]!,
          line: fn < 0 ? 0 : locations.lineNumber[last]!,
          flat: 0,
          cum: 0,
        };
        nodes.set(address, node);
      }
      if (i === samples.stackStart[s]) node.flat += v;
      if (seen.get(address) !== s) {
        seen.set(address, s);
        node.cum += v;
      }
    }
  }
  return nodes;
}

export interface DisasmRow {
  readonly address: number;
  readonly text: string;
  readonly flat: number;
  readonly cum: number;
  /** Where the instruction is: "function file:line", only when it changed from the row before. */
  readonly location: string;
  /** The instruction's source file (base name, "" when unknown) and line (0 when unknown). */
  readonly file: string;
  readonly line: number;
}

export interface DisasmRoutine {
  readonly name: string;
  readonly flat: number;
  readonly cum: number;
  readonly rows: readonly DisasmRow[];
}

export interface DisasmListing {
  readonly unit: string;
  readonly total: number;
  readonly routines: readonly DisasmRoutine[];
}

/**
 * The routines of `symbols` (objdump's functions matching `pattern`) that hold samples, by
 * name. Addresses are taken as the binary's own (a non-PIE Go executable, as `go build` makes).
 */
export function disasmListing(profile: Profile, sampleIndex: string | number | undefined, pattern: RegExp, symbols: readonly ObjdumpSymbol[]): DisasmListing {
  const typeIndex = selectSampleType(profile, sampleIndex);
  const nodes = [...addressTotals(profile, typeIndex).values()].filter((n) => n.flat !== 0 || n.cum !== 0);
  nodes.sort((a, b) => a.address - b.address);
  const unit = profile.sampleTypes[typeIndex]!.unit;
  const total = computeTotal(profile, typeIndex);
  // pprof only opens the binary when some sampled function's name matches.
  if (!nodes.some((n) => pattern.test(n.name))) return { unit, total, routines: [] };
  const routines: DisasmRoutine[] = [];
  const sorted = [...symbols].sort((a, b) => compareBytes(a.name, b.name) || (a.instructions[0]?.address ?? 0) - (b.instructions[0]?.address ?? 0));
  for (const sym of sorted) {
    const routine = annotate(sym, nodes);
    if (routine) routines.push(routine);
  }
  return { unit, total, routines };
}

/** pprof's nodesPerSymbol and annotateAssembly for one symbol; undefined without samples. */
function annotate(sym: ObjdumpSymbol, nodes: readonly AddressNode[]): DisasmRoutine | undefined {
  const first = sym.instructions[0];
  const last = sym.instructions[sym.instructions.length - 1];
  if (!first || !last) return undefined;
  // pprof's symbol ends one byte before the symbol's end, for instructions and samples alike.
  const end = last.address + last.size - 1;
  const inside = nodes.filter((n) => n.address >= first.address && n.address < end);
  if (inside.length === 0) return undefined;
  const insts = sym.instructions.filter((i) => i.address < end);
  const rows: DisasmRow[] = [];
  let s = 0;
  let previous = '';
  insts.forEach((inst, i) => {
    const next = insts[i + 1]?.address ?? Infinity;
    let flat = 0;
    let cum = 0;
    let file = inst.file;
    let line = inst.line;
    let fn = '';
    // Samples up to the next instruction count here (an address can be mid-instruction).
    for (; s < inside.length && inside[s]!.address < next; s++) {
      const n = inside[s]!;
      flat += n.flat;
      cum += n.cum;
      if (file === '' && n.file !== '') file = baseName(n.file);
      if (line === 0) line = n.line;
      if (fn === '') fn = n.name;
    }
    const here = `${fn}\u0000${file}\u0000${line}`;
    let location = '';
    if (here !== previous) {
      previous = here;
      location = (fn !== '' ? fn + ' ' : '') + (file !== '' ? file + (line !== 0 ? `:${line}` : '') : '');
    }
    rows.push({ address: inst.address, text: inst.text, flat, cum, location, file, line });
  });
  const flat = inside.reduce((a, n) => a + n.flat, 0);
  const cum = inside.reduce((a, n) => a + n.cum, 0);
  return { name: sym.name, flat, cum, rows };
}

/** `go tool pprof -disasm` text of a listing. */
export function formatDisasm(listing: DisasmListing): string {
  const value = (v: number): string => formatValue(v, listing.unit, 'minimum');
  const dot = (v: number): string => (v === 0 ? '.' : value(v)).padStart(10);
  const out: string[] = [`Total: ${value(listing.total)}`];
  for (const r of listing.routines) {
    out.push(`ROUTINE ======================== ${r.name}`);
    out.push(routineTotalsLine(r, listing.total, value));
    for (const row of r.rows) {
      const head = `${dot(row.flat)} ${dot(row.cum)} ${row.address.toString(16).padStart(10)}: `;
      if (row.location === '') out.push(head + row.text);
      else if (row.text.length < 40) out.push(`${head}${row.text.padEnd(40)};${row.location}`);
      else out.push(`${' '.repeat(74)};${row.location}`, head + row.text);
    }
  }
  return out.join('\n') + '\n';
}
