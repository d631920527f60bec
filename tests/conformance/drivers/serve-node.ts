import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse, type Http2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { StartedServer } from '../driver.js';

/** A request listener that works on node:http and on node:http2's compatibility API. */
export type NodeListener = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => void;

/**
 * Serves `listener` on 127.0.0.1, port 0, over HTTP/1.1 or HTTP/2 cleartext (h2c). Closing
 * ends every open connection (and HTTP/2 session), so no test waits on keep-alive.
 */
export async function serveNode(listener: NodeListener, http2 = false): Promise<StartedServer> {
  if (http2) {
    const sessions = new Set<Http2Session>();
    const server = createHttp2Server(listener);
    server.on('session', (session) => {
      sessions.add(session);
      session.once('close', () => sessions.delete(session));
    });
    const url = await listenOn(server);
    return {
      url,
      close: () =>
        new Promise<void>((resolve) => {
          for (const session of sessions) session.destroy();
          server.close(() => resolve());
        }),
    };
  }
  const server: Server = createServer(listener as (req: IncomingMessage, res: ServerResponse) => void);
  const url = await listenOn(server);
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Listens on 127.0.0.1, port 0, and resolves to the base URL. */
export async function listenOn(server: { listen(port: number, host: string, callback: () => void): unknown; once(event: 'error', listener: (error: Error) => void): unknown; address(): unknown }): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The path of a request target, without its query string. */
export function pathOf(target: string | undefined): string {
  const path = (target ?? '/').split('?')[0];
  return path === undefined || path === '' ? '/' : path;
}

/** Finds the route for a method and path; HEAD runs the GET route, as most frameworks do. */
export function findRoute<R extends { readonly method: string; readonly path: string }>(routes: readonly R[], method: string | undefined, path: string): R | undefined {
  const wanted = method === 'HEAD' ? 'GET' : method;
  return routes.find((route) => route.method === wanted && route.path === path);
}
