/** The editor's hint rules: levels, text, hotspot order, stale source checks. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  changedSinceCapture,
  declaredName,
  DEFAULT_THRESHOLDS,
  hintLevel,
  hintText,
  hoverNumbers,
  orderHotspots,
  staleSourceReason,
  stepHotspot,
  type SourceShape,
} from '../../../src/analysis/source-hints';

const NS = 'nanoseconds';

function shape(text: string): SourceShape {
  const lines = text.split('\n');
  return { lineCount: lines.length, lineText: (l) => lines[l - 1] ?? '' };
}

describe('hint rules', () => {
  it('levels by cum share of the total, with the thresholds as given', () => {
    const t = { notablePercent: 1, hotPercent: 10 };
    assert.equal(hintLevel(0, 1000, t), undefined);
    assert.equal(hintLevel(9, 1000, t), undefined);
    assert.equal(hintLevel(10, 1000, t), 'notable');
    assert.equal(hintLevel(99, 1000, t), 'notable');
    assert.equal(hintLevel(100, 1000, t), 'hot');
    assert.equal(hintLevel(-150, 1000, t), 'hot', 'a comparison counts the size of the change');
    assert.equal(hintLevel(5, 0, t), undefined);
    assert.deepEqual(DEFAULT_THRESHOLDS, { notablePercent: 1, hotPercent: 10 });
  });

  it('text in the profile unit with pprof formatting; signed in comparisons', () => {
    assert.equal(hintText(620_000_000, 1_410_000_000, NS), '  620ms · 43.97%');
    assert.equal(hintText(47_185_920, 94_371_840, 'bytes'), '  45MB · 50.00%');
    assert.equal(hintText(1_410_000_000, 1_410_000_000, NS), '  1.41s · 100%');
    assert.equal(hintText(120_000_000, 1_000_000_000, NS, true), '  +120ms · +12.00%');
    assert.equal(hintText(-120_000_000, 1_000_000_000, NS, true), '  -120ms · -12.00%');
    assert.deepEqual(hoverNumbers({ line: 16, flat: 620_000_000, cum: 680_000_000 }, 1_410_000_000, NS), {
      flat: '620ms',
      flatPercent: '43.97%',
      cum: '680ms',
      cumPercent: '48.23%',
    });
  });

  it('hotspots in cost order across files; next and previous wrap', () => {
    const spots = orderHotspots([
      { path: '/w/main.go', line: 41, flat: 0, cum: 740 },
      { path: '/w/cpu.go', line: 16, flat: 620, cum: 620 },
      { path: '/w/cpu.go', line: 15, flat: 60, cum: 60 },
      { path: '/w/cpu.go', line: 6, flat: 60, cum: 60 },
    ]);
    assert.deepEqual(spots.map((s) => `${s.path}:${s.line}`), ['/w/cpu.go:16', '/w/cpu.go:6', '/w/cpu.go:15', '/w/main.go:41']);
    assert.equal(stepHotspot(spots, undefined, 1)?.line, 16);
    assert.equal(stepHotspot(spots, { path: '/w/other.go', line: 1 }, -1)?.line, 41);
    assert.equal(stepHotspot(spots, { path: '/w/cpu.go', line: 16 }, 1)?.line, 6);
    assert.equal(stepHotspot(spots, { path: '/w/main.go', line: 41 }, 1)?.line, 16);
    assert.equal(stepHotspot(spots, { path: '/w/cpu.go', line: 16 }, -1)?.line, 41);
    assert.equal(stepHotspot([], undefined, 1), undefined);
  });

  it('declared names of Go symbols; closures have none', () => {
    assert.equal(declaredName('example.com/hotspots/hotspots.isPrime'), 'isPrime');
    assert.equal(declaredName('example.com/shop/cart.(*Cart).Add'), 'Add');
    assert.equal(declaredName('main.main'), 'main');
    assert.equal(declaredName('example.com/x.Map[go.shape.int]'), 'Map');
    assert.equal(declaredName('main.main.func1'), undefined);
    assert.equal(declaredName('main.run.func2.1'), undefined);
  });

  it('stale source: a line past the end, a moved function; fitting source is not stale', () => {
    const cpuGo = 'package main\n\nfunc countPrimes(limit int) int {\n\treturn 0\n}\n\nfunc isPrime(n int) bool {\n\treturn true\n}\n';
    const fns = [
      { name: 'example.com/h.countPrimes', startLine: 3 },
      { name: 'example.com/h.isPrime', startLine: 7 },
      { name: 'example.com/h.isPrime.func1', startLine: 40 },
    ];
    assert.equal(staleSourceReason(shape(cpuGo), [{ line: 4 }, { line: 8 }], fns), undefined);
    assert.match(staleSourceReason(shape(cpuGo), [{ line: 16 }], fns) ?? '', /line 16, past the end of this file \(10 lines\)/);
    const edited = 'package main\n\n// a comment\n// more\n// more\n// more\nfunc countPrimes(limit int) int {\n\treturn 0\n}\nfunc isPrime(n int) bool {\n}\n';
    assert.match(staleSourceReason(shape(edited), [{ line: 4 }], fns) ?? '', /func countPrimes is no longer at line 3/);
  });

  it('captures: a file saved after the capture started is flagged', () => {
    const started = '2026-11-22T03:32:39.000Z';
    assert.equal(changedSinceCapture(Date.parse(started) - 60_000, started), undefined);
    assert.match(changedSinceCapture(Date.parse(started) + 1, started) ?? '', /changed after the capture started/);
    assert.equal(changedSinceCapture(Date.now(), 'not a date'), undefined);
  });
});
