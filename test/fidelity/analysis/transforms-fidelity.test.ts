/**
 * The transform chain on real Go profiles. Focus / Drop / Hide / Show from equal `go tool pprof`
 * with -focus / -ignore / -hide / -show_from and the exact-name regexp, run here. Merge function,
 * merge package, collapse recursion and focus on subtree have no pprof flag: their expectations
 * were worked out by hand from `go tool pprof -traces test/fixtures/go-profiles/cpu.pb.gz`,
 * whose unique stacks (root first, ms) are:
 *   410 runtime.main;main.main;runtime/pprof.Do;main.main.func1;main.burnHottest
 *    30 …;main.main.func2;main.burnMedium            180 …;main.main.func2;main.burnMedium;main.mediumStep
 *   100 …;main.main.func3;main.burnSmall
 *   160 …;main.main.func4;main.recurseDirect ×13
 *    30 …;main.main.func5;main.ping   then 20 each for ping;pong, ping;pong;ping, … up to 8 frames alternating
 * ("…" = runtime.main;main.main;runtime/pprof.Do).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { buildFolded } from '../../../src/analysis/folded';
import { lineCostsForQuery } from '../../../src/analysis/line-table';
import type { ReportOptions } from '../../../src/analysis/options';
import { topTable, type TopTable } from '../../../src/analysis/top';
import type { Profile } from '../../../src/pprof/profile';
import { readProfileFile } from '../../../src/pprof/read-file-node';
import { quoteGoRegexp } from '../../../src/shared/go-regexp';
import type { FunctionTransformKind, Transform } from '../../../src/shared/transforms';
import { repoRoot } from '../../support/go-fixtures';
import { goPprofTop, type GoPprofOptions } from '../../support/go-pprof';
import { assertSameTop } from './top-oracle';

const CPU = join(repoRoot, 'test', 'fixtures', 'go-profiles', 'cpu.pb.gz');
const LARGE = join(repoRoot, 'test', 'fixtures', 'profiles', 'large.cpu.pb.gz');

/** The pprof flag each pprof-equal transform stands for. */
const PPROF_FLAG: Partial<Record<FunctionTransformKind, keyof GoPprofOptions>> = { focus: 'focus', drop: 'ignore', hide: 'hide', showFrom: 'showFrom' };

async function assertLikePprof(profile: Profile, file: string, kind: FunctionTransformKind, name: string, granularity: 'functions' | 'lines'): Promise<void> {
  const flag = PPROF_FLAG[kind]!;
  const ours = topTable(profile, { granularity, transforms: [{ kind, name }] });
  const theirs = await goPprofTop(file, { granularity, [flag]: `^${quoteGoRegexp(name)}$` });
  assertSameTop(ours, theirs, `${kind} ${name} (${granularity})`);
}

/** "flat cum name" per row (ms), the order pprof's top uses. */
function rows(table: TopTable): string[] {
  return table.rows.map((r) => `${r.flat / 1e6} ${r.cum / 1e6} ${r.name}`);
}

function folded(profile: Profile, transforms: readonly Transform[], options: ReportOptions = {}): string[] {
  return buildFolded(profile, { ...options, transforms }).map((line) => line.replace(/ (\d+)000000$/, ' $1'));
}

const ROOT = 'runtime.main;main.main;runtime/pprof.Do';

