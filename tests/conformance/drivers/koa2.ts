import type Koa from 'koa';
import { koaDriver } from './koa.js';

// `koa2` is the npm alias of koa@2, without types of its own; the API used is the same.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Koa2 = require('koa2') as typeof Koa;

/** Koa 2 with `problemDetailsMiddleware()` first. */
export const koa2Driver = koaDriver('Koa 2', Koa2, 2);
