// For stop.test.ts: starts the stubborn fixture binary (argv[2]) with the real startProgram,
// prints the tree's pids once it is ready, then exits without stopping it: the process
// module's exit hook must take the whole tree down with it.
import { startProgram } from '../../../src/capture/process';

const program = startProgram(process.argv[2]!, [], { stdio: 'pipe' });
let out = '';
program.child.stdout!.on('data', (b: Buffer) => {
  out += b.toString();
  const ready = /stubborn ready ([\d ]+)/.exec(out);
  if (ready) {
    process.stdout.write(`${ready[1]!.trim()}\n`);
    process.exit(0);
  }
});
