// One server for the end-to-end comparison: `node http-server.mjs <express|fastify|koa> <variant>`.
// Listens on 127.0.0.1 (a free port), reports the port to its parent over IPC, and exits
// when the parent disconnects (or dies). Every variant serves GET /users/42 by throwing.
import { createRequire } from 'node:module';
import { distUrl } from './lib.mjs';

const require = createRequire(import.meta.url);
const [framework, variant] = process.argv.slice(2);
const createError = require('http-errors');
const Boom = require('@hapi/boom');
const { NotFoundException, setCaptureStack } = await import(distUrl('index.js'));

// What the hand-written handler sends: byte for byte the body our adapters send for this route.
const CONSTANT_BODY = '{"type":"about:blank","title":"Not Found","status":404,"detail":"No user 42","instance":"/users/42"}';
const constantBuffer = Buffer.from(CONSTANT_BODY);
const PROBLEM_JSON = 'application/problem+json';

// The route throws our exception for our adapter, an http-errors error for the framework's default
// handling, a Boom error for the Boom handler, and a plain Error (the cheapest thing to throw) for
// the hand-written handler. Two more variants take the hand-written handler apart: one throws our
// exception to it (the exception's share), one serialises the same body per request instead of
// sending a constant (the share any real serialiser has to pay).
const thrown = {
  'typed-http-exceptions': () => new NotFoundException('No user 42'),
  'typed-http-exceptions, server-errors policy': () => new NotFoundException('No user 42'),
  'http-errors + default handler': () => createError(404, 'No user 42'),
  '@hapi/boom + problem-like handler': () => Boom.notFound('No user 42'),
  'hand-written handler': () => new Error('No user 42'),
  'hand-written handler, NotFoundException thrown': () => new NotFoundException('No user 42'),
  'hand-written handler, JSON.stringify per request': () => new Error('No user 42'),
}[variant];
if (thrown === undefined) throw new Error(`Unknown variant ${variant}`);
const ours = variant.startsWith('typed-http-exceptions');
const boom = variant.startsWith('@hapi/boom');
const handWritten = variant.startsWith('hand-written handler');
const serialised = variant === 'hand-written handler, JSON.stringify per request';

if (variant === 'typed-http-exceptions, server-errors policy') {
  // Set once at start, as an application would.
  setCaptureStack('server-errors');
  if (/\n\s+at /.test(new NotFoundException('x').stack)) throw new Error("'server-errors' policy: a 404 still captured a stack");
}

/** The problem body of a hand-written handler that serialises per request (same bytes as CONSTANT_BODY). */
function serialise(error, path) {
  return Buffer.from(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: error.message, instance: path }));
}

/** What a Boom user writes: `output.payload` as a problem-like body (the same bytes as ours). */
function boomBody(error, path) {
  const { payload } = error.output;
  return Buffer.from(JSON.stringify({ type: 'about:blank', title: payload.error, status: payload.statusCode, detail: payload.message, instance: path }));
}

/** The body any non-default, non-ours variant sends. */
function customBody(error, path) {
  if (boom) return boomBody(error, path);
  return serialised ? serialise(error, path) : constantBuffer;
}
const custom = boom || handWritten;

let server;
if (framework === 'express') {
  const express = require('express');
  const app = express();
  app.get('/users/:id', () => {
    throw thrown();
  });
  if (ours) {
    const { problemDetailsHandler } = await import(distUrl('adapters/express.js'));
    app.use(problemDetailsHandler());
  } else if (custom) {
    app.use((error, req, res, _next) => {
      const body = customBody(error, req.path);
      res.statusCode = boom ? error.output.statusCode : 404;
      res.setHeader('content-type', PROBLEM_JSON);
      res.setHeader('content-length', body.length);
      res.end(body);
    });
  } // else: Express's own final handler renders the http-errors error.
  server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
} else if (framework === 'fastify') {
  const fastify = require('fastify');
  const app = fastify({ logger: false });
  app.get('/users/:id', () => {
    throw thrown();
  });
  if (ours) {
    const { problemDetailsErrorHandler } = await import(distUrl('adapters/fastify.js'));
    app.setErrorHandler(problemDetailsErrorHandler());
  } else if (custom) {
    app.setErrorHandler((error, request, reply) => {
      reply
        .code(boom ? error.output.statusCode : 404)
        .type(PROBLEM_JSON)
        .send(customBody(error, request.url));
    });
  } // else: Fastify's default error handler serialises the http-errors error.
  await app.listen({ port: 0, host: '127.0.0.1' });
  server = app.server;
} else if (framework === 'koa') {
  const Koa = require('koa');
  const app = new Koa();
  // Koa errors are caught by the FIRST middleware, which wraps the rest.
  if (ours) {
    const { problemDetailsMiddleware } = await import(distUrl('adapters/koa.js'));
    app.use(problemDetailsMiddleware());
  } else if (custom) {
    app.use(async (ctx, next) => {
      try {
        await next();
      } catch (error) {
        ctx.status = boom ? error.output.statusCode : 404;
        ctx.body = customBody(error, ctx.path);
        ctx.set('content-type', PROBLEM_JSON);
      }
    });
  } // else: Koa's own ctx.onerror renders the http-errors error.
  // The route (no router package: a router's cost is the same for every variant).
  const route = /^\/users\/[^/]+$/;
  app.use((ctx) => {
    if (ctx.method === 'GET' && route.test(ctx.path)) throw thrown();
  });
  server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
} else {
  throw new Error(`Unknown framework ${framework}`);
}

process.on('disconnect', () => process.exit(0));
// The parent asks for the CPU time used so far, before and after each load: CPU time per request is
// what the handler costs, whatever else the machine is doing.
process.on('message', (message) => {
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send({ cpuMicros: user + system });
  }
});
process.send({ port: server.address().port });
