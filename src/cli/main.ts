/** `go-profiler` dispatch: parses the command line, runs one report, maps errors to exit codes. */
import { printable, type Controls } from '../analysis/printable';
import { ProfileError } from '../pprof/errors';
import { OptionError } from '../shared/option-error';
import { TraceError } from '../trace/errors';
import { parseArgs, REPORT_COMMANDS, UsageError, type ReportCommand } from './args';
import { USAGE } from './usage';
import type { ReportText } from './reports';

export interface CliOutput {
  out(text: string): void;
  /** Bytes to print as they are (a big -traces: reports.ts ReportText); without it they go to out as UTF-8. */
  outBytes?(bytes: Uint8Array): void;
  err(text: string): void;
  /**
   * How the text reports write control characters of a profile's strings: 'escape' (the
   * default) for a terminal, 'raw' for a pipe or a file, byte for byte as pprof (analysis/printable.ts).
   * The error line on stderr is escaped either way.
   */
  readonly controls?: Controls;
}

/** Exit code for bad input: missing or corrupt file, bad flag, bad regular expression. */
export const EXIT_BAD_INPUT = 2;

export async function main(argv: readonly string[], io: CliOutput): Promise<number> {
  const [command, ...rest] = argv;
  const controls = io.controls ?? 'escape';
  if (command === undefined) {
    io.err(USAGE);
    return EXIT_BAD_INPUT;
  }
  if (command === '-h' || command === '--help' || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  try {
    if (command === 'run') {
      const { runCommand } = await import('./run');
      return await runCommand(rest);
    }
    if (command === 'bench-compare') {
      const { benchCompareCommand } = await import('./bench-compare');
      return await benchCompareCommand(rest, io);
    }
    if (command === 'pull') {
      const { pullCommand } = await import('./pull');
      return await pullCommand(rest, io);
    }
    if (command === 'trace-profile') {
      const { traceProfileCommand } = await import('./trace-profile');
      io.out(await traceProfileCommand(rest));
      return 0;
    }
    if (command === 'list' || command === 'disasm') {
      if (rest.includes('-h') || rest.includes('--help')) {
        io.out(USAGE);
        return 0;
      }
      const text = command === 'list' ? await (await import('./list')).listCommand(rest, controls) : await (await import('./disasm')).disasmCommand(rest);
      io.out(text);
      return 0;
    }
    if (!(REPORT_COMMANDS as readonly string[]).includes(command)) {
      throw new UsageError(`unknown command "${command}" (see go-profiler --help)`);
    }
    if (rest.includes('-h') || rest.includes('--help')) {
      io.out(USAGE);
      return 0;
    }
    if (command === 'diff') {
      const { runDiffGate, takeFailAbove } = await import('./diff-gate');
      const [percent, others] = takeFailAbove(rest);
      if (percent !== undefined) {
        const [code, text] = await runDiffGate(percent, others, controls);
        io.out(text);
        return code;
      }
    }
    let args = parseArgs(command as ReportCommand, rest);
    // Loaded only for --view: it brings the saved-views store (node:crypto, node:fs/promises),
    // ~9 ms of every report's start-up.
    if (args.view !== undefined) args = await (await import('./view-option')).withViewOptions(args, process.cwd());
    const { runReport } = await import('./reports');
    printReport(await runReport(args, controls), io);
    return 0;
  } catch (error) {
    if (error instanceof ProfileError || error instanceof OptionError || error instanceof UsageError || error instanceof TraceError) {
      io.err(`go-profiler: ${printable(oneLine(error.message))}\n`);
      return EXIT_BAD_INPUT;
    }
    io.err(`go-profiler: internal error: ${printable(oneLine(error instanceof Error ? error.message : String(error)))}\n`);
    return 1;
  }
}

function printReport(text: ReportText, io: CliOutput): void {
  if (typeof text === 'string') io.out(text);
  else if (io.outBytes) io.outBytes(text);
  else io.out(new TextDecoder().decode(text));
}

/** A message on one line (the terminal-safe escapes of printable come after). */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
