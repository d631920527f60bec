// Comparison 1: constructing a 404 exception. Every variant builds an Error subclass (and so
// captures a stack); `new Error()` is the floor.
import { createRequire } from 'node:module';
import { compileLoop, distUrl, microBench, report, SCALE } from './lib.mjs';

const require = createRequire(import.meta.url);
const { NotFoundException } = await import(distUrl('index.js'));
const createError = require('http-errors');
const Boom = require('@hapi/boom');
const { NotFoundException: NestNotFoundException } = require('@nestjs/common');

const env = { NotFoundException, createError, Boom, NestNotFoundException, detail: 'No user 42' };
const use = 'value.message.length';
const variants = [
  { name: 'typed-http-exceptions', run: compileLoop(env, 'const C = env.NotFoundException, d = env.detail;', 'new C(d)', use) },
  { name: 'new Error()', run: compileLoop(env, 'const d = env.detail;', 'new Error(d)', use) },
  { name: 'http-errors', run: compileLoop(env, 'const f = env.createError, d = env.detail;', 'f(404, d)', use) },
  { name: '@hapi/boom', run: compileLoop(env, 'const B = env.Boom, d = env.detail;', 'B.notFound(d)', use) },
  { name: '@nestjs/common', run: compileLoop(env, 'const C = env.NestNotFoundException, d = env.detail;', 'new C(d)', use) },
];

report({ comparison: 'construct', results: microBench(variants, { rounds: Math.max(3, Math.round(15 * SCALE)), roundMs: 200 }) });
