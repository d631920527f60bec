import { nestFastifyDriver } from './drivers/nest-fastify.js';
import { runConformance } from './run-conformance.js';

runConformance(nestFastifyDriver);
