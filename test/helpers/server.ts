// A real HTTP server on 127.0.0.1 for tests: routes map a path to a handler or a fixed reply.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface StaticReply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: string | Uint8Array;
}

export interface TestServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** Replace or add a route while the server runs (to simulate a page changing). */
  route(path: string, reply: RouteHandler | StaticReply): void;
  /** Requests received, in order, as "METHOD /path". */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startServer(
  routes: Record<string, RouteHandler | StaticReply> = {},
): Promise<TestServer> {
  const table = new Map(Object.entries(routes));
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const reply = table.get(req.url ?? '/') ?? table.get(path);
    if (reply === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (typeof reply === 'function') {
      reply(req, res);
      return;
    }
    res.writeHead(reply.status ?? 200, {
      'content-type': 'text/html; charset=utf-8',
      ...reply.headers,
    });
    res.end(reply.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (path, reply) => {
      table.set(path, reply);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
