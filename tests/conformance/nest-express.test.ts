import { nestExpressDriver } from './drivers/nest-express.js';
import { runConformance } from './run-conformance.js';

runConformance(nestExpressDriver);
