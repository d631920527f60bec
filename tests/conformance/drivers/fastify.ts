import type { Http2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { NotFoundException } from 'typed-http-exceptions';
import { problemDetailsErrorHandler } from 'typed-http-exceptions/fastify';
import type { ConformanceDriver, ConformanceRoute } from '../driver.js';

/** Fastify 5 with `app.setErrorHandler(problemDetailsErrorHandler())` and a throwing not-found handler; HTTP/2 through `fastify({ http2: true })`. */
export const fastifyDriver: ConformanceDriver = {
  name: 'Fastify 5',
  capabilities: {
    falsySyncThrow: 'problem',
    falsyRejection: 'problem',
    presetHeaders: true,
    startedResponse: true,
    http2: true,
    http2Head: true,
    frameworkRequestId: true,
  },
  async start({ routes, options, http2 = false }) {
    // One type for both servers: the routes below use only what HTTP/1 and HTTP/2 replies share.
    const app = (http2 ? fastify({ http2: true }) : fastify()) as unknown as FastifyInstance;
    app.setErrorHandler(problemDetailsErrorHandler(options));
    app.setNotFoundHandler((request) => {
      throw new NotFoundException(`No route for ${request.method} ${request.url.split('?')[0]}`);
    });
    for (const route of routes) app.route({ method: route.method, url: route.path, handler: (_request, reply) => routeHandler(route, reply) });
    const sessions = new Set<Http2Session>();
    app.server.on('session', (session: Http2Session) => {
      sessions.add(session);
      session.once('close', () => sessions.delete(session));
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return {
      url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
      async close() {
        for (const session of sessions) session.destroy();
        if (!http2) app.server.closeAllConnections();
        await app.close();
      },
    };
  },
  requestTarget: (request) => (request as FastifyRequest).url,
};

function routeHandler(route: ConformanceRoute, reply: FastifyReply): Promise<never> {
  for (const [header, value] of Object.entries(route.setHeaders ?? {})) reply.header(header, value);
  if (route.startResponse === true) {
    reply.raw.writeHead(200, { 'content-type': 'text/plain' });
    reply.raw.write('partial');
  }
  return route.handler();
}
