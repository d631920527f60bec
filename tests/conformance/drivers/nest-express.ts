import { nestDriver } from './nest.js';

/** NestJS on its Express platform with `ProblemDetailsFilter` as a global filter. */
export const nestExpressDriver = nestDriver('express');
