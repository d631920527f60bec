/**
 * Runs the fixture app in Bun, Deno and workerd as real processes: finds each binary (the
 * `bun`, `deno` and `workerd` dev dependencies), installs the built ESM package with the
 * fixtures into a scratch project, starts a server and stops it.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { moduleGraph } from './esm-graph.js';

export const root = join(__dirname, '..', '..');

/** The runtimes under test, by their npm package (and binary) name. */
export type RuntimeName = 'bun' | 'deno' | 'workerd';

/** The built files the fixture imports: the core and `/fetch`, ESM only. */
export const ESM_ENTRIES = ['dist/esm/index.js', 'dist/esm/adapters/fetch.js'] as const;

/** A runtime binary and the version it reports. */
export interface RuntimeBinary {
  readonly name: RuntimeName;
  readonly path: string;
  /** From `--version`: `1.4.5` (bun), `2.9.6` (deno), `2026-11-17` (workerd, its build date). */
  readonly version: string;
}

const VERSION_PATTERN: Record<RuntimeName, RegExp> = {
  bun: /^(\d+\.\d+\.\d+\S*)/,
  deno: /^deno (\d+\.\d+\.\d+\S*)/,
  workerd: /^workerd (\d{4}-\d{2}-\d{2})/,
};

const DEFAULT_BIN_DIR = join(root, 'node_modules', '.bin');

/**
 * Bun's own binary, from the platform package npm installs beside `bun` (`@oven/bun-linux-x64` …).
 * The `bun` package's bin shim is replaced by that binary only by its postinstall script, which
 * this project does not run (`allowScripts`), so on a clean `npm ci` the shim just says so.
 */
function bunPlatformBinary(): string | undefined {
  const arch = process.arch === 'arm64' ? 'aarch64' : process.arch;
  for (const variant of ['', '-baseline', '-musl', '-musl-baseline']) {
    const path = join(root, 'node_modules', '@oven', `bun-${process.platform}-${arch}${variant}`, 'bin', 'bun');
    if (existsSync(path)) return path;
  }
  return undefined;
}

/**
 * The binary from node_modules/.bin (or `binDir`; Bun's from its platform package), checked by running `--version`. Throws a
 * message that says what is wrong: these are dev dependencies, so a missing one fails the test
 * instead of skipping it.
 */
