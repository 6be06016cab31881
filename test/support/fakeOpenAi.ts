/** Shared by the unit tests of the compressor and the in-host compressor tests. */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A scripted OpenAI-compatible server on 127.0.0.1 for the compressor tests; one reply per request. */

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as it is. */
  body?: unknown;
  /** Wait before sending anything. */
  delayMs?: number;
  /** Send the headers, then never the body. */
  stallAfterHeaders?: boolean;
  /** Send the headers, then this text over and over for as long as the client reads (bounded by `maxBytes`). */
  endlessBody?: string;
  /** Send the headers and this start of a body, then close the connection. */
  closeMidBody?: string;
}

/** An endless body stops here whatever the client does: the test server's own bound. */
const endlessBodyCap = 64 * 1024 * 1024;

export interface FakeServer {
  baseURL: string;
  requests: RecordedRequest[];
  /** Body bytes written so far by endless replies (what a client read, or had in flight, before it stopped). */
  endlessBytesSent(): number;
  close(): Promise<void>;
}

export async function startFakeOpenAi(
  script: (request: RecordedRequest, index: number) => ScriptedReply,
): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let endlessBytes = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // Kept as text.
      }
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(recorded);
      const reply = script(recorded, requests.length - 1);
      const send = (): void => {
        const isText = typeof reply.body === 'string';
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
        if (reply.stallAfterHeaders) {
          res.flushHeaders();
          return;
        }
        if (reply.closeMidBody !== undefined) {
          res.write(reply.closeMidBody, () => res.destroy());
          return;
        }
        if (reply.endlessBody !== undefined) {
          const chunk = Buffer.from(reply.endlessBody);
          const pump = (): void => {
            while (!res.destroyed && endlessBytes < endlessBodyCap) {
              endlessBytes += chunk.length;
              if (!res.write(chunk)) return void res.once('drain', pump);
            }
            if (!res.destroyed) res.end();
          };
          pump();
          return;
        }
        res.end(isText ? (reply.body as string) : JSON.stringify(reply.body ?? {}));
      };
      if (reply.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) send();
        }, reply.delayMs);
        timers.add(timer);
      } else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    endlessBytesSent: () => endlessBytes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A chat completion as an OpenAI-compatible server returns it. */
export function completion(content: string | null, finishReason = 'stop', model = 'test-mini'): object {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason }],
    usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 },
  };
}

export function apiError(message: string, type = 'invalid_request_error'): object {
  return { error: { message, type, code: null, param: null } };
}

/** A URL on 127.0.0.1 where nothing listens: a server is started and closed to get a free port. */
export async function closedPortURL(): Promise<string> {
  const server = await startFakeOpenAi(() => ({}));
  await server.close();
  return server.baseURL;
}
