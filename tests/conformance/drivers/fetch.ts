import { NotFoundException } from 'typed-http-exceptions';
import { toFetchResponse } from 'typed-http-exceptions/fetch';
import type { ConformanceDriver } from '../driver.js';
import { pathOf } from './serve-node.js';
import { serveFetch } from './serve-fetch.js';

/**
 * A plain fetch handler (no framework) whose errors become `toFetchResponse(error, { request })`,
 * served on node:http by a minimal bridge. A fetch handler only ever returns a whole Response:
 * it cannot set headers on, or start, a response before it fails. Not HTTP/2: a web Request does
 * not say which HTTP version carried it, so `toFetchResponse` cannot drop the headers HTTP/2
 * forbids (a 426's Upgrade); a Node bridge then fails to write that response.
 */
export const fetchDriver: ConformanceDriver = {
  name: 'fetch handler',
  capabilities: {
    falsySyncThrow: 'problem',
    falsyRejection: 'problem',
    presetHeaders: false,
    startedResponse: false,
    http2: false,
    http2Head: false,
  },
  start({ routes, options }) {
    return serveFetch(async (request) => {
      try {
        const path = pathOf(new URL(request.url).pathname);
        const wanted = request.method === 'HEAD' ? 'GET' : request.method;
        const route = routes.find((candidate) => candidate.method === wanted && candidate.path === path);
        if (route === undefined) throw new NotFoundException(`No route for ${request.method} ${path}`);
        return await route.handler();
      } catch (error: unknown) {
        return toFetchResponse(error, { ...options, request });
      }
    });
  },
  requestTarget(request) {
    const url = new URL((request as Request).url);
    return `${url.pathname}${url.search}`;
  },
};
