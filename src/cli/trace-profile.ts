/**
 * `go-profiler trace-profile TRACE --type net|sync|syscall|sched --out FILE`: writes one
 * trace-derived profile of a Go execution trace, the same as go tool trace -pprof=TYPE.
 */
import { writeFile } from 'node:fs/promises';
import { traceProfileFile } from '../capture/trace-profile';
import { readProfileBytes } from '../pprof/read-file-node';
import { TRACE_PROFILE_TYPES, type TraceProfileType } from '../trace/profiles';
import { readTrace } from '../trace/read';
import { UsageError } from './args';

export const TRACE_PROFILE_USAGE = `usage: go-profiler trace-profile TRACE --type ${TRACE_PROFILE_TYPES.join('|')} --out FILE`;

export interface TraceProfileArgs {
  readonly trace: string;
  readonly type: TraceProfileType;
  readonly out: string;
}

export function parseTraceProfileArgs(argv: readonly string[]): TraceProfileArgs {
  let trace: string | undefined;
  let type: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--type' || flag === '--out') {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${flag} needs a value (${TRACE_PROFILE_USAGE})`);
      if (flag === '--type') type = value;
      else out = value;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${arg} (${TRACE_PROFILE_USAGE})`);
    } else if (trace === undefined) {
      trace = arg;
    } else {
      throw new UsageError(`one trace file only, got "${trace}" and "${arg}" (${TRACE_PROFILE_USAGE})`);
    }
  }
  if (trace === undefined) throw new UsageError(`no trace file given (${TRACE_PROFILE_USAGE})`);
  if (type === undefined) throw new UsageError(`--type is required (${TRACE_PROFILE_USAGE})`);
  if (!(TRACE_PROFILE_TYPES as readonly string[]).includes(type)) throw new UsageError(`unknown --type "${type}": one of ${TRACE_PROFILE_TYPES.join(', ')}`);
  if (out === undefined) throw new UsageError(`--out is required (${TRACE_PROFILE_USAGE})`);
  return { trace, type: type as TraceProfileType, out };
}

/** Runs the command; returns the line it prints. */
export async function traceProfileCommand(argv: readonly string[]): Promise<string> {
  const args = parseTraceProfileArgs(argv);
  const trace = readTrace(await readProfileBytes(args.trace), args.trace);
  await writeFile(args.out, traceProfileFile(trace, args.type));
  return `${args.type} ${args.out}\n`;
}
