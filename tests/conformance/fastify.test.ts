import { fastifyDriver } from './drivers/fastify.js';
import { runConformance } from './run-conformance.js';

runConformance(fastifyDriver);
