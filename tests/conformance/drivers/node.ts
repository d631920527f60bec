import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';
import { NotFoundException } from 'typed-http-exceptions';
import { sendProblem } from 'typed-http-exceptions/node';
import type { ConformanceDriver } from '../driver.js';
import { findRoute, pathOf, serveNode } from './serve-node.js';

/** Plain node:http (and node:http2's compatibility API): the handler's errors go to `sendProblem(res, error)`. */
export const nodeDriver: ConformanceDriver = {
  name: 'node:http',
  capabilities: {
    falsySyncThrow: 'problem',
    falsyRejection: 'problem',
    presetHeaders: true,
    startedResponse: true,
    http2: true,
    http2Head: true,
  },
  start({ routes, options, http2 = false }) {
    return serveNode((req, res) => {
      const path = pathOf(req.url);
      // Promise.resolve().then: a synchronous throw and a rejection end up in the same catch.
      Promise.resolve()
        .then(() => {
          const route = findRoute(routes, req.method, path);
          if (route === undefined) throw new NotFoundException(`No route for ${req.method} ${path}`);
          for (const [header, value] of Object.entries(route.setHeaders ?? {})) res.setHeader(header, value);
          if (route.startResponse === true) {
            // HTTP/1 and HTTP/2 responses share this call; their typings do not.
            (res as ServerResponse).writeHead(200, { 'content-type': 'text/plain' }).write('partial');
          }
          return route.handler();
        })
        .catch((error: unknown) => sendProblem(res, error, options));
    }, http2);
  },
  requestTarget: (request) => (request as IncomingMessage | Http2ServerRequest | undefined)?.url,
};
