/** The source-mapping file questions answered from this machine's disk (for unit tests on real files). */
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { SourceFileSystem } from '../../src/analysis/source-paths';

export const nodeSourceFileSystem: SourceFileSystem = {
  exists: (path) => Promise.resolve(existsSync(path) && statSync(path).isFile()),
  findByName: () => Promise.resolve([]),
  list(dir) {
    try {
      return Promise.resolve(readdirSync(dir));
    } catch {
      return Promise.resolve([]);
    }
  },
};
