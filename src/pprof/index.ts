export type { Profile, ProfileMetadata, ValueType, Mapping, FunctionTable, LocationTable, SampleTable } from './profile';
export { ProfileError } from './errors';
export { decodeProfile, decodeProfileAsRuns, type DecodeOptions } from './decode-profile';
export type { ProfileRuns } from './decode-message';
export type { SampleRunVisitor, SampleRunsSummary } from './sample-runs';
export { DEFAULT_MAX_INFLATED_BYTES, isGzip, type Inflate } from './inflate';
export { inflatePako } from './inflate-pako';
