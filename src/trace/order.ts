/**
 * Putting each generation's per-thread events into one valid order, the way the format
 * requires: the earliest event across threads comes next unless the state it changes is
 * not there yet (a goroutine started before the event that made it runnable was seen, a P
 * taken before it was released), recognised by the sequence numbers the runtime writes. The
 * rules (from the Go sources' description of the format) also give GoStatus its previous
 * state, and add the events implied by GoSwitch and GoDestroySyscall.
 */
import { heapInsert, heapRemove, heapUpdate, BatchCursor } from './batch-cursor';
import { FormatProblem } from './errors';
import { EXTRA_STACK_ARGS, Ev, GoState, ProcStatus, STRING_ARGS, WIRE_GO_STATUS, eventName, timedSpec } from './events';
import { G_RUNNABLE, G_RUNNING, G_SYSCALL, G_WAITING, succeeds, type Ctx, type GState, type MState, type PState } from './order-state';
import type { Generation } from './generation';
import type { TraceTables } from './tables';
import { EventColumns, NONE } from './trace';

export class Ordering {
  private readonly gs = new Map<number, GState>();
  private readonly ps = new Map<number, PState>();
  private readonly ms = new Map<number, MState>();
  private gcState: 'undetermined' | 'running' | 'stopped' = 'undetermined';
  private gcSeq = 0;
  private initialGen = 0;
  private lastTs = 0;
  private gen = 0;
  private version = 0;

  constructor(
    private readonly out: EventColumns,
    private readonly tables: TraceTables,
  ) {}

  /** Orders and emits every event of generation `g` (read from `buf`). */
  generation(buf: Uint8Array, g: Generation, version: number): void {
    if (this.initialGen === 0) this.initialGen = g.gen;
    this.gen = g.gen;
    this.version = version;
    this.tables.begin(g);
    const frontier: BatchCursor[] = [];
    for (const [m, batches] of g.batches) {
      const bc = new BatchCursor(m, buf, batches, g.freq, version);
      if (bc.next()) heapInsert(frontier, bc);
    }
    this.emit(Ev.Sync, Math.trunc(g.minTs * g.freq), { m: NONE, p: NONE, g: NONE }, [g.gen], 0);
    const samples = g.cpuSamples.map((s) => ({ ...s, time: Math.trunc(s.time * g.freq) })).sort((a, b) => a.time - b.time);
    let nextSample = 0;
    while (frontier.length > 0 || nextSample < samples.length) {
      const s = samples[nextSample];
      if (s !== undefined && (frontier.length === 0 || s.time < frontier[0]!.time)) {
        nextSample++;
        this.emit(Ev.CPUSample, s.time, { m: s.m, p: s.p, g: s.g === 0 ? NONE : s.g }, [], this.tables.stack(s.stack));
        continue;
      }
      if (this.tryAdvance(frontier, 0)) continue;
      // Rare: the earliest event waits on another thread's; try the others in time order.
      frontier.sort((a, b) => a.time - b.time);
      let advanced = false;
      for (let i = 1; i < frontier.length && !advanced; i++) advanced = this.tryAdvance(frontier, i);
      if (!advanced) {
        const head = frontier[0]!;
        throw new FormatProblem(`broken trace: no event can come next in generation ${g.gen} (thread ${head.m} waits at ${eventName(head.type)})`);
      }
    }
  }

  /** The Sync event that closes the trace. */
  end(): void {
    this.emit(Ev.Sync, this.lastTs, { m: NONE, p: NONE, g: NONE }, [0], 0);
  }

  private tryAdvance(frontier: BatchCursor[], i: number): boolean {
    const bc = frontier[i]!;
    if (!this.advance(bc)) return false;
    if (bc.next()) heapUpdate(frontier, i);
    else heapRemove(frontier, i);
    return true;
  }

  private mState(m: number): MState {
    let s = this.ms.get(m);
    if (s === undefined) this.ms.set(m, (s = { g: NONE, p: NONE }));
    return s;
  }

  /** Emits the event with its strings and stacks mapped onto the trace's tables, time made strictly increasing. */
  private emit(type: number, time: number, ctx: Ctx, rawArgs: readonly number[], stack: number): void {
    if (time <= this.lastTs) time = this.lastTs + 1;
    this.lastTs = time;
    this.out.push(type, time, ctx.m, ctx.p, ctx.g, rawArgs, stack);
  }

