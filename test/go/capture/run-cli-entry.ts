// Runs `go-profiler run` in its own process for run-cli.test.ts (the real CLI's path).
import { runCommand } from '../../../src/cli/run';

void runCommand(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
