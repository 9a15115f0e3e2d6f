import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goLookupSettings, lookupGo, type SettingReader } from '../../../src/golang/go-lookup';

function reader(values: Record<string, unknown>): SettingReader {
  return (section, key) => values[`${section}.${key}`];
}

describe('go lookup settings', () => {
  it('reads goProfiler.goPath, go.alternateTools.go and go.goroot; ignores values that are not text', () => {
    const s = goLookupSettings(reader({ 'goProfiler.goPath': '/opt/go', 'go.alternateTools': { go: 'go1.22', gopls: 'x' }, 'go.goroot': '/g' }));
    assert.deepEqual([s.goPath, s.alternateGo, s.goroot], ['/opt/go', 'go1.22', '/g']);
    const odd = goLookupSettings(reader({ 'goProfiler.goPath': 3, 'go.alternateTools': 'go', 'go.goroot': null }));
    assert.deepEqual([odd.goPath, odd.alternateGo, odd.goroot], [undefined, undefined, undefined]);
  });

  it('says whether the explicit path was the one that failed', () => {
    const base = { pathVariable: '/usr/bin', platform: 'linux' as const };
    const explicit = lookupGo({ ...base, goPath: '/nope/go' }, () => false);
    assert.ok(!explicit.found && explicit.explicit);
    const searched = lookupGo({ ...base, goPath: '  ' }, () => false);
    assert.ok(!searched.found && !searched.explicit);
    assert.deepEqual(searched.tried, [{ path: '/usr/bin/go', from: 'PATH' }]);
  });
});