export function runtimeBinary(name: RuntimeName, binDir = DEFAULT_BIN_DIR): RuntimeBinary {
  const path = (binDir === DEFAULT_BIN_DIR && name === 'bun' ? bunPlatformBinary() : undefined) ?? join(binDir, name);
  const hint = `It comes with the "${name}" dev dependency (run npm ci); its binary needs no install script.`;
  if (!existsSync(path)) throw new Error(`${name} is not installed: ${path} does not exist. ${hint}`);
  let output: string;
  try {
    output = execFileSync(path, ['--version'], { encoding: 'utf8', stdio: 'pipe', timeout: 20_000, env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' } });
  } catch (error) {
    throw new Error(`${name} cannot run: \`${path} --version\` failed: ${error instanceof Error ? error.message : String(error)}. ${hint}`);
  }
  const version = VERSION_PATTERN[name].exec(output.trim())?.[1];
  if (version === undefined) throw new Error(`${name}: unexpected \`--version\` output ${JSON.stringify(output)}`);
  return { name, path, version };
}

/** A scratch project with the package installed from the built ESM output alone. */
export interface ScratchProject {
  /** The project: `package.json` (depends on typed-http-exceptions), `app/` (the fixtures), `node_modules/`. */
  readonly dir: string;
  /** `node_modules/typed-http-exceptions`: the repository's package.json and `dist/esm/**`, nothing else. */
  readonly packageDir: string;
}

/**
 * Installs the package into a scratch project as a consumer would have it, minus the CommonJS
 * build: `node_modules/typed-http-exceptions` holds package.json and dist/esm only, and the
 * fixtures sit in `app/`. Copying also means a concurrent `npm run build` (which deletes dist
 * first) cannot pull files away mid-test. Waits (up to `waitMs`) while dist/esm is missing or
 * half-written; rejects when it never completes.
 */
export async function installEsmBuild(waitMs = 90_000): Promise<ScratchProject> {
  const deadline = Date.now() + waitMs;
  let problem = '';
  for (;;) {
    const dir = mkdtempSync(join(tmpdir(), 'the-runtimes-'));
    const packageDir = join(dir, 'node_modules', 'typed-http-exceptions');
    try {
      // dist/esm/package.json is the last file the build writes for the ESM output.
      if (existsSync(join(root, 'dist', 'esm', 'package.json'))) {
        cpSync(join(root, 'dist', 'esm'), join(packageDir, 'dist', 'esm'), { recursive: true });
        cpSync(join(root, 'package.json'), join(packageDir, 'package.json'));
        cpSync(join(root, 'tests', 'runtimes', 'fixtures'), join(dir, 'app'), { recursive: true });
        const consumer = { private: true, type: 'module', dependencies: { 'typed-http-exceptions': '*' } };
        writeFileSync(join(dir, 'package.json'), JSON.stringify(consumer, null, 2) + '\n');
        await moduleGraph(packageDir, ESM_ENTRIES); // every relative import resolves
        return { dir, packageDir };
      }
      problem = 'dist/esm/package.json does not exist';
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    rmSync(dir, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`dist/esm is missing or incomplete (run npm run build): ${problem}`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/**
 * A small environment for a runtime process: HOME, caches and DENO_DIR inside `scratch` (nothing
 * written to the repository or the real home), no colours, no update checks, no crash reports.
 */
export function runtimeEnv(scratch: string): NodeJS.ProcessEnv {
  const home = join(scratch, 'home');
  mkdirSync(home, { recursive: true });
  return {
    PATH: process.env.PATH,
    HOME: home,
    TMPDIR: scratch,
    NO_COLOR: '1',
    DO_NOT_TRACK: '1',
    DENO_DIR: join(scratch, 'deno-dir'),
    DENO_NO_UPDATE_CHECK: '1',
    DENO_NO_PROMPT: '1',
    BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0',
  };
}

/** A free TCP port on 127.0.0.1 (for workerd, whose config needs a fixed one). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port from listen(0)');
  return address.port;
}

/** A runtime process serving the fixture. */
export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Everything the process wrote so far (for failure messages). */
  output(): string;
  /** Stops the process (SIGTERM, then SIGKILL) and resolves once it has exited. */
  stop(): Promise<void>;
}

/** How `startServer` learns that the server is up. */
export type Readiness =
  /** The process prints `listening on http://127.0.0.1:<port>` (port 0 chosen by the runtime). */
  | { readonly printsUrl: true }
  /** The process is polled at this URL until it answers at all. */
  | { readonly pollUrl: string };

/** Spawns `binary args` in `cwd` and resolves once it serves; rejects (and kills it) after `timeoutMs`. */
export async function startServer(binary: RuntimeBinary, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; ready: Readiness; timeoutMs?: number }): Promise<RunningServer> {
  // Its own process group: the npm bin shims of deno and workerd start the real binary as a child,
  // and a signal to the shim alone would leave that binary running after the tests.
  const child: ChildProcess = spawn(binary.path, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let failure: string | undefined;
  child.once('error', (error) => (failure = `${binary.name} could not be started (${binary.path}): ${error.message}`));
  child.once('exit', (code, signal) => (failure ??= `${binary.name} exited (code ${code}, signal ${signal}) before serving`));

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const signalGroup = (signal: NodeJS.Signals): void => {
      try {
        process.kill(-(child.pid as number), signal);
      } catch {
        child.kill(signal);
      }
    };
    signalGroup('SIGTERM');
    const timer = setTimeout(() => signalGroup('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
    // The shim may exit before the binary it started: make sure the whole group is gone.
    signalGroup('SIGKILL');
  };

  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  try {
    for (;;) {
      if (failure !== undefined) throw new Error(failure);
      if (Date.now() > deadline) throw new Error(`${binary.name} did not serve within ${options.timeoutMs ?? 20_000} ms`);
      if ('printsUrl' in options.ready) {
        const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
        if (url !== undefined) return { url, output: () => output, stop };
        await new Promise((resolve) => setTimeout(resolve, 25));
      } else {
        const answered = await fetch(options.ready.pollUrl, { signal: AbortSignal.timeout(1000) }).then(
          async (response) => (await response.arrayBuffer(), true),
          () => false,
        );
        if (answered) return { url: new URL(options.ready.pollUrl).origin, output: () => output, stop };
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  } catch (error) {
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- ${binary.name} output ---\n${output}`);
  }
}
