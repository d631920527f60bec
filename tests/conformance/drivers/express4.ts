import type express from 'express';
import { expressDriver } from './express.js';

// `express4` is the npm alias of express@4, without types of its own; the API used is the same.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const express4 = require('express4') as typeof express;

/** Express 4 with `problemDetailsHandler()` as the last middleware. */
export const express4Driver = expressDriver('Express 4', express4, 4);
