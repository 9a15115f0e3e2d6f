/** The functions of a binary disassembled by the Go toolchain's objdump (`go tool objdump -s REGEX BIN`). */
import { parseObjdump, type ObjdumpSymbol } from '../analysis/disasm';
import { findGo } from './find-go';
import { runTool } from './process';

/** The functions matching `regex` in `binary`; a failed run throws its last stderr line, naming the binary. */
export async function objdump(binary: string, regex: string, go?: string): Promise<ObjdumpSymbol[]> {
  const result = await runTool(findGo(go !== undefined ? { explicit: go } : {}), ['tool', 'objdump', '-s', regex, binary]);
  if (result.code !== 0) {
    const why = result.stderr.trim().split('\n').pop() ?? `exit ${String(result.code)}`;
    throw new Error(`go tool objdump ${binary}: ${why}`);
  }
  return parseObjdump(result.stdout);
}
