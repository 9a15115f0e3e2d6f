/** Options shared by every report, named after `go tool pprof`'s flags. */
import type { Transform } from '../shared/transforms';

export type Granularity = 'functions' | 'filefunctions' | 'lines' | 'files';

export interface ReportOptions {
  /** Sample type by name (e.g. "alloc_space") or index; default: the profile's default. */
  readonly sampleIndex?: string | number;
  /** Default: 'functions'. */
  readonly granularity?: Granularity;
  /** Attribute inlined frames to their caller (pprof -noinlines). */
  readonly noInlines?: boolean;
  /** Regular expressions, with pprof's semantics (matched against function name and file). */
  readonly focus?: string;
  readonly ignore?: string;
  readonly hide?: string;
  readonly show?: string;
  readonly showFrom?: string;
  readonly tagFocus?: string;
  readonly tagIgnore?: string;
  /** pprof -tagroot / -tagleaf: these label keys' values become root / leaf frames of every stack (label-frames.ts). */
  readonly tagRoot?: readonly string[];
  readonly tagLeaf?: readonly string[];
  /**
   * Most frames the stacks may expand to, inlined calls included, before a report that needs
   * them expanded refuses (see frame-budget.ts); default DEFAULT_FRAME_BUDGET. Not a pprof flag.
   */
  readonly frameBudget?: number;
  /**
   * Show names as pprof does by default (short-names.ts: C++/Rust/generic parameter and
   * template lists removed); off is pprof's -symbolize=none, names as in the profile.
   */
  readonly shortNames?: boolean;
  /** The user's transform chain, applied in order to every stack after the filters above. Not a pprof flag. */
  readonly transforms?: readonly Transform[];
}
