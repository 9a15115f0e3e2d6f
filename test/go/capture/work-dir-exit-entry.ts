// For work-dir.test.ts: makes a work folder under argv[2], prints its path, then exits with
// process.exit while the folder is still in use: the exit hook must remove it.
import { makeWorkDir } from '../../../src/capture/work-dir';

void makeWorkDir(process.argv[2]).then((work) => {
  process.stdout.write(`${work.path}\n`);
  process.exit(0);
});
