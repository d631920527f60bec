import { fetchDriver } from './drivers/fetch.js';
import { runConformance } from './run-conformance.js';

runConformance(fetchDriver);
