import type { Server } from 'node:http';
import type { Http2Server, Http2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Module, Post, Res, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { Request, Response } from 'express';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemDetailsFilter } from 'typed-http-exceptions/nestjs';
import type { ConformanceDriver, ConformanceRoute } from '../driver.js';

type Platform = 'express' | 'fastify';

/**
 * NestJS 11 with `app.useGlobalFilters(new ProblemDetailsFilter())` on the Express or the
 * Fastify platform. Unmatched routes are Nest's own NotFoundException (`Cannot GET /x`). The
 * routes are one controller built from the route list with Nest's own decorators; `@Res({
 * passthrough: true })` gives them the platform's response for the headers they set first.
 * HTTP/2 on the Fastify platform only (`new FastifyAdapter({ http2: true })`); Express does not
 * run on node:http2.
 */
export function nestDriver(platform: Platform): ConformanceDriver {
  return {
    name: platform === 'express' ? 'Nest (Express platform)' : 'Nest (Fastify platform)',
    capabilities: {
      falsySyncThrow: 'problem',
      falsyRejection: 'problem',
      presetHeaders: true,
      startedResponse: true,
      http2: platform === 'fastify',
      http2Head: platform === 'fastify',
      frameworkRequestId: platform === 'fastify',
    },
    async start({ routes, options, http2 = false }) {
      const module = nestModule(routes, platform);
      const adapter = platform === 'express' ? new ExpressAdapter() : http2 ? new FastifyAdapter<Http2Server>({ http2: true }) : new FastifyAdapter();
      const app: INestApplication = await NestFactory.create(module, adapter, { logger: false });
      app.useGlobalFilters(new ProblemDetailsFilter(options));
      const server = app.getHttpServer() as Server | Http2Server;
      const sessions = new Set<Http2Session>();
      server.on('session', (session: Http2Session) => {
        sessions.add(session);
        session.once('close', () => sessions.delete(session));
      });
      await app.listen(0, '127.0.0.1');
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return {
        url,
        async close() {
          for (const session of sessions) session.destroy();
          if ('closeAllConnections' in server) server.closeAllConnections();
          await app.close();
        },
      };
    },
    requestTarget: (request) => (platform === 'express' ? (request as Request).originalUrl : (request as FastifyRequest).url),
  };
}

/** A module with one controller whose methods are the routes, decorated as a Nest app would be. */
function nestModule(routes: readonly ConformanceRoute[], platform: Platform): Type<unknown> {
  class ConformanceController {}
  const prototype = ConformanceController.prototype as unknown as Record<string, unknown>;
  routes.forEach((route, index) => {
    const key = `route${index}`;
    prototype[key] = (response: Response | FastifyReply): Promise<never> => routeHandler(route, response, platform);
    const descriptor = Object.getOwnPropertyDescriptor(prototype, key) as PropertyDescriptor;
    (route.method === 'GET' ? Get : Post)(route.path)(prototype, key, descriptor);
    Res({ passthrough: true })(prototype, key, 0);
  });
  Controller()(ConformanceController);
  class ConformanceModule {}
  Module({ controllers: [ConformanceController] })(ConformanceModule);
  return ConformanceModule;
}

function routeHandler(route: ConformanceRoute, response: Response | FastifyReply, platform: Platform): Promise<never> {
  const raw = platform === 'express' ? (response as Response) : (response as FastifyReply).raw;
  for (const [header, value] of Object.entries(route.setHeaders ?? {})) {
    if (platform === 'express') (response as Response).setHeader(header, value);
    else (response as FastifyReply).header(header, value);
  }
  if (route.startResponse === true) {
    raw.writeHead(200, { 'content-type': 'text/plain' });
    raw.write('partial');
  }
  return route.handler();
}
