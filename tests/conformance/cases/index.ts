import type { CaseGroup } from '../suite.js';
import { headerPolicy } from './header-policy.js';
import { head } from './head.js';
import { hooks } from './hooks.js';
import { http2 } from './http2.js';
import { negotiation } from './negotiation.js';
import { options } from './options.js';
import { startedResponse } from './started-response.js';
import { statuses } from './statuses.js';
import { thrownValues } from './thrown-values.js';

/** Every shared case group, in the order they run. */
export const CASE_GROUPS: readonly CaseGroup[] = [statuses, thrownValues, headerPolicy, head, hooks, startedResponse, options, http2, negotiation];
