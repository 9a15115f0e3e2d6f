/**
 * Progress of `go build -v`, which names on standard error each package as it compiles it
 * (packages found in the build cache are not named). Counted against the packages the
 * program is made of (`go list -deps` of the program and of the agent), a cold build's
 * progress reads "compiling net/http (143 of 190)". Pure.
 */

export interface BuildProgress {
  /** Import path of the package being compiled. */
  readonly compiling: string;
  /** Packages named so far in this build. */
  readonly done: number;
  /** Packages the program is made of (an upper bound: cached ones are not named). */
  readonly total: number;
}

/** Reads `go build -v` stderr as it arrives; lines that are not package names are left alone. */
export class BuildProgressReader {
  private partial = '';
  private done = 0;

  /** `packages`: the import paths of the build ("command-line-arguments" is added). */
  constructor(
    private readonly packages: ReadonlySet<string>,
    private readonly report: (progress: BuildProgress) => void,
  ) {}

  push(text: string): void {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      const name = line.trim();
      if (!isPackageLine(name, this.packages)) continue;
      this.done++;
      this.report({ compiling: name, done: this.done, total: Math.max(this.packages.size, this.done) });
    }
  }
}

function isPackageLine(line: string, packages: ReadonlySet<string>): boolean {
  return packages.has(line) || line === 'command-line-arguments';
}

/** `go build -v` output without its package lines, so a failure reads as without -v. */
export function withoutPackageLines(output: string, packages: ReadonlySet<string>): string {
  return output
    .split('\n')
    .filter((line) => !isPackageLine(line.trim(), packages))
    .join('\n');
}
