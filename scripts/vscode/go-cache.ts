// The user's Go build cache, so builds inside code-server (whose XDG_CACHE_HOME is a scratch
// folder, which Go would otherwise use) do not compile the standard library from scratch.
import { spawnSync } from 'node:child_process';

export function goBuildCacheEnv(): NodeJS.ProcessEnv {
  if (process.env.GOCACHE) return { GOCACHE: process.env.GOCACHE };
  const r = spawnSync('go', ['env', 'GOCACHE'], { encoding: 'utf8' });
  const dir = r.status === 0 ? r.stdout.trim() : '';
  return dir ? { GOCACHE: dir } : {};
}
