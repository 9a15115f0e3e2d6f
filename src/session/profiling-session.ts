/** What the Sessions view, the commands and the status bar know about one session. */
import type { CaptureRequest, CaptureResult } from '../capture/capture-kinds';
import type { ProgramContext } from '../capture/save-capture';
import type { SidecarCapture } from '../store/sidecar';
import type { SessionSource } from './capture-menu';

export interface ProfilingSession {
  readonly id: string;
  readonly source: SessionSource;
  /** Program name, or the attached URL. */
  readonly label: string;
  /** The program's pid for agent sessions. */
  readonly pid: number | undefined;
  /** Sidecar fields shared by every capture of this session. */
  context(): ProgramContext;
  /** How captures are described in the sidecar. */
  readonly sidecarCapture: Omit<SidecarCapture, 'kind' | 'seconds'>;
  /** The program binary the session built, kept beside its captures for disassembly. */
  readonly binary?: string;
  /** One capture; rejects with a CaptureError whose message names the program. */
  capture(request: CaptureRequest, signal?: AbortSignal): Promise<CaptureResult>;
  /** Real CPU start/stop (agent sessions only). */
  readonly cpuControl?: {
    start(): Promise<void>;
    /** The recording; if the program ended meanwhile, what the agent saved then (with a note). */
    stop(startedAt: Date): Promise<CaptureResult>;
  };
  /** Open-ended execution trace start/stop (agent sessions only). */
  readonly traceControl?: {
    start(): Promise<void>;
    /** The trace; if the program ended meanwhile, what the agent saved then (with a note). */
    stop(): Promise<CaptureResult>;
  };
  /**
   * The flight recorder, kept on from the session's start (agent sessions built by Go 1.25+,
   * when goProfiler.flightRecorderSeconds > 0): a snapshot is the last `seconds` of execution trace.
   */
  readonly flight?: {
    readonly seconds: number;
    snapshot(): Promise<CaptureResult>;
  };
  /** Ends the session (and, for agent sessions, the program's whole process tree). */
  stop(): Promise<void>;
  /** Settles when the session is over (program exited, or detached). */
  readonly ended: Promise<string>;
}
