import Koa from 'koa';
import { koaDriver } from './koa.js';

/** Koa 3 with `problemDetailsMiddleware()` first. */
export const koa3Driver = koaDriver('Koa 3', Koa, 3);
