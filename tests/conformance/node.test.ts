import { nodeDriver } from './drivers/node.js';
import { runConformance } from './run-conformance.js';

runConformance(nodeDriver);
