/**
 * `go-profiler pull`: the merged profile of a query on a Pyroscope or Parca server, written as
 * a gzipped pprof file (or, with --list, what the server has: types, services, label names or
 * one label's values). Exit 0 on success; 2 with one line on bad input; 1 with one line naming
 * the server when it fails (unreachable, authentication, no profiles in the range…).
 */
import { writeFile } from 'node:fs/promises';
import { createServerClient } from '../servers/create-client';
import { pullProfile, truncationNotice } from '../servers/pull';
import { ServerError } from '../servers/server-errors';
import { SERVICE_LABEL } from '../servers/server-query';
import { describeRange } from '../servers/time-range';
import { OptionError } from '../shared/option-error';
import { parsePullArgs, PULL_USAGE, type PullArgs } from './pull-args';

export interface PullIo {
  out(text: string): void;
  err(text: string): void;
}

/** Exit code when the server fails or has nothing for the query. */
export const EXIT_SERVER = 1;

export async function pullCommand(argv: readonly string[], io: PullIo, now = Date.now()): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.out(`${PULL_USAGE}\n`);
    return 0;
  }
  const args = parsePullArgs(argv, now, process.env);
  try {
    if (args.list !== undefined) {
      io.out((await listing(args)).map((line) => `${line}\n`).join(''));
      return 0;
    }
    const query = {
      server: args.server,
      profileType: args.profileType!,
      selector: args.selector,
      range: args.range,
      ...(args.maxNodes ? { maxNodes: args.maxNodes } : {}),
    };
    const pulled = await pullProfile(await createServerClient(args.server, args.credentials), query);
    try {
      await writeFile(args.out!, pulled.gzipped);
    } catch (e) {
      throw new OptionError(`cannot write --out ${args.out!}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const notice = truncationNotice(pulled, query);
    if (notice) io.err(`go-profiler: ${notice}\n`);
    io.err(`go-profiler: wrote ${args.out!}: ${pulled.sampleCount} samples merged by ${args.server.url} (${pulled.call}) for ${describeRange(args.range)}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof ServerError)) throw e;
    io.err(`go-profiler: ${e.message}\n`);
    return EXIT_SERVER;
  }
}

async function listing(args: PullArgs): Promise<string[]> {
  const client = await createServerClient(args.server, args.credentials);
  const list = args.list!;
  if (list === 'types') return (await client.profileTypes(args.range)).map((t) => `${t.id}\t${t.label}`);
  if (list === 'labels') return client.labelNames(args.selector, args.range);
  const name = list === 'services' ? SERVICE_LABEL : list.label;
  return client.labelValues(name, args.selector, args.range);
}
