import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goLaunchConfigs, runTargetFromConfig, splitFlags, substituteVariables } from '../../../src/session/launch-config';

const ctx = { workspaceFolder: '/ws', file: '/ws/cmd/a/main.go', env: { HOME: '/home/u', PORT: '8080' }, userHome: '/home/u' };

describe('launch.json go configurations', () => {
  it('keeps only type go launch configurations with a program', () => {
    const configs = goLaunchConfigs({
      configurations: [
        { name: 'server', type: 'go', request: 'launch', program: '${workspaceFolder}/cmd/server', args: ['-v'], env: { A: '1', N: 2 }, envFile: '${workspaceFolder}/.env', buildFlags: "-tags 'a b' -race" },
        { name: 'attach', type: 'go', request: 'attach', program: 'x' },
        { name: 'tests', type: 'go', request: 'launch', mode: 'test', program: 'x' },
        { name: 'node', type: 'node', request: 'launch', program: 'x' },
        'garbage',
      ],
    });
    assert.equal(configs.length, 1);
    assert.deepEqual(configs[0], {
      name: 'server',
      program: '${workspaceFolder}/cmd/server',
      args: ['-v'],
      env: { A: '1', N: '2' },
      envFiles: ['${workspaceFolder}/.env'],
      cwd: undefined,
      buildFlags: ['-tags', 'a b', '-race'],
    });
    assert.deepEqual(goLaunchConfigs(null), []);
  });

  it('resolves variables, a .go program to its folder, and cwd defaulting to the program folder', () => {
    const [config] = goLaunchConfigs({
      configurations: [{ name: 'file', type: 'go', request: 'launch', program: '${file}', args: '-port ${env:PORT}', env: { H: '${userHome}/x' } }],
    });
    const target = runTargetFromConfig(config!, ctx);
    assert.deepEqual(target, {
      label: 'file',
      packageDir: '/ws/cmd/a',
      cwd: '/ws/cmd/a',
      args: ['-port', '8080'],
      env: { H: '/home/u/x' },
      envFiles: [],
      buildFlags: [],
    });
  });

  it('resolves a relative cwd and envFile against the workspace folder', () => {
    const [config] = goLaunchConfigs({
      configurations: [{ name: 'r', type: 'go', program: './cmd/r', cwd: 'data', envFile: ['.env', ''] }],
    });
    const target = runTargetFromConfig(config!, ctx);
    assert.equal(target.packageDir, '/ws/cmd/r');
    assert.equal(target.cwd, '/ws/data');
    assert.deepEqual(target.envFiles, ['/ws/.env']);
  });

  it('substitutes known variables and leaves unknown ones', () => {
    assert.equal(substituteVariables('${workspaceFolderBasename}:${fileDirname}:${env:NOPE}:${command:x}', ctx), 'ws:/ws/cmd/a::${command:x}');
  });

  it('splits flag strings with quotes', () => {
    assert.deepEqual(splitFlags(`-tags='a b' -ldflags "-X main.v=1" -race`), ['-tags=a b', '-ldflags', '-X main.v=1', '-race']);
    assert.deepEqual(splitFlags('  '), []);
  });
});
