import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** Starts a Fastify app on 127.0.0.1, port 0, and resolves to its base URL. */
export async function start(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Closes a Fastify app, ending open connections so no test waits on keep-alive. */
export async function stop(app: FastifyInstance): Promise<void> {
  app.server.closeAllConnections();
  await app.close();
}
