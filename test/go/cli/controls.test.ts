/**
 * A profile's control characters as they reach go-profiler's stdout, on pyroscope's
 * convert.invalid_utf8 (a function named by every byte 0..255), the bundled command run as a
 * child process. Into a pipe: byte for byte what `go tool pprof`, run here, prints. On a
 * terminal (a real pseudo-terminal, util-linux `script`): the same bytes but for that name,
 * whose controls and bytes 0x80-0x9F are escapes and whose bytes 0xA0-0xFF stay raw.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { bundleCli } from '../../support/cli-bundle';
import { repoRoot } from '../../support/go-fixtures';
import { pprofBinary, pprofEnv } from '../../support/go-pprof';

const file = join(repoRoot, 'test', 'fixtures', 'external', 'pyroscope', 'convert.invalid_utf8.pb.gz');

/** The function name of the fixture: the bytes 0..255. */
const NAME = Buffer.from(Array.from({ length: 256 }, (_, b) => b));

/** NAME as a terminal gets it, written out here byte by byte (not by the code under test). */
const ESCAPED_NAME = Buffer.concat(
  Array.from({ length: 256 }, (_, b) => {
    const named: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r' };
    if (named[b] !== undefined) return Buffer.from(named[b]);
    if (b < 0x20 || (b >= 0x7f && b <= 0x9f)) return Buffer.from(`\\x${b.toString(16).padStart(2, '0')}`);
    return Buffer.of(b);
  }),
);

let cli: string;
before(async () => {
  cli = await bundleCli();
});

/** A program's stdout as bytes (it must exit 0). */
function stdoutOf(command: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'buffer', env, maxBuffer: 64 << 20, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')}: ${error.message}\n${stderr.toString()}`));
      else resolve(stdout);
    });
  });
}

/** Each report: ours, then pprof's flags. */
const REPORTS: readonly [readonly string[], readonly string[]][] = [
  [['top', file], ['-top']],
  [['traces', file], ['-traces']],
  [['tree', file], ['-tree']],
  [['peek', file, '.'], ['-peek=.']],
  [['top', file, '--symbolize', 'none'], ['-top', '-symbolize=none']],
];

async function pprofBytes(flags: readonly string[]): Promise<Buffer> {
  return stdoutOf(await pprofBinary(), [...flags, file], pprofEnv());
}

for (const [ours, theirs] of REPORTS) {
  test(`go-profiler ${ours[0]} into a pipe writes the bytes go tool pprof ${theirs.join(' ')} writes`, async () => {
    const [mine, expected] = await Promise.all([stdoutOf(process.execPath, [cli, ...ours]), pprofBytes(theirs)]);
    assert.ok(expected.includes(NAME), 'pprof wrote the name raw');
    assert.ok(mine.equals(expected), `ours:\n${JSON.stringify(mine.toString('latin1'))}\npprof:\n${JSON.stringify(expected.toString('latin1'))}`);
  });
}

/** `script` of util-linux runs a command on a new pseudo-terminal; undefined when it is not installed. */
const script = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0 ? 'script' : undefined;

for (const [ours, theirs] of REPORTS.slice(0, 2)) {
  test(`go-profiler ${ours[0]} on a terminal escapes the name's controls, else prints pprof's bytes`, { skip: script === undefined && 'util-linux script is not installed: no pseudo-terminal' }, async () => {
    const quoted = [process.execPath, cli, ...ours].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const [tty, expected] = await Promise.all([stdoutOf(script!, ['-qec', quoted, '/dev/null']), pprofBytes(theirs)]);
    // The terminal turns each "\n" into "\r\n" (onlcr); none of ours is a raw "\r".
    const mine = Buffer.from(tty.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
    assert.ok(mine.includes(ESCAPED_NAME), JSON.stringify(mine.toString('latin1')));
    const back = Buffer.from(mine.toString('latin1').split(ESCAPED_NAME.toString('latin1')).join(NAME.toString('latin1')), 'latin1');
    assert.ok(back.equals(expected), `ours, the name put back:\n${JSON.stringify(back.toString('latin1'))}\npprof:\n${JSON.stringify(expected.toString('latin1'))}`);
  });
}
