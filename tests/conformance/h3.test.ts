import { h3Driver } from './drivers/h3.js';
import { runConformance } from './run-conformance.js';

// h3 2 is ESM-only: Jest on Node 20 loads it bundled to CommonJS (tests/helpers/esm-as-commonjs.ts).
jest.mock('h3', () => jest.requireActual<typeof import('../helpers/esm-as-commonjs')>('../helpers/esm-as-commonjs').loadAsCommonJs('h3'));

runConformance(h3Driver);
