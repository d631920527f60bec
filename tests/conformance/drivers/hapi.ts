import * as Hapi from '@hapi/hapi';
import { problemDetailsPlugin } from 'typed-http-exceptions/hapi';
import type { ConformanceDriver } from '../driver.js';

/**
 * hapi 21 with `await server.register({ plugin: problemDetailsPlugin, options })`, on
 * 127.0.0.1, port 0. A request no route matches is hapi's own 404 (a Boom), which the plugin
 * sends as a problem; hapi answers HEAD with the GET route. A hapi handler returns (or throws)
 * a whole response: it has no way to set headers on, or start, the response an error will
 * replace. Not HTTP/2: hapi 21 does not support node:http2 as its listener.
 */
export const hapiDriver: ConformanceDriver = {
  name: 'hapi 21',
  capabilities: {
    falsySyncThrow: 'problem',
    falsyRejection: 'problem',
    presetHeaders: false,
    startedResponse: false,
    http2: false,
    http2Head: false,
    frameworkRequestId: true,
  },
  async start({ routes, options }) {
    const server = Hapi.server({ port: 0, host: '127.0.0.1' });
    if (options === undefined) await server.register(problemDetailsPlugin);
    else await server.register({ plugin: problemDetailsPlugin, options });
    for (const route of routes) server.route({ method: route.method, path: route.path, handler: () => route.handler() });
    await server.start();
    return { url: server.info.uri, close: () => server.stop({ timeout: 0 }) };
  },
  requestTarget: (request) => (request as Hapi.Request).raw.req.url,
};
