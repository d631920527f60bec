import { express5Driver } from './drivers/express5.js';
import { runConformance } from './run-conformance.js';

runConformance(express5Driver);
