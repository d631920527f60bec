import { nestDriver } from './nest.js';

/** NestJS on its Fastify platform with `ProblemDetailsFilter` as a global filter. */
export const nestFastifyDriver = nestDriver('fastify');
