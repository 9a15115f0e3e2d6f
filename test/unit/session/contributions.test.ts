import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

interface MenuEntry {
  command: string;
  when?: string;
}
interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string }[];
    menus: Record<string, MenuEntry[]>;
    configuration: { properties: Record<string, { scope?: string; default?: unknown }> };
  };
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations?: string[] } };
}

const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;

describe('package.json contributions for running and capturing', () => {
  it('goProfiler.goPath is machine-scoped so a workspace cannot point it at its own binary', () => {
    assert.equal(manifest.contributes.configuration.properties['goProfiler.goPath']?.scope, 'machine');
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['goProfiler.profilesFolder']);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  });

  it('offers Run with Profiler in the editor run menu, the line-number menu and the Sessions view', () => {
    const has = (menu: string, command: string): boolean => (manifest.contributes.menus[menu] ?? []).some((e) => e.command === command);
    assert.ok(has('editor/title/run', 'goProfiler.run'));
    assert.ok(has('editor/lineNumber/context', 'goProfiler.run'));
    assert.ok(has('view/title', 'goProfiler.attach'));
  });

  it('every command in a menu is contributed; CodeLens-only commands are hidden from the palette', () => {
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const e of entries) assert.ok(contributed.has(e.command), `${menu} names ${e.command}, which is not contributed`);
    }
    const hidden = new Set(manifest.contributes.menus.commandPalette!.filter((e) => e.when === 'false').map((e) => e.command));
    assert.ok(hidden.has('goProfiler.profileTest') && hidden.has('goProfiler.session.stopCpu'));
    assert.ok(!hidden.has('goProfiler.run') && !hidden.has('goProfiler.attach'));
  });
});
