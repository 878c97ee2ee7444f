import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  type JSONRPCMessage,
  JSONRPCMessageSchema,
  type RequestId,
  RequestIdSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { invalidMessageAnswer } from './stdioMessages.js';
import type { PeerWatch } from './stdoutPeer.js';

/** The SDK stdio transport's limit: a longer line cannot be a message we would accept. */
export const MAX_LINE_BYTES = 10 * 1024 * 1024;

/**
 * Newline-delimited JSON-RPC over a pair of pipes, for a host that may vanish at any moment.
 * Unlike the SDK's StdioServerTransport it closes (once, with a cause) when stdin ends or fails,
 * when stdout fails (EPIPE) or closes, when `watchPeer` reports that nobody reads stdout any more,
 * or when a line exceeds MAX_LINE_BYTES, and after that it writes nothing; it answers a request with an id but an invalid shape instead of dropping it.
 * `onerror` gets one short Error per unusable line (never the parser's dump).
 */
export class PipeTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;
  /** Why it closed, once it has. */
  closeCause?: string;

  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly inFlight = new Set<RequestId>();
  private draining = false;
  /** Writers wait for one shared 'drain'; drain() callers for the last answer. Close releases both. */
  private drained?: { promise: Promise<void>; release: () => void };
  private readonly idle = new Set<() => void>();
  private stopPeerWatch?: () => void;
  // biome-ignore lint/suspicious/noExplicitAny: event listeners of several signatures, removed on close
  private readonly listeners: Array<[NodeJS.EventEmitter, string, (...args: any[]) => void]> = [];

  constructor(
    private readonly stdin: NodeJS.ReadableStream,
    private readonly stdout: NodeJS.WritableStream,
    private readonly watchPeer?: PeerWatch,
  ) {}

  async start(): Promise<void> {
    this.listen(this.stdin, 'data', (chunk: Buffer | string) => this.read(chunk));
    this.listen(this.stdin, 'end', () => this.closeWith('stdin ended'));
    this.listen(this.stdin, 'close', () => this.closeWith('stdin closed'));
    this.listen(this.stdin, 'error', (error: NodeJS.ErrnoException) =>
      this.closeWith(`stdin failed (${error.code ?? error.message})`),
    );
    this.listen(this.stdout, 'close', () => this.closeWith('stdout closed'));
    this.listen(this.stdout, 'error', (error: NodeJS.ErrnoException) =>
      this.closeWith(`stdout failed (${error.code ?? error.message})`),
    );
    this.stopPeerWatch = this.watchPeer?.((cause) => this.closeWith(cause));
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.closeCause === undefined) await this.write(`${JSON.stringify(message)}\n`);
    // Answered once the answer is flushed (or can never be): only then may drain() let us exit.
    if ('id' in message && !('method' in message)) this.settle(message.id);
  }

  async close(): Promise<void> {
    this.closeWith('closed by the server');
  }

  /**
   * Stop taking requests (later ones are answered "shutting down") and resolve once every request
   * already taken is answered, or the transport closed.
   */
  drain(): Promise<void> {
    this.draining = true;
    if (this.inFlight.size === 0 || this.closeCause !== undefined) return Promise.resolve();
    return new Promise((resolve) => this.idle.add(resolve));
  }

  // biome-ignore lint/suspicious/noExplicitAny: see listeners
  private listen(emitter: NodeJS.EventEmitter, event: string, fn: (...args: any[]) => void): void {
    emitter.on(event, fn);
    this.listeners.push([emitter, event, fn]);
  }

  private read(chunk: Buffer | string): void {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let end = data.indexOf(10); end !== -1; end = data.indexOf(10, start)) {
      const piece = data.subarray(start, end);
      start = end + 1;
      if (this.pendingBytes + piece.length > MAX_LINE_BYTES) {
        this.tooLong();
        return;
      }
      const line = this.pending.length > 0 ? Buffer.concat([...this.pending, piece]) : piece;
      this.pending = [];
      this.pendingBytes = 0;
      this.handle(line.toString('utf8'));
      if (this.closeCause !== undefined) return;
    }
    const rest = data.subarray(start);
    if (this.pendingBytes + rest.length > MAX_LINE_BYTES) {
      this.tooLong();
      return;
    }
    if (rest.length > 0) {
      this.pending.push(rest);
      this.pendingBytes += rest.length;
    }
  }

  private tooLong(): void {
    this.closeWith(`a line on stdin exceeds ${MAX_LINE_BYTES} bytes`);
  }

  private handle(line: string): void {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.onerror?.(new Error('ignored a line on stdin that is not JSON'));
      return;
    }
    const parsed = JSONRPCMessageSchema.safeParse(value);
    if (!parsed.success) {
      const answer = invalidMessageAnswer(value);
      const what = answer.reply ? 'answered an invalid request with an error' : 'ignored an invalid message';
      this.onerror?.(new Error(`${what}: ${answer.problem}`));
      if (answer.reply) void this.send(answer.reply);
      return;
    }
    const message = parsed.data;
    if ('method' in message && 'id' in message) {
      if (this.draining) {
        void this.send({
          jsonrpc: '2.0',
          id: message.id,
          error: { code: -32000, message: 'Server is shutting down' },
        });
        return;
      }
      this.inFlight.add(message.id);
    }
    this.onmessage?.(message);
    // The SDK sends no answer to a cancelled request.
    if ('method' in message && message.method === 'notifications/cancelled')
      this.settle(message.params?.requestId);
  }

  private settle(id: unknown): void {
    if (!RequestIdSchema.safeParse(id).success || !this.inFlight.delete(id as RequestId)) return;
    if (this.inFlight.size === 0) release(this.idle);
  }

  /** When stdout's buffer is full, every writer waits on the same single 'drain' listener. */
  private write(text: string): Promise<void> {
    if (this.stdout.write(text)) return Promise.resolve();
    if (!this.drained) {
      let release = () => {};
      const promise = new Promise<void>((resolve) => {
        release = () => {
          this.stdout.off('drain', release);
          this.drained = undefined;
          resolve();
        };
      });
      this.stdout.once('drain', release);
      this.drained = { promise, release };
    }
    return this.drained.promise;
  }

  private closeWith(cause: string): void {
    if (this.closeCause !== undefined) return;
    this.closeCause = cause;
    for (const [emitter, event, fn] of this.listeners) emitter.off(event, fn);
    this.stopPeerWatch?.();
    // Late errors from a dead pipe must not become uncaught exceptions.
    this.stdin.on('error', () => {});
    this.stdout.on('error', () => {});
    this.stdin.pause();
    this.pending = [];
    this.pendingBytes = 0;
    this.drained?.release();
    release(this.idle);
    this.onclose?.();
  }
}

function release(waiters: Set<() => void>): void {
  const all = [...waiters];
  waiters.clear();
  for (const resolve of all) resolve();
}
