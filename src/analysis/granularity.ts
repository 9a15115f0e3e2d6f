import type { Granularity } from './options';
import { OptionError } from '../shared/option-error';

/** Which attributes of a source line identify a report node, as pprof's Aggregate keeps them. */
export interface GranularityKeys {
  readonly functionName: boolean;
  readonly fileName: boolean;
  readonly lineNumber: boolean;
}

export function granularityKeys(granularity: Granularity | undefined): GranularityKeys {
  switch (granularity ?? 'functions') {
    case 'functions':
      return { functionName: true, fileName: false, lineNumber: false };
    case 'filefunctions':
      return { functionName: true, fileName: true, lineNumber: false };
    case 'lines':
      return { functionName: true, fileName: true, lineNumber: true };
    case 'files':
      return { functionName: false, fileName: true, lineNumber: false };
    default:
      throw new OptionError(`unknown granularity "${String(granularity)}": use functions, filefunctions, lines or files`);
  }
}
