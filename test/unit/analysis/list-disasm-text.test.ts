/** The pure parts of list and disasm: objdump parsing, pprof's path trimming, the text layout. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDisasm, parseObjdump } from '../../../src/analysis/disasm';
import { formatSourceListing, trimSourcePath } from '../../../src/analysis/source-listing';

const OBJDUMP = [
  'TEXT main.work(SB) /src/app/main.go',
  '  main.go:4\t\t0x4d07a0\t\t488b0dd14a1300\t\tMOVQ main.sink(SB), CX\t',
  '  main.go:5\t\t0x4d07a7\t\t4889ca\t\t\tMOVQ CX, DX\t\t',
  '  ?:0\t\t\t0x4d07aa\t\tcc\t\t\tINT $0x3\t\t',
  '',
].join('\n');

describe('list and disasm text', () => {
  it('parses go tool objdump rows: address, size, file, line, text', () => {
    assert.deepEqual(parseObjdump(OBJDUMP), [
      {
        name: 'main.work',
        file: '/src/app/main.go',
        instructions: [
          { address: 0x4d07a0, size: 7, file: 'main.go', line: 4, text: 'MOVQ main.sink(SB), CX' },
          { address: 0x4d07a7, size: 3, file: 'main.go', line: 5, text: 'MOVQ CX, DX' },
          { address: 0x4d07aa, size: 1, file: '', line: 0, text: 'INT $0x3' },
        ],
      },
    ]);
  });

  it('trims paths as pprof does: after "/BASE/" of the search path, else /proc/self/cwd/', () => {
    assert.equal(trimSourcePath('/build/repo/pkg/a.go', '/home/me/repo'), 'pkg/a.go');
    assert.equal(trimSourcePath('/proc/self/cwd/pkg/a.go', ''), 'pkg/a.go');
    assert.equal(trimSourcePath('/build/other/pkg/a.go', '/home/me/repo'), '/build/other/pkg/a.go');
    assert.equal(trimSourcePath('/build/repo/pkg/a.go', ''), '/build/repo/pkg/a.go');
  });

  it('lays out a routine whose file cannot be read, and one without source, as pprof does', () => {
    const lines = new Map([[7, { flat: 30_000_000, cum: 50_000_000 }]]);
    const text = formatSourceListing(
      {
        unit: 'nanoseconds',
        total: 100_000_000,
        functions: [
          { name: 'main.a', routines: [{ name: 'main.a', file: '/x/a.go', flat: 30_000_000, cum: 50_000_000, start: 5, end: 12, lines }] },
          { name: 'main.b', routines: [] },
        ],
      },
      () => ({ error: 'open /x/a.go: no such file or directory' }),
    );
    assert.equal(
      text,
      'Total: 100ms\n' +
        'ROUTINE ======================== main.a in /x/a.go\n' +
        '      30ms       50ms (flat, cum) 50.00% of Total\n' +
        ' Error: open /x/a.go: no such file or directory\n' +
        'No source information for main.b\n',
    );
  });

  it('puts the location after short instructions and above long ones', () => {
    const long = 'VMOVDQU 0x20(SI)(DX*1), Y1 // forty-plus chars';
    const text = formatDisasm({
      unit: 'count',
      total: 4,
      routines: [
        {
          name: 'main.work',
          flat: 3,
          cum: 4,
          rows: [
            { address: 0x10, text: 'NOPL', flat: 3, cum: 4, location: 'main.work main.go:4', file: 'main.go', line: 4 },
            { address: 0x11, text: long, flat: 0, cum: 0, location: 'main.go:5', file: 'main.go', line: 5 },
          ],
        },
      ],
    });
    assert.equal(
      text,
      'Total: 4\nROUTINE ======================== main.work\n         3          4 (flat, cum)   100% of Total\n' +
        `         3          4         10: ${'NOPL'.padEnd(40)};main.work main.go:4\n` +
        `${' '.repeat(74)};main.go:5\n` +
        `         .          .         11: ${long}\n`,
    );
  });
});