  /** Maps the current event's string and stack arguments, then emits it. */
  // The cursor's own argument array is mapped in place: it is read again only at its next event.
  private emitWire(bc: BatchCursor, ctx: Ctx, args: number[] = bc.args): void {
    const spec = timedSpec(bc.type, this.version)!;
    // Most events have neither: no empty array made per event (millions of them).
    const strings = STRING_ARGS[bc.type];
    if (strings !== undefined) for (const i of strings) args[i] = this.tables.string(args[i]!);
    const stacks = EXTRA_STACK_ARGS[bc.type];
    if (stacks !== undefined) for (const i of stacks) args[i] = this.tables.stack(args[i]!);
    let stack = 0;
    if (spec.stack >= 0) {
      stack = this.tables.stack(args[spec.stack]!);
      args[spec.stack] = stack;
    }
    this.emit(bc.type, bc.time, ctx, args, stack);
  }

  private need(ok: boolean, bc: BatchCursor, what: string): void {
    if (!ok) throw new FormatProblem(`broken trace: ${eventName(bc.type)} on thread ${bc.m} in generation ${this.gen} ${what}`);
  }

  private runningG(bc: BatchCursor, ctx: Ctx, status = G_RUNNING): GState {
    this.need(ctx.p !== NONE && ctx.g !== NONE, bc, 'without a running goroutine');
    const s = this.gs.get(ctx.g);
    this.need(s !== undefined && s.status === status, bc, `for goroutine ${ctx.g} in the wrong state`);
    return s!;
  }

  /** Emits the cursor's event if its preconditions hold; false if it must wait. */
  private advance(bc: BatchCursor): boolean {
    const ms = this.mState(bc.m);
    const ctx: Ctx = { m: bc.m, p: ms.p, g: ms.g };
    const next = this.step(bc, ctx);
    if (next === undefined) return false;
    ms.p = next.p;
    ms.g = next.g;
    return true;
  }

  private step(bc: BatchCursor, ctx: Ctx): Ctx | undefined {
    const a = bc.args;
    const gen = this.gen;
    switch (bc.type) {
      case Ev.ProcStatus:
        return this.procStatus(bc, ctx);
      case Ev.ProcStart: {
        const s = this.ps.get(a[0]!);
        if (s === undefined || s.status !== ProcStatus.Idle || !succeeds(gen, a[1]!, s) || ctx.p !== NONE) return undefined;
        s.status = ProcStatus.Running;
        s.gen = gen;
        s.seq = a[1]!;
        this.emitWire(bc, ctx);
        return { ...ctx, p: a[0]! };
      }
      case Ev.ProcStop: {
        const s = this.ps.get(ctx.p);
        this.need(s !== undefined && (s.status === ProcStatus.Running || s.status === ProcStatus.Syscall), bc, 'for a P that is not running');
        s!.status = ProcStatus.Idle;
        this.emitWire(bc, ctx);
        return { ...ctx, p: NONE };
      }
      case Ev.ProcSteal:
        return this.procSteal(bc, ctx);
      case Ev.GoStatus:
      case Ev.GoStatusStack:
        return this.goStatus(bc, ctx);
      case Ev.GoCreate:
      case Ev.GoCreateBlocked: {
        this.need(ctx.p !== NONE, bc, 'without a P');
        const creator = this.gs.get(ctx.g);
        this.need(creator === undefined || creator.status === G_RUNNING, bc, 'from a goroutine that is not running');
        this.need(!this.gs.has(a[0]!), bc, `creates goroutine ${a[0]} that already exists`);
        this.gs.set(a[0]!, { status: bc.type === Ev.GoCreate ? G_RUNNABLE : G_WAITING, gen, seq: 0 });
        this.emitWire(bc, ctx);
        return ctx;
      }
      case Ev.GoStop:
      case Ev.GoBlock:
      case Ev.GoDestroy: {
        const s = this.runningG(bc, ctx);
        if (bc.type === Ev.GoDestroy) this.gs.delete(ctx.g);
        else s.status = bc.type === Ev.GoStop ? G_RUNNABLE : G_WAITING;
        this.emitWire(bc, ctx);
        return { ...ctx, g: NONE };
      }
      case Ev.GoStart: {
        const s = this.gs.get(a[0]!);
        if (s === undefined || s.status !== G_RUNNABLE || !succeeds(gen, a[1]!, s)) return undefined;
        this.need(ctx.p !== NONE && ctx.g === NONE, bc, 'on a thread without a P or already running a goroutine');
        s.status = G_RUNNING;
        s.gen = gen;
        s.seq = a[1]!;
        this.emitWire(bc, ctx);
        return { ...ctx, g: a[0]! };
      }
      case Ev.GoUnblock: {
        const s = this.gs.get(a[0]!);
        if (s === undefined || s.status !== G_WAITING || !succeeds(gen, a[1]!, s)) return undefined;
        s.status = G_RUNNABLE;
        s.gen = gen;
        s.seq = a[1]!;
        this.emitWire(bc, ctx);
        return ctx;
      }
      case Ev.GoSwitch:
      case Ev.GoSwitchDestroy:
        return this.goSwitch(bc, ctx);
      case Ev.GoSyscallBegin: {
        const s = this.runningG(bc, ctx);
        const p = this.ps.get(ctx.p);
        this.need(p !== undefined && succeeds(gen, a[0]!, p), bc, 'with a P sequence out of order');
        s.status = G_SYSCALL;
        p!.status = ProcStatus.Syscall;
        p!.gen = gen;
        p!.seq = a[0]!;
        this.emitWire(bc, ctx);
        return ctx;
      }
      case Ev.GoSyscallEnd: {
        const s = this.runningG(bc, ctx, G_SYSCALL);
        const p = this.ps.get(ctx.p);
        this.need(p !== undefined && p.status === ProcStatus.Syscall, bc, 'for a P not in a syscall');
        s.status = G_RUNNING;
        p!.status = ProcStatus.Running;
        this.emitWire(bc, ctx);
        return ctx;
      }
      case Ev.GoSyscallEndBlocked: {
        if (ctx.p !== NONE) {
          const p = this.ps.get(ctx.p);
          this.need(p !== undefined, bc, 'for an unknown P');
          if (p!.status === ProcStatus.Syscall) return undefined;
        }
        this.need(ctx.g !== NONE, bc, 'without a goroutine');
        const s = this.gs.get(ctx.g);
        this.need(s !== undefined && s.status === G_SYSCALL, bc, 'for a goroutine not in a syscall');
        s!.status = G_RUNNABLE;
        this.emitWire(bc, ctx);
        return { ...ctx, g: NONE };
      }
      case Ev.GoCreateSyscall: {
        this.need(ctx.g === NONE && !this.gs.has(a[0]!), bc, 'on a thread already running a goroutine, or for one that exists');
        this.gs.set(a[0]!, { status: G_SYSCALL, gen, seq: 0 });
        this.emitWire(bc, ctx);
        return { ...ctx, g: a[0]! };
      }
      case Ev.GoDestroySyscall:
        return this.goDestroySyscall(bc, ctx);
      case Ev.GCActive:
      case Ev.GCBegin:
      case Ev.GCEnd:
        return this.gc(bc, ctx);
      case Ev.ClockSnapshot:
        throw new FormatProblem(`broken trace: clock snapshot outside the sync batch on thread ${bc.m}`);
      default:
        // Ranges, metrics, annotations and experimental events never wait on another thread.
        this.emitWire(bc, ctx);
        return ctx;
    }
  }

