import { hapiDriver } from './drivers/hapi.js';
import { runConformance } from './run-conformance.js';


runConformance(hapiDriver);
