import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  BadGatewayException,
  HttpException,
  InternalServerErrorException,
  NotFoundException,
  setCaptureStack,
  toProblemDetails,
  TooManyRequestsException,
  type CaptureStackPolicy,
} from '../src/index';

// Jest raises the limit (to 100); what matters is that it is left as it was.
const LIMIT = Error.stackTraceLimit;
const hasFrames = (error: Error) => typeof error.stack === 'string' && /\n\s+at /.test(error.stack);

describe('setCaptureStack and the captureStack option', () => {
  afterEach(() => setCaptureStack('always'));

  test('setCaptureStack returns the policy it replaces', () => {
    expect(setCaptureStack('never')).toBe('always');
    expect(setCaptureStack('server-errors')).toBe('never');
  });

  test("'always' is the default: every exception has its frames", () => {
    expect(hasFrames(new NotFoundException('No user 42'))).toBe(true);
    expect(hasFrames(new InternalServerErrorException())).toBe(true);
  });

  test("'server-errors': 4xx have a one-line stack, 5xx keep their frames", () => {
    // #region capture-stack
    setCaptureStack('server-errors'); // at start-up, once
    const notFound = new NotFoundException('No user 42');
    notFound.stack; // 'NotFoundException: No user 42': one line, no frames
    new BadGatewayException('upstream').stack; // 'BadGatewayException: upstream\n    at …'
    new NotFoundException('Not found here?!', { captureStack: true }); // this one has its frames
    // #endregion capture-stack
    expect(notFound.stack).toBe('NotFoundException: No user 42');
    expect(new TooManyRequestsException().stack).toBe('TooManyRequestsException: Too Many Requests');
    expect(hasFrames(new BadGatewayException('upstream'))).toBe(true);
    expect(hasFrames(new HttpException(503))).toBe(true);
    // Nothing else changes: message, status, instanceof, the problem.
    expect(notFound).toBeInstanceOf(Error);
    expect(notFound.message).toBe('No user 42');
    expect(toProblemDetails(notFound)).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42' });
  });

  test("'never': no exception captures frames; plain errors are not affected", () => {
    setCaptureStack('never');
    expect(new BadGatewayException('upstream').stack).toBe('BadGatewayException: upstream');
    expect(hasFrames(new Error('plain'))).toBe(true);
    expect(Error.stackTraceLimit).toBe(LIMIT);
  });

  test('the option overrides the policy either way', () => {
    setCaptureStack('never');
    expect(hasFrames(new NotFoundException('x', { captureStack: true }))).toBe(true);
    setCaptureStack('always');
    expect(new InternalServerErrorException('x', { captureStack: false }).stack).toBe('InternalServerErrorException: x');
  });

  test('a user subclass names itself in the one-line stack', () => {
    class UserNotFound extends NotFoundException {}
    setCaptureStack('never');
    expect(new UserNotFound('No user 7').stack).toBe('UserNotFound: No user 7');
  });

  test('Error.stackTraceLimit is restored even when the constructor throws', () => {
    setCaptureStack('never');
    expect(() => new HttpException(200)).toThrow(RangeError);
    expect(() => new NotFoundException('x', { title: 5 as unknown as string })).toThrow(TypeError);
    expect(Error.stackTraceLimit).toBe(LIMIT);
    expect(hasFrames(new Error('after'))).toBe(true);
  });

  test('debug output says when no stack was captured', () => {
    setCaptureStack('server-errors');
    const problem = toProblemDetails(new NotFoundException('No user 42'), { debug: true });
    expect(problem['stack']).toBe('NotFoundException: No user 42\n    (no stack trace captured: see setCaptureStack and the captureStack option)');
    const withFrames = toProblemDetails(new BadGatewayException('x'), { debug: true });
    expect(withFrames['stack']).toMatch(/^BadGatewayException: x\n\s+at /);
    expect(withFrames['stack']).not.toContain('no stack trace captured');
  });

  test('bad policies and options are TypeErrors', () => {
    for (const bad of ['sometimes', '', undefined, null, 1, true]) {
      expect(() => setCaptureStack(bad as unknown as CaptureStackPolicy)).toThrow(TypeError);
    }
    expect(() => setCaptureStack('ALWAYS' as CaptureStackPolicy)).toThrow("setCaptureStack needs 'always', 'server-errors' or 'never', got \"ALWAYS\"");
    expect(() => new NotFoundException('x', { captureStack: 'no' as unknown as boolean })).toThrow('options.captureStack must be a boolean');
    // A failed call leaves the policy as it was.
    expect(hasFrames(new NotFoundException())).toBe(true);
  });
});

describe('the policy is shared by every copy of the package (built ESM and CommonJS)', () => {
  test('set through the CommonJS build, obeyed by the ESM build', () => {
    const root = join(__dirname, '..');
    const script = `
      import { createRequire } from 'node:module';
      const esm = await import(${JSON.stringify(join(root, 'dist/esm/index.js'))});
      const cjs = createRequire(import.meta.url)(${JSON.stringify(join(root, 'dist/cjs/index.js'))});
      cjs.setCaptureStack('server-errors');
      console.log(JSON.stringify([new esm.NotFoundException('x').stack, new esm.BadGatewayException('y').stack.includes('\\n')]));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(['NotFoundException: x', true]);
  });
});
