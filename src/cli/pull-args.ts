/**
 * The arguments of `go-profiler pull`: which server (--pyroscope or --parca URL), the query,
 * the type, the range (absolute or relative to now), where to write, and the credentials
 * (--token, or GO_PROFILER_TOKEN / GO_PROFILER_USER + GO_PROFILER_PASSWORD in the environment,
 * so a secret need not sit in shell history). Pure: `now` and the environment are passed in.
 */
import type { Credentials } from '../servers/credentials';
import { checkSelector } from '../servers/label-selector';
import { parseTypeId } from '../servers/profile-types';
import { urlProblem, type ServerConfig } from '../servers/server-config';
import { parseRange, type TimeRange } from '../servers/time-range';
import { OptionError } from '../shared/option-error';

export const PULL_USAGE =
  'usage: go-profiler pull --pyroscope URL | --parca URL --query SELECTOR [--type TYPE] [--from TIME] [--to TIME]' +
  ' (--out FILE | --list types|services|labels|LABEL) [--tenant ID] [--token T] [--max-nodes N]';

export type PullListing = 'types' | 'services' | 'labels' | { readonly label: string };

export interface PullArgs {
  readonly server: ServerConfig;
  readonly credentials: Credentials | undefined;
  readonly selector: string;
  readonly profileType: string | undefined;
  readonly range: TimeRange;
  readonly out: string | undefined;
  readonly list: PullListing | undefined;
  readonly maxNodes: number | undefined;
}

const VALUE_FLAGS = ['pyroscope', 'parca', 'query', 'type', 'from', 'to', 'out', 'list', 'tenant', 'token', 'max-nodes'] as const;
type Flag = (typeof VALUE_FLAGS)[number];

function flagValues(argv: readonly string[]): Map<Flag, string> {
  const values = new Map<Flag, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) throw new OptionError(`unexpected argument "${arg}" (${PULL_USAGE})`);
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    const flag = VALUE_FLAGS.find((f) => f === name);
    if (!flag) throw new OptionError(`unknown option ${arg} (${PULL_USAGE})`);
    const value = eq < 0 ? argv[++i] : body.slice(eq + 1);
    if (value === undefined) throw new OptionError(`--${flag} needs a value`);
    if (values.has(flag)) throw new OptionError(`--${flag} is given twice`);
    values.set(flag, value);
  }
  return values;
}

function credentialsOf(token: string | undefined, env: Readonly<Record<string, string | undefined>>): Credentials | undefined {
  const t = token ?? env.GO_PROFILER_TOKEN;
  if (t) return { kind: 'bearer', token: t };
  const user = env.GO_PROFILER_USER;
  if (user) return { kind: 'basic', user, password: env.GO_PROFILER_PASSWORD ?? '' };
  return undefined;
}

function parseListing(text: string): PullListing {
  if (text === 'types' || text === 'services' || text === 'labels') return text;
  if (/^[a-zA-Z_][a-zA-Z0-9_.]*$/.test(text)) return { label: text };
  throw new OptionError(`--list takes types, services, labels or a label name, not "${text}"`);
}

/** Parca's query is `TYPE{matchers}`: the type in front of the selector. */
function splitParcaQuery(query: string): { type: string | undefined; selector: string } {
  const brace = query.indexOf('{');
  if (brace <= 0) return { type: undefined, selector: query };
  return { type: query.slice(0, brace).trim(), selector: query.slice(brace) };
}

export function parsePullArgs(argv: readonly string[], now: number, env: Readonly<Record<string, string | undefined>>): PullArgs {
  const v = flagValues(argv);
  const pyroscope = v.get('pyroscope');
  const parca = v.get('parca');
  if ((pyroscope === undefined) === (parca === undefined)) throw new OptionError(`give one server: --pyroscope URL or --parca URL (${PULL_USAGE})`);
  const url = (pyroscope ?? parca)!.trim().replace(/\/+$/, '');
  const problem = urlProblem(url);
  if (problem) throw new OptionError(`${pyroscope !== undefined ? '--pyroscope' : '--parca'}: ${problem}`);
  const tenant = v.get('tenant');
  if (tenant !== undefined && parca !== undefined) throw new OptionError('--tenant is for Pyroscope (X-Scope-OrgID); Parca has no tenants');
  const server: ServerConfig = {
    name: pyroscope !== undefined ? 'pyroscope' : 'parca',
    kind: pyroscope !== undefined ? 'pyroscope' : 'parca',
    url,
    ...(tenant ? { tenant } : {}),
  };
  const list = v.has('list') ? parseListing(v.get('list')!) : undefined;
  const out = v.get('out');
  if ((list === undefined) === (out === undefined)) throw new OptionError('give --out FILE to pull a profile, or --list WHAT to list what the server has');
  const query = v.get('query') ?? (list !== undefined ? '{}' : undefined);
  if (query === undefined) throw new OptionError(`--query is missing, e.g. --query '{service_name="checkout"}'`);
  const split = parca !== undefined ? splitParcaQuery(query) : { type: undefined, selector: query };
  const typeText = v.get('type') ?? split.type;
  if (split.type !== undefined && v.has('type')) throw new OptionError('give the type once: in --type or in front of the Parca query');
  if (out !== undefined && typeText === undefined) throw new OptionError('--type is missing, e.g. --type process_cpu:cpu:nanoseconds:cpu:nanoseconds');
  if (typeText !== undefined && parseTypeId(typeText) === undefined) {
    throw new OptionError(`--type "${typeText}" is not a profile type ID (name:sample_type:sample_unit:period_type:period_unit)`);
  }
  const maxText = v.get('max-nodes');
  if (maxText !== undefined && !/^\d+$/.test(maxText)) throw new OptionError(`--max-nodes must be a whole number, not "${maxText}"`);
  return {
    server,
    credentials: credentialsOf(v.get('token'), env),
    selector: checkSelector(split.selector),
    profileType: typeText,
    range: parseRange(v.get('from') ?? '-1h', v.get('to') ?? 'now', now),
    out,
    list,
    maxNodes: maxText !== undefined && Number(maxText) > 0 ? Number(maxText) : undefined,
  };
}
