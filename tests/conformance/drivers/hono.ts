import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { NotFoundException } from 'typed-http-exceptions';
import { toFetchResponse } from 'typed-http-exceptions/fetch';
import type { ConformanceDriver } from '../driver.js';
import { listenOn } from './serve-node.js';

/**
 * Hono with `app.onError((error, c) => toFetchResponse(error, { request: c.req.raw }))` and
 * `app.notFound(...)`, served by @hono/node-server. Hono gives app.onError only Errors; any
 * other thrown value comes back out of `app.fetch`, so the server's fetch function answers
 * it with `toFetchResponse` too (as examples/hono.ts does). Hono sends the Response that
 * app.onError returns as it is: headers set with `c.header()` before the error are not on it.
 * Not HTTP/2, for the reason given in ./fetch.ts (@hono/node-server over node:http2 then logs
 * ERR_HTTP2_INVALID_CONNECTION_HEADERS for a 426 and never answers).
 */
export const honoDriver: ConformanceDriver = {
  name: 'Hono',
  capabilities: {
    falsySyncThrow: 'problem',
    falsyRejection: 'problem',
    presetHeaders: false,
    startedResponse: false,
    http2: false,
    http2Head: false,
  },
  async start({ routes, options }) {
    const app = new Hono();
    for (const route of routes) {
      app.on(route.method, route.path, () => route.handler());
    }
    app.onError((error, c) => toFetchResponse(error, { ...options, request: c.req.raw }));
    app.notFound((c) => toFetchResponse(new NotFoundException(`No route for ${c.req.method} ${c.req.path}`), { ...options, request: c.req.raw }));
    const fetch = async (request: Request): Promise<Response> => {
      try {
        return await app.fetch(request);
      } catch (error: unknown) {
        return toFetchResponse(error, { ...options, request });
      }
    };
    const server = createAdaptorServer({ fetch }) as Server;
    const url = await listenOn(server);
    return {
      url,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  },
  requestTarget(request) {
    const url = new URL((request as Request).url);
    return `${url.pathname}${url.search}`;
  },
};