  private procStatus(bc: BatchCursor, ctx: Ctx): Ctx {
    const [pid, status] = [bc.args[0]!, bc.args[1]!];
    this.need(status >= ProcStatus.Running && status <= ProcStatus.SyscallAbandoned, bc, `with an invalid status ${status}`);
    const s = this.ps.get(pid);
    let emitCtx = ctx;
    let reported = status;
    if (s !== undefined) {
      if (status === ProcStatus.SyscallAbandoned && s.status === ProcStatus.Syscall) reported = ProcStatus.Syscall;
      else this.need(s.status === status, bc, `disagrees with the status of P ${pid}`);
      s.gen = this.gen;
      s.seq = 0;
    } else {
      this.ps.set(pid, { status, gen: this.gen, seq: 0 });
    }
    if (status === ProcStatus.SyscallAbandoned && s?.status === ProcStatus.Syscall) {
      const owner = [...this.ms].find(([, m]) => m.p === pid);
      this.need(owner !== undefined, bc, `for P ${pid} that no thread holds`);
      emitCtx = { m: owner![0], p: pid, g: owner![1].g };
    }
    const args = bc.args.slice();
    args[1] = reported;
    args[3] = s === undefined ? 0 : s.status;
    this.emit(bc.type, bc.time, emitCtx, args, 0);
    return status === ProcStatus.Running || status === ProcStatus.Syscall ? { ...ctx, p: pid } : ctx;
  }

  private procSteal(bc: BatchCursor, ctx: Ctx): Ctx | undefined {
    const [pid, seq, victim] = [bc.args[0]!, bc.args[1]!, bc.args[2]!];
    const s = this.ps.get(pid);
    if (s === undefined || (s.status !== ProcStatus.Syscall && s.status !== ProcStatus.SyscallAbandoned) || !succeeds(this.gen, seq, s)) return undefined;
    const before = s.status;
    s.status = ProcStatus.Idle;
    s.gen = this.gen;
    s.seq = seq;
    const args = bc.args.slice();
    args[3] = before;
    if (before === ProcStatus.SyscallAbandoned) {
      this.emit(bc.type, bc.time, ctx, args, 0);
      return ctx;
    }
    if (victim === ctx.m) {
      this.need(ctx.p === pid, bc, `steals P ${pid} from its own thread that holds another`);
      this.emit(bc.type, bc.time, ctx, args, 0);
      return { ...ctx, p: NONE };
    }
    const vm = this.ms.get(victim);
    this.need(vm !== undefined && vm.p === pid, bc, `steals P ${pid} from thread ${victim} that does not hold it`);
    vm!.p = NONE;
    this.emit(bc.type, bc.time, ctx, args, 0);
    return ctx;
  }

