import { koa3Driver } from './drivers/koa3.js';
import { runConformance } from './run-conformance.js';

runConformance(koa3Driver);
