// Comparison 5: what the package adds to a bundle: esbuild (bundle, minify, ES2022, ESM output)
// of a module importing from the built ESM entries, then gzip (level 9) with node:zlib.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { distDir, report } from './lib.mjs';

const require = createRequire(import.meta.url);
const esbuild = require('esbuild');
const entry = JSON.stringify(join(distDir(), 'esm', 'index.js'));
const express = JSON.stringify(join(distDir(), 'esm', 'adapters', 'express.js'));

const BUNDLES = [
  // Used, so that tree shaking cannot drop it.
  { name: 'one class (NotFoundException)', source: `import { NotFoundException } from ${entry};\nexport const notFound = (detail) => new NotFoundException(detail);\n` },
  {
    name: 'NotFoundException + toProblemResponse',
    source: `import { NotFoundException, toProblemResponse } from ${entry};\nexport const respond = (detail) => toProblemResponse(new NotFoundException(detail));\n`,
  },
  { name: 'whole core (export *)', source: `export * from ${entry};\n` },
  { name: 'Express adapter (problemDetailsHandler)', source: `import { problemDetailsHandler } from ${express};\nexport const handler = problemDetailsHandler();\n` },
];

const results = [];
for (const bundle of BUNDLES) {
  const output = await esbuild.build({
    stdin: { contents: bundle.source, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    // Node's own modules are not part of a bundle (an adapter may import one).
    external: ['node:*'],
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = output.outputFiles[0].contents;
  results.push({ name: bundle.name, minifiedBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length });
}
report({ comparison: 'bundle-size', tool: `esbuild ${esbuild.version}, gzip -9 (node:zlib)`, results });
