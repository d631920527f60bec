// hapi 21 with RFC 9457 problem responses. Run: npx ts-node examples/hapi.ts
// #region readme
import Boom from '@hapi/boom';
import * as Hapi from '@hapi/hapi';
import { NotFoundException, TooManyRequestsException, UnprocessableEntityException } from 'typed-http-exceptions';
import { problemDetailsFailAction, problemDetailsPlugin } from 'typed-http-exceptions/hapi';
// #endregion readme

/** Builds the server, not started yet (tests use port 0). */
export async function createServer(port = 0): Promise<Hapi.Server> {
  // #region readme
  const server = Hapi.server({
    port,
    host: '127.0.0.1',
    // Optional: list each failed field of a route validation in `errors`.
    routes: { validate: { failAction: problemDetailsFailAction } },
  });
  await server.register({
    plugin: problemDetailsPlugin,
    options: { onError: (error, request) => console.error(`${request.method.toUpperCase()} ${request.path}`, error) },
  });

  server.route({
    method: 'GET',
    path: '/users/{id}',
    handler: (request) => {
      throw new NotFoundException(`No user ${request.params['id']}`);
    },
  });
  // Boom errors work too: status, message and headers (here WWW-Authenticate) are kept.
  server.route({
    method: 'GET',
    path: '/admin',
    handler: () => {
      throw Boom.unauthorized('Log in first', 'Bearer', { realm: 'admin' });
    },
  });
  // #endregion readme

  server.route({
    method: 'GET',
    path: '/search',
    handler: () => {
      throw new TooManyRequestsException('Slow down', { retryAfter: 30 });
    },
  });
  server.route({
    method: 'POST',
    path: '/users',
    handler: () => {
      throw new UnprocessableEntityException('The user is not valid', { errors: [{ detail: 'must be a positive integer', pointer: '#/age' }] });
    },
  });
  server.route({
    method: 'GET',
    path: '/boom',
    handler: () => {
      throw new Error('database password is hunter2'); // the client sees a plain 500
    },
  });
  // Any other path: hapi's own 404, sent as a problem.
  return server;
}

if (require.main === module) {
  void createServer(Number(process.env.PORT ?? 3000)).then(async (server) => {
    await server.start();
    console.log(`hapi listening on ${server.info.uri}`);
  });
}
