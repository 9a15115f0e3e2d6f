// The top table of an inline-amplified profile (one location of 1,000 inlined calls, 100,000
// times in one stack: 100 million frames once expanded) equals `go tool pprof -top`, through
// the CLI (runs decode) and in process with a filter (stacks through the kept-locations path):
// top adds up per location and never needs the frame budget (test/hardening covers the
// reports that refuse it).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { promisify } from 'node:util';
import { topTable } from '../../../src/analysis/top';
import { decodeProfile } from '../../../src/pprof/index';
import { inflateNode } from '../../../src/pprof/inflate-node';
import { bundleCli } from '../../support/cli-bundle';
import { goPprofTop } from '../../support/go-pprof';
import { inlineAmplifiedProfile } from '../../support/inline-amplified-profile';

const scratch = mkdtempSync(join(tmpdir(), 'go-profiler-amplified-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
const file = join(scratch, 'amplified.pb.gz');
const bytes = inlineAmplifiedProfile(1000, 100_000);
writeFileSync(file, bytes);
let cli: string;
before(async () => {
  cli = await bundleCli();
});

const rowsOf = (rows: readonly { name: string; flat: number; cum: number }[]): unknown[] => rows.map((r) => [r.name, r.flat, r.cum]);

test('go-profiler top --json equals go tool pprof -top on the amplified profile', { timeout: 300_000 }, async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [cli, 'top', file, '--json'], { maxBuffer: 64 * 1024 * 1024 });
  const report = JSON.parse(stdout) as { total: number; rows: { name: string; flat: number; cum: number }[] };
  const oracle = await goPprofTop(file);
  assert.equal(report.total, oracle.total);
  assert.equal(report.rows.length, 1000);
  assert.deepEqual(rowsOf(report.rows), rowsOf(oracle.rows));
});

test('topTable with a filter (the kept-locations path) equals go tool pprof -top -hide', { timeout: 300_000 }, async () => {
  const profile = decodeProfile(bytes, { source: file, inflate: inflateNode });
  const oracle = await goPprofTop(file, { hide: 'f5$' });
  assert.deepEqual(rowsOf(topTable(profile, { hide: 'f5$' }).rows), rowsOf(oracle.rows));
});
