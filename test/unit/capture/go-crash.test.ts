// How a Go program ended, from its exit and the runtime's crash line on stderr (pure).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CrashWatcher, describeEnd } from '../../../src/capture/go-crash';

function watch(...chunks: string[]): string | undefined {
  const w = new CrashWatcher();
  for (const c of chunks) w.feed(c);
  return w.crashLine();
}

describe('CrashWatcher', () => {
  it('keeps the panic line, split across chunks, and ignores the trace after it', () => {
    assert.equal(watch('log line\npan', 'ic: boom\n\ngoroutine 1 [running]:\nmain.main()\n'), 'panic: boom');
  });

  it('keeps the last one: a re-panic or a fatal error after logged text', () => {
    assert.equal(watch('panic: first [recovered]\n\tpanic: second\n', 'panic: final\n'), 'panic: final');
    assert.equal(watch('fatal error: all goroutines are asleep - deadlock!\r\n\ngoroutine 1 [chan receive]:\n'), 'fatal error: all goroutines are asleep - deadlock!');
  });

  it('sees an unfinished last line, ignores lines that merely mention panic, and caps huge values', () => {
    assert.equal(watch('panic: no newline'), 'panic: no newline');
    assert.equal(watch('  panic: indented\nmy panic: not the runtime\n'), undefined);
    const line = watch(`panic: ${'x'.repeat(10_000)}\n`)!;
    assert.ok(line.length < 400 && line.endsWith('…'), String(line.length));
  });
});

describe('describeEnd', () => {
  it('says panicked or fatal error only for exit code 2 with a crash line', () => {
    assert.equal(describeEnd({ code: 2, signal: null }, 'panic: boom'), 'panicked (exit code 2): boom');
    assert.equal(describeEnd({ code: 2, signal: null }, 'fatal error: out of memory'), 'hit a fatal error (exit code 2): out of memory');
    assert.equal(describeEnd({ code: 2, signal: null }), 'exited with code 2');
    assert.equal(describeEnd({ code: 1, signal: null }, 'panic: logged, then exit 1'), 'exited with code 1');
    assert.equal(describeEnd({ code: 0, signal: null }), 'exited with code 0');
  });

  it('names the signal, and a program that never started', () => {
    assert.equal(describeEnd({ code: null, signal: 'SIGKILL' }), 'was killed by SIGKILL');
    assert.equal(describeEnd({ code: null, signal: null }), 'could not start');
  });
});
