// One cold-import sample: `node cold-import-sample.mjs <esm|cjs> <file> <warm-up file>`, run in a fresh
// process. The loader is warmed first by importing an unrelated module (so its own start-up is not
// charged to the package), then the import of <file> is timed with performance.now(); the time is
// printed in milliseconds. It covers resolving, reading, compiling and evaluating the whole graph.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [format, file, warmup] = process.argv.slice(2);
const require = createRequire(import.meta.url);
if (format === 'cjs') require(warmup);
else await import(pathToFileURL(warmup).href);
const start = performance.now();
if (format === 'cjs') require(file);
else await import(pathToFileURL(file).href);
process.stdout.write(String(performance.now() - start));
