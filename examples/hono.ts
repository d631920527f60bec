// Hono with RFC 9457 problem responses. Run: npx ts-node examples/hono.ts
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { NotFoundException, TooManyRequestsException, UnprocessableEntityException } from 'typed-http-exceptions';
import { toFetchResponse } from 'typed-http-exceptions/fetch';

export function createApp(): Hono {
  const app = new Hono();
  app.get('/users/:id', (c) => {
    throw new NotFoundException(`No user ${c.req.param('id')}`);
  });
  app.get('/search', () => {
    throw new TooManyRequestsException('Slow down', { retryAfter: 30 });
  });
  app.post('/users', () => {
    throw new UnprocessableEntityException('The user is not valid', { errors: [{ detail: 'must be a positive integer', pointer: '#/age' }] });
  });
  app.get('/boom', () => {
    throw new Error('database password is hunter2'); // the client sees a plain 500
  });

  const onError = (error: unknown, request: Request | undefined): void => console.error(`${request?.method} ${request?.url}`, error);
  app.onError((error, c) => toFetchResponse(error, { request: c.req.raw, onError }));
  app.notFound((c) => toFetchResponse(new NotFoundException(`No route for ${c.req.path}`), { request: c.req.raw }));
  return app;
}

/** Serves the app on node:http (not listening yet) with @hono/node-server. */
export function createNodeServer(app: Hono = createApp()): Server {
  return createAdaptorServer({
    // Hono hands values that are not Errors (`throw 'x'`, `throw null`) back to the caller
    // instead of to onError: answer those with a problem too.
    fetch: async (request: Request) => {
      try {
        return await app.fetch(request);
      } catch (error) {
        return toFetchResponse(error, { request });
      }
    },
  }) as Server;
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3000);
  createNodeServer().listen(port, '127.0.0.1', () => console.log(`Hono listening on http://127.0.0.1:${port}`));
}
