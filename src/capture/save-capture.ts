/** Saves a capture to the profiles folder with a sidecar describing its program. */
import { TRACE_EXTENSION } from '../store/naming';
import { saveProfile, type NewProfile, type SavedProfile } from '../store/profile-store';
import type { ProfileSidecar, SidecarCapture } from '../store/sidecar';
import type { CaptureResult } from './capture-kinds';
import type { ProfilerSession } from './launcher';

/** What the sidecar says about the program, shared by all captures of one session. */
export type ProgramContext = Omit<ProfileSidecar, 'capture' | 'startedAt' | 'endedAt' | 'savedAt' | 'profileFile' | 'textFile' | 'binaryFile' | 'version'>;

export function sessionContext(session: ProfilerSession, goVersion?: string): ProgramContext {
  const { pkg, program } = session.build;
  return {
    program,
    packagePath: pkg.importPath,
    args: [...session.args],
    goVersion: goVersion || pkg.goVersion,
    ...(pkg.module ? { module: pkg.module } : {}),
    sourceRoot: pkg.dir,
  };
}

/** What the store saves for one capture: its bytes, optional text and sidecar. */
export function captureItem(result: CaptureResult, context: ProgramContext, how: Omit<SidecarCapture, 'kind' | 'seconds'>, binary?: string): NewProfile {
  return {
    ...(binary !== undefined ? { binary } : {}),
    program: context.program,
    type: result.kind,
    profile: result.profile,
    ...(result.kind === 'trace' ? { extension: TRACE_EXTENSION } : {}),
    ...(result.text !== undefined ? { text: result.text } : {}),
    date: result.endedAt,
    sidecar: {
      version: 1,
      ...context,
      capture: { kind: result.kind, ...(result.seconds !== undefined ? { seconds: result.seconds } : {}), ...how },
      startedAt: result.startedAt.toISOString(),
      endedAt: result.endedAt.toISOString(),
    },
  };
}

export function saveCaptureResult(
  dir: string,
  result: CaptureResult,
  context: ProgramContext,
  how: Omit<SidecarCapture, 'kind' | 'seconds'>,
  binary?: string,
): Promise<SavedProfile> {
  return saveProfile(dir, captureItem(result, context, how, binary));
}
