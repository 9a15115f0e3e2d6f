export type { Profile, ValueType, Mapping, FunctionTable, LocationTable, SampleTable } from './profile';
export { ProfileError } from './errors';
