// Preloaded by `npm run demo` and the `example:*` scripts (`ts-node -r ./scripts/run-from-source.cjs`):
// resolves `typed-http-exceptions` and its subpaths to the TypeScript sources, as tsconfig.json's
// `paths` and jest.config.ts do, so the examples run on a fresh clone without a build.
const Module = require('node:module');
const { join } = require('node:path');
const pkg = require('../package.json');

const root = join(__dirname, '..');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  // The sources import './x.js' (what Node's ESM needs); from a .ts file that is './x.ts'.
  if (request.startsWith('.') && request.endsWith('.js') && parent?.filename?.endsWith('.ts')) {
    request = request.slice(0, -3) + '.ts';
  }
  if (request === pkg.name || request.startsWith(`${pkg.name}/`)) {
    const target = pkg.exports[`.${request.slice(pkg.name.length)}`];
    if (target !== undefined && typeof target === 'object') {
      request = join(root, target.require.default.replace('./dist/cjs/', 'src/').replace(/\.js$/, '.ts'));
    }
  }
  return resolveFilename.call(this, request, parent, ...rest);
};
