/**
 * Problem types across the ESM and the CommonJS build loaded side by side: the sources bundled by
 * esbuild into both formats (as `npm run build` does), then one Node process that loads both.
 */
import { buildSync } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'problem-types-copies-'));
  for (const [format, outfile] of [['esm', 'copy.mjs'], ['cjs', 'copy.cjs']] as const) {
    buildSync({ entryPoints: [join(root, 'src/index.ts')], bundle: true, format, platform: 'node', target: 'node20', outfile: join(scratch, outfile), logLevel: 'error' });
  }
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('a problem type defined by either build is recognised by the other', () => {
  const script = `
    import { createRequire } from 'node:module';
    import * as esm from ${JSON.stringify(join(scratch, 'copy.mjs'))};
    const require = createRequire(${JSON.stringify(join(root, 'package.json'))});
    const cjs = require(${JSON.stringify(join(scratch, 'copy.cjs'))});
    const { z } = require('zod');
    if (esm.ForbiddenException === cjs.ForbiddenException) throw new Error('expected two copies');
    const definition = { type: 'https://example.com/problems/out-of-credit', status: 403, title: 'Out of credit', code: 'OUT_OF_CREDIT', extensions: z.object({ balance: z.number() }) };
    const EsmOutOfCredit = esm.defineProblemType(definition);
    const CjsOutOfCredit = cjs.defineProblemType(definition);
    const fromCjs = new CjsOutOfCredit('x', { extensions: { balance: 30 } });
    const fromEsm = new EsmOutOfCredit('x', { extensions: { balance: 30 } });
    console.log(JSON.stringify({
      cjsInstanceofEsmType: fromCjs instanceof EsmOutOfCredit,
      esmInstanceofCjsType: fromEsm instanceof CjsOutOfCredit,
      cjsInstanceofEsmForbidden: fromCjs instanceof esm.ForbiddenException,
      cjsInstanceofEsmClient: fromCjs instanceof esm.ClientErrorException,
      esmGuardOnCjs: esm.isHttpException(fromCjs),
      notAnotherType: fromCjs instanceof esm.defineProblemType({ ...definition, type: 'https://example.com/problems/other' }),
      notNotFound: fromCjs instanceof esm.NotFoundException,
      esmBodyOfCjs: esm.toProblemDetails(fromCjs),
      name: fromCjs.name,
    }));
  `;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: scratch, encoding: 'utf8' });
  expect(JSON.parse(output)).toEqual({
    cjsInstanceofEsmType: true,
    esmInstanceofCjsType: true,
    cjsInstanceofEsmForbidden: true,
    cjsInstanceofEsmClient: true,
    esmGuardOnCjs: true,
    notAnotherType: false,
    notNotFound: false,
    esmBodyOfCjs: { type: 'https://example.com/problems/out-of-credit', title: 'Out of credit', status: 403, detail: 'x', code: 'OUT_OF_CREDIT', balance: 30 },
    name: 'OutOfCredit',
  });
});
