// The oracle itself is sound: it parses every row go tool pprof prints, in integer base
// units, and its numbers agree with what the fixture programs are known to do.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ensureGoFixtures, listFixtureProfiles } from '../../support/go-fixtures';
import { type GoPprofTop, goPprofRaw, goPprofTop, parsePprofTop, readSampleTypes } from '../../support/go-pprof';

function sumFlat(top: GoPprofTop): number {
  return top.rows.reduce((s, r) => s + r.flat, 0);
}

function row(top: GoPprofTop, name: string) {
  const found = top.rows.find((r) => r.name === name);
  assert.ok(found, `no row ${name} among ${top.rows.map((r) => r.name).join(', ')}`);
  return found;
}

describe('go tool pprof oracle', () => {
  it('accounts for the whole total in the rows of every fixture and sample type', async () => {
    for (const { name, path } of await listFixtureProfiles()) {
      for (const { type } of readSampleTypes(path).types) {
        const top = await goPprofTop(path, { sampleIndex: type });
        const what = `${name} ${type}`;
        assert.equal(top.sampleType.type, type, what);
        assert.ok(top.total > 0, `${what}: total ${top.total}`);
        assert.ok(top.rows.length > 0, `${what}: no rows`);
        assert.equal(top.shown, top.total, what);
        assert.equal(sumFlat(top), top.total, what);
        for (const r of top.rows) assert.ok(r.cum >= r.flat && r.cum <= top.total, `${what}: ${JSON.stringify(r)}`);
      }
    }
  });

  it('reports in the base unit: CPU time in whole nanoseconds of the sampling period', async () => {
    const { cpu } = await ensureGoFixtures();
    const top = await goPprofTop(cpu);
    assert.deepEqual(top.sampleType, { type: 'cpu', unit: 'nanoseconds' });
    const samples = await goPprofTop(cpu, { sampleIndex: 'samples' });
    // 100 Hz sampling: every sample is 10 ms.
    assert.equal(top.total, samples.total * 10_000_000);
  });

  it('finds the function the CPU program burns most in at the top', async () => {
    const { cpu } = await ensureGoFixtures();
    const top = await goPprofTop(cpu);
    assert.equal(top.rows[0]?.name, 'main.burnHottest');
    assert.ok(row(top, 'main.main').cum > 0.9 * top.total);
    // ping and pong recurse into each other: each one's cum covers the other's flat once.
    assert.ok(row(top, 'main.ping').cum >= row(top, 'main.pong').flat);
  });

  it('restricts to labelled samples with tagfocus', async () => {
    const { cpu } = await ensureGoFixtures();
    const all = await goPprofTop(cpu);
    const hot = await goPprofTop(cpu, { tagFocus: 'phase=hot' });
    assert.ok(hot.header.some((l) => l.includes('tagfocus=phase=hot')));
    assert.equal(hot.rows[0]?.name, 'main.burnHottest');
    assert.ok(sumFlat(hot) < all.total);
    assert.equal(row(hot, 'main.burnHottest').flat, row(all, 'main.burnHottest').flat);
  });

  it('counts every allocation of the heap program exactly (MemProfileRate = 1)', async () => {
    const { heap } = await ensureGoFixtures();
    // allocInlinedMixed makes 2000 records in the inlined newRecord (128 B for even i, 129 B
    // rounded up to the 144 B size class for odd i) and keeps every fourth (all 128 B).
    const allocObjects = row(await goPprofTop(heap, { sampleIndex: 'alloc_objects' }), 'main.newRecord');
    const allocSpace = row(await goPprofTop(heap, { sampleIndex: 'alloc_space' }), 'main.newRecord');
    const inuseObjects = row(await goPprofTop(heap, { sampleIndex: 'inuse_objects' }), 'main.newRecord');
    const inuseSpace = row(await goPprofTop(heap, { sampleIndex: 2 + 1 }), 'main.newRecord');
    assert.equal(allocObjects.flat, 2000);
    assert.equal(allocSpace.flat, 1000 * 128 + 1000 * 144);
    assert.equal(inuseObjects.flat, 500);
    assert.equal(inuseSpace.flat, 500 * 128);
    assert.equal(allocObjects.inline, true);
    assert.equal(allocObjects.inlineLabel, '(inline)');
    assert.equal(row(await goPprofTop(heap), 'main.allocLargeKept').inlineLabel, '');
    // Freed memory is allocated but not in use.
    const inuse = await goPprofTop(heap);
    assert.equal(inuse.sampleType.type, 'inuse_space');
    assert.equal(inuse.rows.find((r) => r.name === 'main.allocMediumFreed'), undefined);
    assert.equal(row(await goPprofTop(heap, { sampleIndex: 'alloc_objects' }), 'main.allocMediumFreed').flat, 300);
  });

  it('sees each parked goroutine where the goroutine program parked it', async () => {
    const { goroutine } = await ensureGoFixtures();
    const top = await goPprofTop(goroutine);
    assert.equal(top.total, 3 + 5 + 7 + 1);
    assert.equal(row(top, 'main.waitOnChannel').cum, 3);
    assert.equal(row(top, 'main.waitOnMutex').cum, 5);
    assert.equal(row(top, 'main.waitInSelect').cum, 7);
  });

  it('attributes the contention of the mutex program to its lock holder', async () => {
    const { mutex, block } = await ensureGoFixtures();
    const top = await goPprofTop(mutex);
    assert.equal(top.sampleType.type, 'delay');
    // Contention on the runtime's own locks may appear too, but holdLock's dominates.
    assert.ok(row(top, 'main.holdLock').cum >= 0.9 * top.total);
    const blocked = await goPprofTop(block);
    assert.ok(row(blocked, 'main.receiveSlowly').cum > 0);
    assert.ok(row(blocked, 'main.selectTwo').cum > 0);
  });

  it('names rows by line, file and file+function at the other granularities', async () => {
    const { cpu } = await ensureGoFixtures();
    const functions = await goPprofTop(cpu);
    const byLine = await goPprofTop(cpu, { granularity: 'lines' });
    const byFile = await goPprofTop(cpu, { granularity: 'files' });
    const byFileFunction = await goPprofTop(cpu, { granularity: 'filefunctions' });
    for (const top of [byLine, byFile, byFileFunction]) {
      assert.equal(top.total, functions.total);
      assert.equal(sumFlat(top), top.total);
    }
    assert.ok(byLine.rows.some((r) => /^main\.burnHottest \/.*\/cpu\/main\.go:\d+$/.test(r.name)));
    assert.ok(byFile.rows.some((r) => /\/cpu\/main\.go$/.test(r.name)));
    assert.ok(byFileFunction.rows.some((r) => /^main\.burnHottest \/.*\/cpu\/main\.go$/.test(r.name)));
  });

  it('subtracts a base: a profile minus itself leaves nothing', async () => {
    const { cpu } = await ensureGoFixtures();
    const top = await goPprofTop(cpu, { base: cpu });
    assert.equal(top.shown, 0);
    assert.ok(top.rows.every((r) => r.flat === 0 && r.cum === 0));
  });

  it('applies focus and hide', async () => {
    const { cpu } = await ensureGoFixtures();
    const top = await goPprofTop(cpu, { focus: 'burn', hide: 'Medium' });
    assert.ok(top.header.some((l) => l.trim() === 'focus=burn'));
    assert.equal(top.rows.find((r) => r.name === 'main.burnMedium'), undefined);
    assert.equal(top.rows.find((r) => r.name === 'main.ping'), undefined);
  });

  it('passes ignore, show, show_from, tagignore and noinlines to pprof', async () => {
    const { cpu } = await ensureGoFixtures();
    const top = await goPprofTop(cpu, {
      ignore: 'ping',
      show: 'main\\.',
      showFrom: 'main\\.main$',
      tagIgnore: 'phase=small',
      noInlines: true,
    });
    for (const filter of ['ignore=ping', 'show=main\\.', 'show_from=main\\.main$', 'tagignore=phase=small']) {
      assert.ok(top.header.some((l) => l.trim() === filter), `${filter} in ${top.header.join('|')}`);
    }
    assert.ok(top.rows.length > 0);
    assert.ok(top.rows.every((r) => r.name.startsWith('main.') && !r.inline), JSON.stringify(top.rows));
    for (const gone of ['main.ping', 'main.pong', 'main.burnSmall', 'main.mediumStep', 'runtime.main']) {
      assert.equal(top.rows.find((r) => r.name === gone), undefined, gone);
    }
  });

  it('rejects output it cannot parse instead of dropping rows', async () => {
    const { cpu } = await ensureGoFixtures();
    const text = await goPprofRaw(cpu, ['-top', '-unit=ns']);
    assert.ok(parsePprofTop(text, 'cpu').rows.length > 0);
    assert.throws(() => parsePprofTop(`${text}garbage line\n`, 'cpu'), /cpu, line \d+: cannot parse "garbage line"/);
    const scaled = await goPprofRaw(cpu, ['-top', '-unit=s']);
    assert.throws(() => parsePprofTop(scaled, 'cpu'), /not an integer in the base unit/);
    assert.throws(() => parsePprofTop('', 'cpu'), /no column headings/);
  });

  it('passes other reports through as text', async () => {
    const { cpu } = await ensureGoFixtures();
    const peek = await goPprofRaw(cpu, ['-peek', 'burnMedium$']);
    assert.match(peek, /main\.burnMedium/);
    assert.match(peek, /main\.mediumStep/);
  });
});