  private goStatus(bc: BatchCursor, ctx: Ctx): Ctx {
    const [gid, mid, status] = [bc.args[0]!, bc.args[1]!, bc.args[2]!];
    this.need(status >= G_RUNNABLE && status <= G_WAITING, bc, `with an invalid status ${status}`);
    const state = WIRE_GO_STATUS[status]!;
    let from = state;
    const s = this.gs.get(gid);
    if (s !== undefined) {
      this.need(s.status === status, bc, `disagrees with the status of goroutine ${gid}`);
      s.gen = this.gen;
      s.seq = 0;
    } else {
      this.need(this.gen === this.initialGen, bc, `introduces goroutine ${gid} after the first generation`);
      this.gs.set(gid, { status, gen: this.gen, seq: 0 });
      from = GoState.Undetermined;
    }
    let emitCtx = ctx;
    let next = ctx;
    if (status === G_RUNNING) next = { ...ctx, g: gid };
    else if (status === G_SYSCALL) {
      if (mid === ctx.m) next = { ...ctx, g: gid };
      else {
        const other = this.ms.get(mid);
        if (other === undefined) this.ms.set(mid, { g: gid, p: NONE });
        else this.need(other.g === gid, bc, `puts goroutine ${gid} in a syscall on a thread running another`);
        emitCtx = { ...ctx, m: mid, g: gid };
      }
    }
    const stack = bc.type === Ev.GoStatusStack ? this.tables.stack(bc.args[3]!) : 0;
    const args = [gid, state, from, stack];
    this.emit(bc.type, bc.time, emitCtx, args, stack);
    return next;
  }

  private goSwitch(bc: BatchCursor, ctx: Ctx): Ctx | undefined {
    const cur = this.runningG(bc, ctx);
    const [nextG, seq] = [bc.args[0]!, bc.args[1]!];
    const s = this.gs.get(nextG);
    if (s === undefined || s.status !== G_WAITING || !succeeds(this.gen, seq, s)) return undefined;
    this.emit(bc.type, bc.time, ctx, bc.args.slice(), 0);
    if (bc.type === Ev.GoSwitch) {
      cur.status = G_WAITING;
      this.emit(Ev.GoBlock, bc.time, ctx, [0, 0], 0);
    } else {
      this.gs.delete(ctx.g);
      this.emit(Ev.GoDestroy, bc.time, ctx, [], 0);
    }
    s.status = G_RUNNING;
    s.gen = this.gen;
    s.seq = seq;
    this.emit(Ev.GoStart, bc.time, { ...ctx, g: NONE }, [nextG, seq], 0);
    return { ...ctx, g: nextG };
  }

  private goDestroySyscall(bc: BatchCursor, ctx: Ctx): Ctx {
    this.need(ctx.g !== NONE, bc, 'without a goroutine');
    const s = this.gs.get(ctx.g);
    this.need(s !== undefined && s.status === G_SYSCALL, bc, 'for a goroutine not in a syscall');
    this.gs.delete(ctx.g);
    let next: Ctx = { ...ctx, g: NONE };
    if (ctx.p !== NONE) {
      const p = this.ps.get(ctx.p);
      this.need(p !== undefined && p.status === ProcStatus.Syscall, bc, 'for a P not in a syscall');
      p!.status = ProcStatus.SyscallAbandoned;
      next = { ...next, p: NONE };
      this.emit(Ev.ProcSteal, bc.time, ctx, [ctx.p, 0, 0, ProcStatus.Syscall], 0);
    }
    this.emitWire(bc, ctx);
    return next;
  }

  private gc(bc: BatchCursor, ctx: Ctx): Ctx | undefined {
    const seq = bc.args[0]!;
    if (bc.type === Ev.GCActive && this.gen === this.initialGen) {
      this.need(this.gcState === 'undetermined', bc, 'is not the first GC event of the trace');
    } else if (bc.type === Ev.GCBegin && this.gcState === 'undetermined') {
      // The first GC event of the trace sets the sequence.
    } else {
      if (seq !== this.gcSeq + 1) return undefined;
      if (bc.type === Ev.GCBegin) this.need(this.gcState !== 'running', bc, 'while a GC is running');
      else this.need(this.gcState === 'running', bc, 'while no GC is running');
    }
    this.gcSeq = seq;
    this.gcState = bc.type === Ev.GCEnd ? 'stopped' : 'running';
    this.emitWire(bc, ctx);
    return ctx;
  }
}
