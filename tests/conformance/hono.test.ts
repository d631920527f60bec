import { honoDriver } from './drivers/hono.js';
import { runConformance } from './run-conformance.js';

runConformance(honoDriver);
