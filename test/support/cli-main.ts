/** The `go-profiler` command run in this process (src/cli/main.ts), its output collected. */
import { main } from '../../src/cli/main';

export async function runCliMain(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}
