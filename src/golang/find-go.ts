/** Finds the `go` command: an explicit path first, then PATH. */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { CaptureError } from '../capture/errors';

export interface FindGoOptions {
  /** An explicit path (e.g. a setting); used as is when given. */
  readonly explicit?: string;
  /** Defaults to process.env.PATH. */
  readonly pathVariable?: string;
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function findGo(options: FindGoOptions = {}): string {
  if (options.explicit) {
    if (isExecutableFile(options.explicit)) return options.explicit;
    throw new CaptureError('go-missing', `go not found at ${options.explicit} (not an executable file)`);
  }
  const names = process.platform === 'win32' ? ['go.exe'] : ['go'];
  const pathVariable = options.pathVariable ?? process.env.PATH ?? '';
  for (const dir of pathVariable.split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  throw new CaptureError('go-missing', 'go not found on PATH; install Go or pass its path (--go PATH)');
}
