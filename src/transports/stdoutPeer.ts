import { fstatSync, writeSync } from 'node:fs';
import { type PipeState, pollWritable } from './pollWritable.js';

/** Starts watching; calls `gone` once with a cause when nobody can read the descriptor any more. Returns stop. */
export type PeerWatch = (gone: (cause: string) => void) => () => void;

export interface StdoutPeerOptions {
  /** Default 1. */
  fd?: number;
  /** How often to look. Default 250 ms, so a closed stdout is noticed well within a second. */
  intervalMs?: number;
  /** Bytes our stream still holds: while a write is pending, that write meets EPIPE itself. */
  pending?: () => number;
}

/**
 * A host that closes only our stdout (stdin still open) would otherwise leave us idle until the
 * next answer meets EPIPE. Each look is the kernel's own answer to "would a write fail?", asked
 * without putting a byte on the wire, so a live reader is never mistaken for a gone one:
 * - a pipe or FIFO (Go, Python, Rust hosts, shell pipelines): poll(2) reports POLLERR on the
 *   write end once no reader is left (see pollWritable). A zero-byte write cannot tell (Linux's
 *   pipe_write returns 0 before it looks at the readers), nor can fstat, and scanning /proc for
 *   the reader misses readers in another PID namespace or user (a container's host).
 * - a socket (Node hosts: `spawn` gives the child a socketpair): a zero-byte write fails with
 *   EPIPE once the peer has closed or shut down reading (the kernel checks SEND_SHUTDOWN before
 *   copying anything), and sends nothing otherwise. Waiting for EOF on the read side would
 *   also fire for a peer that only half-closes and still reads.
 * Files, terminals and /dev/null have no reader to lose: nothing is watched.
 */
export function watchStdoutPeer(options: StdoutPeerOptions = {}): PeerWatch {
  const fd = options.fd ?? 1;
  return (gone) => {
    // Built at the first tick, not at start: loading WASI costs a few ms a first answer need not wait for.
    let look: Look | undefined;
    const timer = setInterval(() => {
      look ??= probeFor(fd);
      if (!look) return clearInterval(timer); // a file, a terminal: nothing to watch
      if ((options.pending?.() ?? 0) > 0) return;
      const state = look();
      if (state.startsWith('gone')) {
        clearInterval(timer);
        gone(state.slice('gone: '.length));
      }
    }, options.intervalMs ?? 250);
    timer.unref();
    return () => clearInterval(timer);
  };
}

type Look = () => 'open' | 'unknown' | `gone: ${string}`;

function probeFor(fd: number): Look | undefined {
  if (process.platform === 'win32') return undefined;
  let stat: ReturnType<typeof fstatSync>;
  try {
    stat = fstatSync(fd);
  } catch {
    return undefined;
  }
  if (stat.isFIFO()) {
    const poll = pollWritable(fd);
    return poll && (() => pipeLook(poll()));
  }
  if (stat.isSocket()) return () => socketLook(fd);
  return undefined;
}

function pipeLook(state: PipeState): ReturnType<Look> {
  return state === 'gone' ? 'gone: stdout closed (the pipe has no reader)' : state;
}

const NOTHING = Buffer.alloc(0);

function socketLook(fd: number): ReturnType<Look> {
  try {
    writeSync(fd, NOTHING);
    return 'open';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EPIPE' || code === 'ECONNRESET' || code === 'ENOTCONN'
      ? `gone: stdout closed (the socket's peer is gone, ${code})`
      : 'unknown';
  }
}
