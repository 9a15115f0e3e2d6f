/** The notice a jump to source shows when it cannot open exactly what the profile names. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jumpNotice } from '../../../src/hints/jump-notice';

test('no notice when the file and line are the profile’s', () => {
  assert.equal(jumpNotice({ file: '/w/main.go', line: 12, functionName: 'main.f', lineCount: 40 }), undefined);
  assert.equal(jumpNotice({ file: '/w/main.go', line: 40, lineCount: 40 }), undefined);
});

test('a frame without a line names its function, or its file', () => {
  assert.equal(jumpNotice({ file: '/w/main.go', line: 0, functionName: 'main.f', lineCount: 40 }), 'Go Profiler: no line recorded for main.f; opened its file.');
  assert.equal(jumpNotice({ file: '/w/main.go', line: 0 }), 'Go Profiler: no line recorded for /w/main.go; opened its file.');
});

test('another Go release’s standard library', () => {
  const mismatch = { profile: { minor: 19 }, shown: { minor: 26, patch: 8 } };
  assert.equal(
    jumpNotice({ file: '/usr/local/go1.19/src/runtime/proc.go', line: 250, mismatch, lineCount: 7000 }),
    "Go Profiler: runtime/proc.go:250 is from Go 1.19; showing Go 1.26.8's file, which may differ.",
  );
  assert.equal(
    jumpNotice({ file: 'runtime/proc.go', line: 0, functionName: 'runtime.main', mismatch }),
    "Go Profiler: no line recorded for runtime.main; opened its file. runtime/proc.go is from Go 1.19; showing Go 1.26.8's file, which may differ.",
  );
});

test('a line past the end of the file opened', () => {
  assert.equal(
    jumpNotice({ file: '/w/main.go', line: 90, functionName: 'main.f', lineCount: 40 }),
    'Go Profiler: /w/main.go:90 is past the end of the file opened (40 lines); the source may have changed since the profile was taken.',
  );
});
