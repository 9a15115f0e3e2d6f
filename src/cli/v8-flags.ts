/** node:v8's flag setter, for short-run.ts to import() only when it sets a flag (see worker-threads.ts for why through a module of its own). */
export { setFlagsFromString } from 'node:v8';
