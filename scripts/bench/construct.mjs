// Comparison 1: constructing a 404 exception. `new Error()` is the floor and a bare
// `class extends Error {}` the cost of any subclass; every variant captures a stack, except ours
// under the 'server-errors' policy (a 404 is an answer: no stack), which is the point of it.
import { createRequire } from 'node:module';
import { compileLoop, microBench, report, SCALE } from './lib.mjs';
import { withServerErrorsPolicy, loadOurs } from './policy.mjs';

const require = createRequire(import.meta.url);
const { ours, policyCopy } = await loadOurs();
const createError = require('http-errors');
const Boom = require('@hapi/boom');
const { NotFoundException: NestNotFoundException } = require('@nestjs/common');

const env = {
  NotFoundException: ours.NotFoundException,
  PolicyNotFoundException: policyCopy.NotFoundException,
  createError,
  Boom,
  NestNotFoundException,
  detail: 'No user 42',
};
const use = 'value.message.length';
const variants = [
  { name: 'typed-http-exceptions', run: compileLoop(env, 'const C = env.NotFoundException, d = env.detail;', 'new C(d)', use) },
  {
    name: 'typed-http-exceptions, server-errors policy',
    run: withServerErrorsPolicy(policyCopy, compileLoop(env, 'const C = env.PolicyNotFoundException, d = env.detail;', 'new C(d)', use)),
  },
  { name: 'new Error()', run: compileLoop(env, 'const d = env.detail;', 'new Error(d)', use) },
  { name: 'class extends Error {}', run: compileLoop(env, 'class NotFound extends Error {}\n    const d = env.detail;', 'new NotFound(d)', use) },
  { name: 'http-errors', run: compileLoop(env, 'const f = env.createError, d = env.detail;', 'f(404, d)', use) },
  { name: '@hapi/boom', run: compileLoop(env, 'const B = env.Boom, d = env.detail;', 'B.notFound(d)', use) },
  { name: '@nestjs/common', run: compileLoop(env, 'const C = env.NestNotFoundException, d = env.detail;', 'new C(d)', use) },
];

report({ comparison: 'construct', results: microBench(variants, { rounds: Math.max(3, Math.round(15 * SCALE)), roundMs: 200 }) });
