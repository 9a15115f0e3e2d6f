export type { Profile, ValueType, Mapping, FunctionTable, LocationTable, SampleTable } from './profile';
export { ProfileError } from './errors';
export { decodeProfile, type DecodeOptions } from './decode-profile';
export { DEFAULT_MAX_INFLATED_BYTES, isGzip, type Inflate } from './inflate';
export { inflatePako } from './inflate-pako';
