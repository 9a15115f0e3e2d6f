/** The `go-profiler` command line, parsed into a command, its files and report options. */
import type { Granularity, ReportOptions } from '../analysis/options';
import { labelKeys } from '../shared/label-keys';

export const REPORT_COMMANDS = ['top', 'tree', 'peek', 'traces', 'folded', 'diff', 'tags'] as const;
export type ReportCommand = (typeof REPORT_COMMANDS)[number];

/** A command line the CLI cannot act on; the message is one line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CliArgs {
  readonly command: ReportCommand;
  readonly file: string;
  /** peek: the regular expression of the functions to show. */
  readonly regex: string | undefined;
  readonly report: ReportOptions;
  readonly base: string | undefined;
  readonly diffBase: string | undefined;
  readonly nodeCount: number | undefined;
  readonly json: boolean;
  readonly cum: boolean;
  /** --view NAME|FILE.json: a saved view whose options the explicit flags override (view-option.ts). */
  readonly view: string | undefined;
}

const GRANULARITIES: readonly Granularity[] = ['functions', 'filefunctions', 'lines', 'files'];

/** Flags that take a value, mapped to the report option they set. */
const REGEX_FLAGS = {
  focus: 'focus',
  ignore: 'ignore',
  hide: 'hide',
  show: 'show',
  'show-from': 'showFrom',
  tagfocus: 'tagFocus',
  tagignore: 'tagIgnore',
} as const satisfies Record<string, keyof ReportOptions>;

/** Flags that take comma-separated label keys (pprof's -tagroot / -tagleaf). */
const KEY_LIST_FLAGS = { tagroot: 'tagRoot', tagleaf: 'tagLeaf' } as const satisfies Record<string, keyof ReportOptions>;

const VALUE_FLAGS = new Set(['sample-index', 'granularity', 'base', 'diff-base', 'nodecount', 'frame-budget', 'symbolize', 'view', ...Object.keys(REGEX_FLAGS), ...Object.keys(KEY_LIST_FLAGS)]);

const SWITCHES = new Set(['json', 'cum', 'noinlines']);

export function parseArgs(command: ReportCommand, argv: readonly string[]): CliArgs {
  const positional: string[] = [];
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const normalized = (eq < 0 ? body : body.slice(0, eq)).replace(/_/g, '-');
    const inlineValue = eq < 0 ? undefined : body.slice(eq + 1);
    if (SWITCHES.has(normalized)) {
      if (inlineValue !== undefined) throw new UsageError(`flag --${normalized} takes no value`);
      switches.add(normalized);
    } else if (VALUE_FLAGS.has(normalized)) {
      const value = inlineValue ?? argv[++i];
      if (value === undefined) throw new UsageError(`flag --${normalized} needs a value`);
      values.set(normalized, value);
    } else {
      throw new UsageError(`unknown flag ${arg} (see go-profiler --help)`);
    }
  }

  const [file, regex, ...extra] = positional;
  if (file === undefined) throw new UsageError(`${command}: missing the profile FILE (see go-profiler --help)`);
  if (command === 'peek' && regex === undefined) throw new UsageError('peek: missing the REGEX of the functions to show');
  if (extra.length > 0 || (command !== 'peek' && regex !== undefined)) {
    throw new UsageError(`${command}: unexpected argument "${command === 'peek' ? extra[0] : regex}"`);
  }

  const report: { -readonly [K in keyof ReportOptions]: ReportOptions[K] } = {};
  const sampleIndex = values.get('sample-index');
  if (sampleIndex !== undefined) report.sampleIndex = /^\d+$/.test(sampleIndex) ? Number(sampleIndex) : sampleIndex;
  const granularity = values.get('granularity');
  if (granularity !== undefined) {
    if (!(GRANULARITIES as readonly string[]).includes(granularity)) {
      throw new UsageError(`--granularity must be one of ${GRANULARITIES.join(', ')}, not "${granularity}"`);
    }
    report.granularity = granularity as Granularity;
  }
  for (const [flag, option] of Object.entries(REGEX_FLAGS)) {
    const value = values.get(flag);
    if (value !== undefined) report[option] = value;
  }
  for (const [flag, option] of Object.entries(KEY_LIST_FLAGS)) {
    const list = values.get(flag);
    const keys = list === undefined ? undefined : labelKeys(list);
    if (keys !== undefined && keys.length > 0) report[option] = keys;
  }
  if (switches.has('noinlines')) report.noInlines = true;
  report.shortNames = shortNames(values.get('symbolize'));

  const nodeCount = wholeNumber(values, 'nodecount');
  const frameBudget = wholeNumber(values, 'frame-budget');
  if (frameBudget !== undefined) report.frameBudget = frameBudget;
  const base = values.get('base');
  const diffBase = values.get('diff-base');
  if (command === 'diff' && base === undefined && diffBase === undefined) {
    throw new UsageError('diff: give the base profile with --base FILE or --diff-base FILE');
  }
  if (base !== undefined && diffBase !== undefined) throw new UsageError('give --base or --diff-base, not both');
  return {
    command,
    file,
    regex: command === 'peek' ? regex : undefined,
    report,
    base,
    diffBase,
    nodeCount,
    json: switches.has('json'),
    cum: switches.has('cum'),
    view: values.get('view'),
  };
}

function wholeNumber(values: ReadonlyMap<string, string>, flag: string): number | undefined {
  const text = values.get(flag);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${flag} must be a whole number, not "${text}"`);
  return Number(text);
}

/** pprof's -symbolize modes: "none" keeps the profile's names; the others simplify them as pprof does. */
function shortNames(mode: string | undefined): boolean {
  if (mode === undefined) return true;
  const parts = mode.toLowerCase().split(':');
  if (parts.some((p) => p === 'none' || p === 'no')) return false;
  const known = /^(|local|fastlocal|remote|force|demangle=default)$/;
  const unknown = parts.find((p) => !known.test(p));
  if (unknown !== undefined) throw new UsageError(`--symbolize must be none, local, fastlocal, remote or force, not "${mode}"`);
  return true;
}
