// Comparison 2: `toProblemResponse(new NotFoundException('x'))` against the floor: constructing
// an Error plus `JSON.stringify` of the same problem body as a literal. Ours under the default
// policy and under 'server-errors' (see policy.mjs).
import { compileLoop, microBench, report, SCALE } from './lib.mjs';
import { loadOurs, withServerErrorsPolicy } from './policy.mjs';

const { ours: esm, policyCopy } = await loadOurs();

const env = { NotFoundException: esm.NotFoundException, toProblemResponse: esm.toProblemResponse, copy: policyCopy };
const ours = compileLoop(env, 'const C = env.NotFoundException, f = env.toProblemResponse;', "f(new C('x'))", 'value.body.length');
const oursPolicy = compileLoop(env, 'const C = env.copy.NotFoundException, f = env.copy.toProblemResponse;', "f(new C('x'))", 'value.body.length');
const floor = compileLoop(
  env,
  '',
  "(new Error('x'), JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'x' }))",
  'value.length',
);
// Same output, so the comparison is like for like.
if (ours(1) !== floor(1) || oursPolicy(1) !== floor(1)) throw new Error(`Bodies differ: ${esm.toProblemResponse(new esm.NotFoundException('x')).body}`);

const variants = [
  { name: 'typed-http-exceptions', run: ours },
  { name: 'typed-http-exceptions, server-errors policy', run: withServerErrorsPolicy(policyCopy, oursPolicy) },
  { name: 'new Error() + JSON.stringify', run: floor },
];
report({ comparison: 'problem-response', results: microBench(variants, { rounds: Math.max(3, Math.round(15 * SCALE)), roundMs: 200 }) });
