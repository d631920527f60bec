// h3 2 with RFC 9457 problem responses. Run: npx ts-node examples/h3.ts
import { createServer, type Server } from 'node:http';
// #region readme
import { H3, HTTPError, getRouterParam, toNodeHandler } from 'h3';
import { NotFoundException, TooManyRequestsException, UnprocessableEntityException } from 'typed-http-exceptions';
import { problemDetailsOnError } from 'typed-http-exceptions/h3';
// #endregion readme

/** Builds the app (tests serve it on port 0). */
export function createApp(): H3 {
  // #region readme
  const app = new H3({
    silent: true, // onError logs; without this h3 also prints every exception as "unhandled"
    onError: problemDetailsOnError({ onError: (error, event) => console.error(`${event.req.method} ${event.url.pathname}`, error) }),
  });

  app.get('/users/:id', (event) => {
    throw new NotFoundException(`No user ${getRouterParam(event, 'id')}`);
  });
  // h3's own HTTPError works too: status, message and headers are kept.
  app.get('/admin', () => {
    throw new HTTPError({ status: 401, message: 'Log in first', headers: { 'www-authenticate': 'Bearer realm="admin"' } });
  });
  // #endregion readme

  app.get('/search', () => {
    throw new TooManyRequestsException('Slow down', { retryAfter: 30 });
  });
  app.post('/users', () => {
    throw new UnprocessableEntityException('The user is not valid', { errors: [{ detail: 'must be a positive integer', pointer: '#/age' }] });
  });
  app.get('/boom', () => {
    throw new Error('database password is hunter2'); // the client sees a plain 500
  });
  // Any other path: h3's 404, sent as a problem.
  return app;
}

/** The app on node:http (not listening yet). */
export function createNodeServer(app: H3 = createApp()): Server {
  return createServer(toNodeHandler(app));
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  createNodeServer().listen(port, '127.0.0.1', () => console.log(`h3 listening on http://127.0.0.1:${port}`));
}