describe('transforms on real Go profiles', () => {
  let cpu: Profile;
  before(async () => {
    cpu = await readProfileFile(CPU);
  });

  it('focus, drop, hide and show from equal go tool pprof with the exact-name regexp', async () => {
    const names = ['main.ping', 'main.mediumStep', 'main.recurseDirect', 'runtime/pprof.Do', 'main.main.func2'];
    for (const kind of ['focus', 'drop', 'hide', 'showFrom'] as const) {
      for (const name of names) {
        for (const granularity of ['functions', 'lines'] as const) await assertLikePprof(cpu, CPU, kind, name, granularity);
      }
    }
  });

  it('a chain of focus then drop equals pprof -focus with -ignore', async () => {
    const transforms: Transform[] = [
      { kind: 'focus', name: 'main.main.func5' },
      { kind: 'drop', name: 'main.pong' },
    ];
    const theirs = await goPprofTop(CPU, { focus: '^main\\.main\\.func5$', ignore: '^main\\.pong$' });
    assertSameTop(topTable(cpu, { transforms }), theirs, 'focus + drop');
    assert.deepEqual(rows(topTable(cpu, { transforms })), ['30 30 main.ping', '0 30 main.main', '0 30 main.main.func5', '0 30 runtime.main', '0 30 runtime/pprof.Do']);
  });

  it('focus and hide on a large real CPU profile equal go tool pprof', async () => {
    const large = await readProfileFile(LARGE);
    await assertLikePprof(large, LARGE, 'focus', 'main.next', 'functions');
    await assertLikePprof(large, LARGE, 'hide', 'time.Now', 'functions');
  });

  it('merge function gives the frame\'s time to its caller', () => {
    const table = topTable(cpu, { transforms: [{ kind: 'merge', name: 'main.mediumStep' }] });
    assert.deepEqual(rows(table).slice(0, 6), [
      '410 410 main.burnHottest',
      '210 210 main.burnMedium',
      '160 160 main.recurseDirect',
      '100 100 main.burnSmall',
      '90 170 main.ping',
      '80 140 main.pong',
    ]);
    assert.equal(table.total, 1050e6, 'the total stays that of every sample');
    assert.ok(!rows(table).some((r) => r.endsWith('main.mediumStep')));
  });

  it('merge package removes every frame of the package', () => {
    assert.deepEqual(rows(topTable(cpu, { transforms: [{ kind: 'mergePackage', package: 'main' }] })), [
      '1050 1050 runtime/pprof.Do',
      '0 1050 runtime.main',
    ]);
    // "runtime" is not "runtime/pprof": only runtime.main goes, main.main becomes the root.
    assert.deepEqual(folded(cpu, [{ kind: 'mergePackage', package: 'runtime' }]).slice(0, 2), [
      'main.main;runtime/pprof.Do;main.main.func1;main.burnHottest 410',
      'main.main;runtime/pprof.Do;main.main.func2;main.burnMedium 30',
    ]);
  });

  it('collapse recursion keeps the outermost call, direct and indirect', () => {
    assert.deepEqual(folded(cpu, [{ kind: 'collapseRecursion', name: 'main.recurseDirect' }, { kind: 'collapseRecursion', name: 'main.ping' }]), [
      `${ROOT};main.main.func1;main.burnHottest 410`,
      `${ROOT};main.main.func2;main.burnMedium 30`,
      `${ROOT};main.main.func2;main.burnMedium;main.mediumStep 180`,
      `${ROOT};main.main.func3;main.burnSmall 100`,
      `${ROOT};main.main.func4;main.recurseDirect 160`,
      // Stacks ending in ping: 30 + 3 × 20; ending in pong: 4 × 20.
      `${ROOT};main.main.func5;main.ping 90`,
      `${ROOT};main.main.func5;main.ping;main.pong 80`,
    ]);
    const table = topTable(cpu, { transforms: [{ kind: 'collapseRecursion', name: 'main.ping' }] });
    assert.ok(rows(table).includes('90 170 main.ping'));
    assert.ok(rows(table).includes('80 80 main.pong'), 'pong under an inner ping now hangs from the outermost ping');
  });

  it('focus on subtree keeps that call path only, its last function the root', () => {
    assert.deepEqual(folded(cpu, [{ kind: 'focusSubtree', path: ['runtime.main', 'main.main', 'runtime/pprof.Do', 'main.main.func2'] }]), [
      'main.main.func2;main.burnMedium 30',
      'main.main.func2;main.burnMedium;main.mediumStep 180',
    ]);
    // A path that is not a stack prefix keeps nothing.
    assert.deepEqual(folded(cpu, [{ kind: 'focusSubtree', path: ['main.main', 'runtime/pprof.Do'] }]), []);
  });

  it('the chain applies in order', () => {
    // Merging main.main.func2 first leaves burnMedium directly under pprof.Do, so the subtree finds it there.
    assert.deepEqual(
      folded(cpu, [
        { kind: 'merge', name: 'main.main.func2' },
        { kind: 'focusSubtree', path: ['runtime.main', 'main.main', 'runtime/pprof.Do', 'main.burnMedium'] },
      ]),
      ['main.burnMedium 30', 'main.burnMedium;main.mediumStep 180'],
    );
  });

  it('the editor hints (line costs) follow the chain: Drop main.pong counts as -ignore does, Merge moves lines to the caller', () => {
    const sampleIndex = 1;
    const lines = (params: Parameters<typeof lineCostsForQuery>[1]): string[] => {
      const view = lineCostsForQuery(cpu, { ...params, files: [] });
      const file = view.files.find((f) => f.file.endsWith('cpu/main.go'))!;
      return lineCostsForQuery(cpu, { ...params, files: [file.file] }).files.find((f) => f.lines)!.lines!.map((l) => `${l.line} ${l.flat / 1e6} ${l.cum / 1e6}`);
    };
    assert.deepEqual(lines({ sampleIndex, transforms: [{ kind: 'drop', name: 'main.pong' }] }), lines({ sampleIndex, ignore: '^main\\.pong$' }));
    assert.notDeepEqual(lines({ sampleIndex, transforms: [{ kind: 'drop', name: 'main.pong' }] }), lines({ sampleIndex }));
    // mediumStep is inlined into burnMedium at main.go:43 and its body is lines 34-36 (70 + 60 + 50 ms
    // in -traces -lines): merged, those 180ms of flat land on line 43.
    const plain = lines({ sampleIndex });
    const merged = lines({ sampleIndex, transforms: [{ kind: 'merge', name: 'main.mediumStep' }] });
    for (const row of ['34 70 70', '35 60 60', '36 50 50', '43 20 200']) assert.ok(plain.includes(row), row);
    assert.ok(merged.includes('43 200 200'));
    assert.ok(!merged.some((r) => /^3[456] /.test(r)), merged.join(' | '));
  });
});
