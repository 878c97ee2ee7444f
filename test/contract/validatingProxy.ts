/**
 * A loopback HTTP proxy that forwards every exchange to a HubSpot-like server unchanged and records
 * where the request or the response departs from HubSpot's OpenAPI specs. It never blocks or
 * rewrites traffic, so the client under test sees exactly what the target answered.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { validateRequest, validateResponse } from './openapi.js';

export interface Violation {
  method: string;
  /** Path and query as the client sent them. */
  path: string;
  status: number;
  where: 'request' | 'response';
  problems: string[];
}

export interface ValidatingProxy {
  /** Base URL to give the client instead of the target's. */
  readonly url: string;
  /** Live list; cleared by reset(). */
  readonly violations: Violation[];
  /** Exchanges completed (answered) since start or the last reset(). */
  readonly exchanges: number;
  reset(): void;
  close(): Promise<void>;
}

// Connection-scoped headers (RFC 9110 §7.6.1) belong to each hop, not to the message.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
]);

interface Answer {
  status: number;
  statusMessage: string;
  rawHeaders: string[];
  contentType?: string;
  body: Buffer;
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Raw header pairs (flat name, value list) minus hop-by-hop ones and any names in `also`. */
function endToEnd(rawHeaders: string[], also: string[] = []): string[] {
  const kept: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] ?? '';
    const lower = name.toLowerCase();
    if (!HOP_BY_HOP.has(lower) && !also.includes(lower)) kept.push(name, rawHeaders[i + 1] ?? '');
  }
  return kept;
}

function hasHeader(rawHeaders: string[], name: string): boolean {
  return rawHeaders.some((value, i) => i % 2 === 0 && value.toLowerCase() === name);
}

export async function startValidatingProxy(options: { target: string }): Promise<ValidatingProxy> {
  const target = new URL(options.target);
  const transport = target.protocol === 'https:' ? https : http;
  // Keep-alive so hundreds of parallel exchanges reuse sockets instead of exhausting ports.
  const agent = new transport.Agent({ keepAlive: true });
  const prefix = target.pathname.replace(/\/$/, '');
  const violations: Violation[] = [];
  let exchanges = 0;

  function forward(req: http.IncomingMessage, body: Buffer, retried = false): Promise<Answer> {
    const headers = endToEnd(req.rawHeaders, ['host', 'content-length']);
    headers.push('host', target.host);
    // The body is buffered, so it goes out with an exact length whatever framing the client used.
    if (body.length > 0 || req.headers['content-length'] !== undefined) {
      headers.push('content-length', String(body.length));
    }
    return new Promise((resolve, reject) => {
      const upstream = transport.request(
        {
          protocol: target.protocol,
          hostname: target.hostname,
          port: target.port,
          method: req.method,
          path: `${prefix}${req.url ?? '/'}`,
          headers,
          agent,
        },
        (res) => {
          readAll(res).then(
            (answerBody) =>
              resolve({
                status: res.statusCode ?? 502,
                statusMessage: res.statusMessage ?? '',
                rawHeaders: res.rawHeaders,
                contentType: res.headers['content-type'],
                body: answerBody,
              }),
            reject,
          );
        },
      );
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        // A pooled socket the target closed while idle; Node's docs (`request.reusedSocket`)
        // recommend one retry on a fresh socket, otherwise tests would flake with spurious 502s.
        if (!retried && upstream.reusedSocket && error.code === 'ECONNRESET') {
          forward(req, body, true).then(resolve, reject);
        } else reject(error);
      });
      upstream.end(body);
    });
  }

  function record(
    method: string,
    path: string,
    status: number,
    where: Violation['where'],
    check: () => string[],
  ) {
    let problems: string[];
    try {
      problems = check();
    } catch (error) {
      problems = [`validator failed: ${error instanceof Error ? error.message : String(error)}`];
    }
    if (problems.length > 0) violations.push({ method, path, status, where, problems });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const body = await readAll(req);
    let answer: Answer;
    let unreachable: string | undefined;
    try {
      answer = await forward(req, body);
    } catch (error) {
      unreachable = error instanceof Error ? error.message : String(error);
      const text = JSON.stringify({
        status: 'error',
        message: `validating proxy: target failed: ${unreachable}`,
      });
      answer = {
        status: 502,
        statusMessage: 'Bad Gateway',
        rawHeaders: ['content-type', 'application/json'],
        contentType: 'application/json',
        body: Buffer.from(text),
      };
    }
    const { status } = answer;
    // Recorded before answering so a client that awaits its response sees the violations.
    record(method, path, status, 'request', () =>
      validateRequest({ method, path, body, contentType: req.headers['content-type'] }),
    );
    record(method, path, status, 'response', () =>
      unreachable
        ? [`target did not answer: ${unreachable}`]
        : validateResponse({ method, path, status, contentType: answer.contentType, body: answer.body }),
    );
    exchanges += 1;

    const headers = endToEnd(answer.rawHeaders);
    const bodiless = status === 204 || status === 304 || method === 'HEAD' || (status >= 100 && status < 200);
    if (!bodiless && !hasHeader(headers, 'content-length'))
      headers.push('content-length', String(answer.body.length));
    res.writeHead(status, answer.statusMessage, headers);
    res.end(bodiless ? undefined : answer.body);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Only reachable if the client connection itself broke; nothing left to answer.
      res.destroy(error instanceof Error ? error : undefined);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    violations,
    get exchanges() {
      return exchanges;
    },
    reset() {
      violations.length = 0;
      exchanges = 0;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
        agent.destroy();
      });
    },
  };
}
