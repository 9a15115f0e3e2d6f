/** traces against `go tool pprof -traces` on real profiles: every sample, its value, stack and labels. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureGoFixtures } from '../../support/go-fixtures';
import { goPprofRaw, parsePprofValue, pprofUnitFlag } from '../../support/go-pprof';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { buildTraces, formatTracesText } from '../../../src/analysis/traces';
import type { ReportOptions } from '../../../src/analysis/options';

const SEPARATOR = '-----------+-------------------------------------------------------';

interface ParsedTrace {
  value: number;
  frames: string[];
  labels: string[];
}

/** Traces of `pprof -traces` printed in the base unit; numeric label lines are left out. */
function parseTraces(text: string): ParsedTrace[] {
  const out: ParsedTrace[] = [];
  for (const part of text.split(SEPARATOR + '\n').slice(1)) {
    const lines = part.split('\n').filter((l) => l !== '');
    if (lines.length === 0) continue;
    const trace: ParsedTrace = { value: Number.NaN, frames: [], labels: [] };
    for (const line of lines) {
      const label = /^\s*(\S+): {2}(.*)$/.exec(line);
      if (label && trace.frames.length === 0 && !line.startsWith('           ')) {
        trace.labels.push(`${label[1] ?? ''}=${label[2] ?? ''}`);
        continue;
      }
      const frame = /^ *(\S*) {3}(\S.*)$/.exec(line);
      if (!frame) throw new Error(`cannot parse pprof -traces line "${line}"`);
      if (trace.frames.length === 0) trace.value = parsePprofValue((frame[1] ?? '').trim(), line);
      trace.frames.push(frame[2] ?? '');
    }
    out.push(trace);
  }
  return out;
}

async function compareTraces(file: string, options: ReportOptions, flags: string[]): Promise<number> {
  const profile = await readProfileFile(file);
  const report = buildTraces(profile, options);
  const sampleType = profile.sampleTypes[profile.defaultSampleTypeIndex]!;
  const unit = options.sampleIndex === undefined ? sampleType.unit : profile.sampleTypes.find((t) => t.type === options.sampleIndex)!.unit;
  const expected = parseTraces(await goPprofRaw(file, ['-traces', `-unit=${pprofUnitFlag(unit)}`, ...flags]));
  const actual = report.traces.map((t) => ({
    value: t.value,
    frames: t.frames.map((f, i) => `${report.frames[f]!.name}${t.inlined[i] ? ' (inline)' : ''}`),
    labels: Object.entries(t.labels).map(([k, v]) => `${k}=${v.join(' ')}`),
  }));
  // pprof prints numeric labels too; compare string labels only (numeric ones are checked by the text test).
  const stringLabels = (t: ParsedTrace): ParsedTrace => ({ ...t, labels: t.labels.filter((l) => !/^bytes=/.test(l)) });
  assert.ok(expected.length > 0);
  assert.deepEqual(actual, expected.map(stringLabels), `traces of ${file} ${flags.join(' ')}`);
  return expected.length;
}

test('traces of real Go fixtures equal pprof -traces (values, stacks with inline marks, labels)', async () => {
  const f = await ensureGoFixtures();
  await compareTraces(f.cpu, {}, []);
  await compareTraces(f.cpu, { granularity: 'lines' }, ['-lines']);
  await compareTraces(f.cpu, { focus: 'ping' }, ['-focus=ping']);
  await compareTraces(f.goroutine, {}, []);
  await compareTraces(f.block, {}, []);
  await compareTraces(f.heap, { sampleIndex: 'inuse_space' }, ['-sample_index=inuse_space']);
});

test('traces text equals pprof -traces after its header, numeric labels included', async () => {
  const f = await ensureGoFixtures();
  for (const file of [f.heap, f.cpu, f.goroutine]) {
    const profile = await readProfileFile(file);
    const report = buildTraces(profile, {});
    const unit = profile.sampleTypes[profile.defaultSampleTypeIndex]!.unit;
    const ours = formatTracesText(report, unit);
    const theirs = await goPprofRaw(file, ['-traces']);
    const body = theirs.slice(theirs.indexOf(SEPARATOR));
    assert.equal(ours, body, `-traces text of ${file}`);
  }
});

test('merged traces sum identical stacks and keep the total', async () => {
  const f = await ensureGoFixtures();
  const profile = await readProfileFile(f.cpu);
  const all = buildTraces(profile, {});
  const merged = buildTraces(profile, { merge: true });
  const sum = (ts: readonly { value: number }[]): number => ts.reduce((a, t) => a + t.value, 0);
  assert.equal(sum(merged.traces), sum(all.traces));
  assert.ok(merged.traces.length < all.traces.length, 'the CPU fixture repeats stacks');
  const keys = merged.traces.map((t) => JSON.stringify([t.frames, t.inlined, t.labels]));
  assert.equal(new Set(keys).size, keys.length);
});
