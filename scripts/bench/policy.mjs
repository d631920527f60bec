// The capture-stack policy in the micro-benchmarks. `setCaptureStack` is process-global, so the
// 'server-errors' variant sets it around each of its own batches and restores it after; every
// other variant runs under the default ('always').
//
// That variant uses the CommonJS build, a second copy of the same code: the policy is shared by
// every copy (one cell under a registered symbol), but each copy's constructor keeps its own
// type feedback in V8. With one copy, the default variant's constructor would be optimised for
// both branches of the policy check, which no real process (that sets the policy once) sees.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { distDir, distUrl } from './lib.mjs';

const require = createRequire(import.meta.url);

/** The ESM build (default-policy variants) and the CommonJS build (the 'server-errors' variant). */
export async function loadOurs() {
  const ours = await import(distUrl('index.js'));
  const policyCopy = require(join(distDir(), 'cjs', 'index.js'));
  if (typeof policyCopy.setCaptureStack !== 'function') throw new Error('This build has no setCaptureStack');
  // Sanity: the variants measure what their names say.
  if (!hasFrames(new ours.NotFoundException('x'))) throw new Error('Default policy: a NotFoundException has no stack frames');
  const previous = policyCopy.setCaptureStack('server-errors');
  try {
    if (hasFrames(new policyCopy.NotFoundException('x'))) throw new Error("'server-errors' policy: a NotFoundException still captured a stack");
  } finally {
    policyCopy.setCaptureStack(previous);
  }
  if (!hasFrames(new ours.NotFoundException('x'))) throw new Error('The policy was not restored');
  return { ours, policyCopy };
}

/** `run(n)` under the 'server-errors' policy, restoring whatever was set before. */
export function withServerErrorsPolicy(copy, run) {
  return (n) => {
    const previous = copy.setCaptureStack('server-errors');
    try {
      return run(n);
    } finally {
      copy.setCaptureStack(previous);
    }
  };
}

function hasFrames(error) {
  return typeof error.stack === 'string' && /\n\s+at /.test(error.stack);
}
