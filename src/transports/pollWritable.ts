import { createRequire } from 'node:module';
import type { WASI } from 'node:wasi';

/** The part of the WebAssembly global used here (the project's lib, ES2023 without DOM, declares none). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}

/** What one look at a pipe's write end saw. */
export type PipeState = 'open' | 'gone' | 'unknown';

/** WASI's errno for a failed poll (uvwasi reports libuv's POLLERR status as EIO). */
const WASI_EIO = 29;
const EVENT_CLOCK = 0;
const EVENT_FD_WRITE = 2;
const CLOCK_MONOTONIC = 1;
/** Bounds the wait when the pipe is full (the reader is alive but slow): then we learn nothing. */
const WAIT_NS = 5_000_000n;
/** Memory layout: two 48-byte subscriptions, then two 32-byte events, then the event count. */
const SUBS = 0;
const EVENTS = 96;
const NEVENTS = 160;

/**
 * poll(2) on a pipe's write end, without writing: Node has no poll, but its WASI runtime (uvwasi)
 * implements `poll_oneoff` with libuv's uv_poll, which is poll/epoll on the real descriptor. On
 * Linux the write end of a pipe or FIFO whose last reader has gone reports POLLERR (fs/pipe.c
 * pipe_poll): the very condition that makes the next write fail with EPIPE. uvwasi polls on a
 * libuv loop of its own, so Node's own watcher on fd 1 is left alone. The module below is
 * the WebAssembly text
 *   (module (import "wasi_snapshot_preview1" "poll_oneoff" (func $p (param i32 i32 i32 i32) (result i32)))
 *     (memory (export "memory") 1)
 *     (func (export "poll") (param i32 i32 i32 i32) (result i32)
 *       local.get 0 local.get 1 local.get 2 local.get 3 call $p))
 * assembled by hand. Returns undefined where WASI is unavailable.
 */
export function pollWritable(fd: number): (() => PipeState) | undefined {
  let exports: { memory: { buffer: ArrayBuffer }; poll: (...pointers: number[]) => number };
  try {
    const wasi = loadWasi(fd);
    const { Module, Instance } = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;
    const instance = new Instance(new Module(pollModule()), { wasi_snapshot_preview1: wasi.wasiImport });
    wasi.initialize(instance);
    exports = instance.exports as typeof exports;
  } catch {
    return undefined;
  }
  const { memory, poll } = exports;
  const view = new DataView(memory.buffer);

  return () => {
    new Uint8Array(memory.buffer, 0, NEVENTS + 4).fill(0);
    view.setBigUint64(SUBS, 1n, true); // userdata
    view.setUint8(SUBS + 8, EVENT_FD_WRITE);
    view.setUint32(SUBS + 16, fd, true);
    view.setBigUint64(SUBS + 48, 2n, true);
    view.setUint8(SUBS + 48 + 8, EVENT_CLOCK);
    view.setUint32(SUBS + 48 + 16, CLOCK_MONOTONIC, true);
    view.setBigUint64(SUBS + 48 + 24, WAIT_NS, true); // relative timeout
    if (poll(SUBS, EVENTS, 2, NEVENTS) !== 0) return 'unknown';
    for (let i = 0; i < view.getUint32(NEVENTS, true); i++) {
      const event = EVENTS + 32 * i;
      if (view.getBigUint64(event, true) !== 1n) continue;
      return view.getUint16(event + 8, true) === WASI_EIO ? 'gone' : 'open';
    }
    return 'unknown'; // only the clock fired: the pipe is full
  };
}

/**
 * node:wasi prints "ExperimentalWarning: WASI is an experimental feature" to stderr when it loads;
 * a host would show that line on every start, so that one warning is dropped (loading is synchronous).
 */
function loadWasi(fd: number): WASI {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (!String(warning).includes('WASI')) Reflect.apply(emitWarning, process, [warning, ...rest]);
  }) as typeof process.emitWarning;
  try {
    const { WASI: Wasi } = createRequire(import.meta.url)('node:wasi') as typeof import('node:wasi');
    return new Wasi({ version: 'preview1', stdin: 0, stdout: fd, stderr: 2 });
  } finally {
    process.emitWarning = emitWarning;
  }
}

function pollModule(): Uint8Array {
  const name = (text: string) => [text.length, ...Buffer.from(text)];
  const section = (id: number, content: number[]) => [id, content.length, ...content];
  const i32 = 0x7f;
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, [1, 0x60, 4, i32, i32, i32, i32, 1, i32]), // type 0: (i32 × 4) → i32
    ...section(2, [1, ...name('wasi_snapshot_preview1'), ...name('poll_oneoff'), 0x00, 0]), // import func 0
    ...section(3, [1, 0]), // func 1 has type 0
    ...section(5, [1, 0x00, 1]), // one memory, one page
    ...section(7, [2, ...name('memory'), 0x02, 0, ...name('poll'), 0x00, 1]),
    ...section(10, [1, 12, 0, 0x20, 0, 0x20, 1, 0x20, 2, 0x20, 3, 0x10, 0, 0x0b]), // body of func 1
  ]);
}
