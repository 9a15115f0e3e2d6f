/**
 * A VS Code terminal backed by a Pseudoterminal for one profiled program: output passes
 * through unchanged (colours included), typed lines go to stdin (with local echo and
 * backspace), Ctrl+C sends SIGINT, Ctrl+D closes stdin, closing the terminal calls onClose.
 */
import * as vscode from 'vscode';
import type { RunningProgram } from '../capture/process';

const RED = '\x1b[31m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

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

  constructor(
    name: string,
    private readonly onClose: () => void,
  ) {
    this.terminal = vscode.window.createTerminal({ name, pty: this, iconPath: new vscode.ThemeIcon('flame') });
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
    this.onClose();
  }

  write(text: string): void {
    const out = toTerminalNewlines(text);
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
