/**
 * `npm run demo`: a real node:http server whose routes throw, one real request to each,
 * and the responses printed. Exits by itself.
 */
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  isHttpException,
  NotFoundException,
  TooManyRequestsException,
  UnauthorizedException,
  UnprocessableContentException,
} from 'typed-http-exceptions';
import { sendProblem } from 'typed-http-exceptions/node';

const routes: Record<string, () => never> = {
  '/users/42': () => {
    throw new NotFoundException('No user with id 42');
  },
  '/search': () => {
    throw new TooManyRequestsException('Search is limited to 10 requests a minute', { retryAfter: 30 });
  },
  '/people': () => {
    throw new UnprocessableContentException('2 fields are invalid', {
      errors: [
        { detail: 'must be a positive integer', pointer: '#/age' },
        { detail: 'must be an email address', pointer: '#/email' },
      ],
    });
  },
  '/account': () => {
    throw new UnauthorizedException('The access token expired', { wwwAuthenticate: 'Bearer realm="api", error="invalid_token"' });
  },
  '/report': () => {
    // A bug: the message (with a secret in it) must not reach the client.
    throw new Error('connect ECONNREFUSED postgres://report:s3cret@10.0.0.5/reports');
  },
};

const server = createServer((req, res) => {
  try {
    const route = routes[req.url ?? ''];
    if (route === undefined) throw new NotFoundException(`No route for ${req.method} ${req.url}`);
    route();
  } catch (error) {
    sendProblem(res, error, {
      // Sees every error before it is sanitised: log the unexpected ones.
      onError: (err) => {
        if (!isHttpException(err)) console.log(`  [server log] unexpected ${String(err)}`);
      },
    });
  }
});

function get(port: number, path: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    })
      .on('error', reject)
      .end();
  });
}

const SHOWN_HEADERS = ['content-type', 'retry-after', 'www-authenticate'];

server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address() as AddressInfo;
  console.log(`typed-http-exceptions demo: node:http server on http://127.0.0.1:${port}\n`);
  try {
    for (const path of Object.keys(routes)) {
      console.log(`GET ${path}`);
      const res = await get(port, path);
      console.log(`  HTTP ${res.status}`);
      for (const name of SHOWN_HEADERS) if (res.headers[name] !== undefined) console.log(`  ${name}: ${String(res.headers[name])}`);
      console.log(`  ${JSON.stringify(JSON.parse(res.body), null, 2).replace(/\n/g, '\n  ')}\n`);
    }
  } finally {
    server.close();
  }
});
