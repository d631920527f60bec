import { koa2Driver } from './drivers/koa2.js';
import { runConformance } from './run-conformance.js';

runConformance(koa2Driver);
