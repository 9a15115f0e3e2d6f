/**
 * A VS Code terminal backed by a Pseudoterminal for one profiled program: output passes
 * through unchanged (colours included), typed lines go to stdin (with local echo and
 * backspace), Ctrl+C sends SIGINT, Ctrl+D closes stdin, closing the terminal calls onClose.
 * A run reuses the terminal of an earlier, finished run of the same name (acquire/release),
 * so runs do not leave one terminal each behind.
 */
import * as vscode from 'vscode';
import type { RunningProgram } from '../capture/process';

const RED = '\x1b[31m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';
/** What an internal command reports of a terminal's text (tests): the last this many characters. */
const TRANSCRIPT_LIMIT = 64 * 1024;

/** The program terminals of one window (created with the session features, no module-level state). */
export class ProgramTerminals {
  /** Terminals of finished runs, by name, ready to take the next run of the same name. */
  private readonly idle = new Map<string, ProgramTerminal>();
  /** Every terminal not closed yet. */
  private readonly live = new Set<ProgramTerminal>();

  /** The idle terminal of an earlier run of `name` (output kept above a separator), or a new one. */
  acquire(name: string, onClose: () => void): ProgramTerminal {
    const reused = this.idle.get(name);
    this.idle.delete(name);
    if (reused && !reused.isClosed) {
      reused.startRun(onClose);
      return reused;
    }
    const terminal = new ProgramTerminal(name, onClose, this);
    this.live.add(terminal);
    return terminal;
  }

  /** goProfiler.internal.programTerminals: each open terminal's name and text (in-host tests). */
  states(): { name: string; text: string; idle: boolean }[] {
    return [...this.live].map((t) => ({ name: t.name, text: t.transcript, idle: this.idle.get(t.name) === t }));
  }

  /** `terminal`'s run is over: it waits for the next run of its name (one per name). */
  released(terminal: ProgramTerminal): void {
    this.idle.get(terminal.name)?.terminal.dispose();
    this.idle.set(terminal.name, terminal);
  }

  closed(terminal: ProgramTerminal): void {
    if (this.idle.get(terminal.name) === terminal) this.idle.delete(terminal.name);
    this.live.delete(terminal);
  }
}

/** Lone "\n" → "\r\n", as a terminal needs. Pure. */
export function toTerminalNewlines(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export class ProgramTerminal implements vscode.Pseudoterminal, vscode.Disposable {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | undefined>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  readonly terminal: vscode.Terminal;
  private opened = false;
  private pending: string[] = [];
  private line = '';
  private program: RunningProgram | undefined;
  private closedByUser = false;
  private text = '';

  /** Made by `ProgramTerminals.acquire`. */
  constructor(
    readonly name: string,
    private onClose: () => void,
    private readonly owner: ProgramTerminals,
  ) {
    this.terminal = vscode.window.createTerminal({ name, pty: this, iconPath: new vscode.ThemeIcon('flame') });
  }

  /** A new run in this (idle) terminal: its output goes below a separator. */
  startRun(onClose: () => void): void {
    this.onClose = onClose;
    this.program = undefined;
    this.line = '';
    this.write(`\n${DIM}──────── new run ────────${RESET}\n`);
  }

  /** The run is over (its program ended or never started): the next run of this name may reuse the terminal. */
  release(): void {
    if (this.closedByUser) return;
    // The run is over: closing its terminal later (the user, or the next release) must not call
    // its run's onClose again (a second dispose of an ended session starts clean-up work anew).
    this.onClose = () => undefined;
    this.owner.released(this); // keeps one per name
  }

  /** The text written so far (its last TRANSCRIPT_LIMIT characters), for the internal command tests use. */
  get transcript(): string {
    return this.text;
  }

  get isClosed(): boolean {
    return this.closedByUser;
  }

  open(): void {
    this.opened = true;
    for (const text of this.pending) this.writeEmitter.fire(text);
    this.pending = [];
  }

  close(): void {
    this.closedByUser = true;
    this.owner.closed(this);
    this.onClose();
  }

  write(text: string): void {
    const out = toTerminalNewlines(text);
    this.text = (this.text + text).slice(-TRANSCRIPT_LIMIT);
    if (this.opened) this.writeEmitter.fire(out);
    else this.pending.push(out);
  }

  info(text: string): void {
    this.write(`${DIM}${text}${RESET}\n`);
  }

  error(text: string): void {
    this.write(`${RED}${text}${RESET}\n`);
  }

  /** Streams the program's output here and forwards typed input to it. */
  attach(program: RunningProgram): void {
    this.program = program;
    const decode = (chunk: Buffer): void => this.write(chunk.toString('utf8'));
    program.child.stdout?.on('data', decode);
    program.child.stderr?.on('data', decode);
    program.child.stdin?.on('error', () => undefined); // the program closed stdin or exited
  }

  handleInput(data: string): void {
    const program = this.program;
    if (!program || program.hasExited()) return;
    for (const ch of data) {
      if (ch === '\x03') {
        this.write('^C\n');
        this.line = '';
        program.signal('SIGINT');
      } else if (ch === '\x04') {
        program.child.stdin?.end();
      } else if (ch === '\r') {
        this.write('\n');
        program.child.stdin?.write(`${this.line}\n`);
        this.line = '';
      } else if (ch === '\x7f' || ch === '\b') {
        if (this.line.length > 0) {
          this.line = this.line.slice(0, -1);
          this.writeEmitter.fire('\b \b');
        }
      } else if (ch >= ' ' || ch === '\t') {
        this.line += ch;
        this.writeEmitter.fire(ch);
      }
    }
  }

  dispose(): void {
    this.writeEmitter.dispose();
    this.closeEmitter.dispose();
  }
}
