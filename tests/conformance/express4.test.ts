import { express4Driver } from './drivers/express4.js';
import { runConformance } from './run-conformance.js';

runConformance(express4Driver);
