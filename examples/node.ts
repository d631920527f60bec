// Plain node:http with RFC 9457 problem responses. Run: npx ts-node examples/node.ts
// #region readme
import { createServer, type Server } from 'node:http';
import { NotFoundException, TooManyRequestsException, UnprocessableContentException } from 'typed-http-exceptions';
import { sendProblem } from 'typed-http-exceptions/node';
// #endregion readme

const users = new Map([[1, { id: 1, name: 'Ada' }]]);

async function route(method: string, path: string): Promise<unknown> {
  const match = /^\/users\/(\d+)$/.exec(path);
  if (method === 'GET' && match) {
    const user = users.get(Number(match[1]));
    if (!user) throw new NotFoundException(`No user ${match[1]}`);
    return user;
  }
  if (method === 'GET' && path === '/search') throw new TooManyRequestsException('Search is limited to 10 requests a minute', { retryAfter: 30 });
  if (method === 'POST' && path === '/users') {
    throw new UnprocessableContentException('The user is not valid', { errors: [{ detail: 'must be a non-empty string', pointer: '#/name' }] });
  }
  if (path === '/boom') throw new Error('database password is hunter2'); // the client sees a plain 500, never this message
  throw new NotFoundException(`No route for ${method} ${path}`);
}

/** Builds the server (tests start it on port 0). */
export function createApp(): Server {
  // #region readme
  return createServer(async (req, res) => {
    try {
      const result = await route(req.method ?? 'GET', new URL(req.url ?? '/', 'http://localhost').pathname);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    } catch (error) {
      sendProblem(res, error, { onError: (err, request) => console.error(`${request?.method} ${request?.url}`, err) });
    }
  });
  // #endregion readme
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  createApp().listen(port, '127.0.0.1', () => console.log(`Listening on http://127.0.0.1:${port}`));
}
