// Comparison 2: `toProblemResponse(new NotFoundException('x'))` against the floor: constructing
// an Error plus `JSON.stringify` of the same problem body as a literal.
import { compileLoop, distUrl, microBench, report, SCALE } from './lib.mjs';

const { NotFoundException, toProblemResponse } = await import(distUrl('index.js'));

const env = { NotFoundException, toProblemResponse };
const ours = compileLoop(env, 'const C = env.NotFoundException, f = env.toProblemResponse;', "f(new C('x'))", 'value.body.length');
const floor = compileLoop(
  env,
  '',
  "(new Error('x'), JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'x' }))",
  'value.length',
);
// Same output, so the comparison is like for like.
if (ours(1) !== floor(1)) throw new Error(`Bodies differ: ${toProblemResponse(new NotFoundException('x')).body}`);

const variants = [
  { name: 'typed-http-exceptions', run: ours },
  { name: 'new Error() + JSON.stringify', run: floor },
];
report({ comparison: 'problem-response', results: microBench(variants, { rounds: Math.max(3, Math.round(15 * SCALE)), roundMs: 200 }) });
