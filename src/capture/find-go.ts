/** The go command for the CLI and captures: an explicit path (--go) alone, else PATH. */
import { lookupGo } from '../golang/go-lookup';
import { CaptureError } from './errors';

export interface FindGoOptions {
  /** An explicit path (e.g. --go); used as is when given. */
  readonly explicit?: string;
  /** Defaults to process.env.PATH. */
  readonly pathVariable?: string;
}

export function findGo(options: FindGoOptions = {}): string {
  const lookup = lookupGo({ goPath: options.explicit, pathVariable: options.pathVariable ?? process.env.PATH ?? '', platform: process.platform });
  if (lookup.found) return lookup.found.path;
  throw new CaptureError(
    'go-missing',
    lookup.explicit ? `go not found at ${options.explicit} (not an executable file)` : 'go not found on PATH; install Go or pass its path (--go PATH)',
  );
}
