import type { ConformanceDriver, StartedServer } from './driver.js';
import { CASE_GROUPS } from './cases/index.js';
import { CONFIGURED_OPTIONS, mapError, OnErrorRecorder, type Suite } from './suite.js';

/**
 * Runs every shared case against one driver. Call it once from the driver's own test file
 * (tests/conformance/<driver>.test.ts). The driver serves all groups' routes on three
 * servers, started once for the file: the main one (`onError` recorder, `mapError`), one
 * without options and one with CONFIGURED_OPTIONS; groups may start more (HTTP/2).
 *
 * @example
 * runConformance(express5Driver);
 */
export function runConformance(driver: ConformanceDriver): void {
  const routes = CASE_GROUPS.flatMap((group) => group.routes);
  const recorder = new OnErrorRecorder();
  const running: StartedServer[] = [];
  const servers: { main?: StartedServer; bare?: StartedServer; configured?: StartedServer } = {};
  const need = (server: StartedServer | undefined): StartedServer => {
    if (server === undefined) throw new Error('the conformance servers are not started (read suite servers only inside tests and hooks)');
    return server;
  };
  const suite: Suite = {
    driver,
    recorder,
    get main() {
      return need(servers.main);
    },
    get bare() {
      return need(servers.bare);
    },
    get configured() {
      return need(servers.configured);
    },
    async start(setup) {
      const server = await driver.start({ ...setup, routes });
      running.push(server);
      return server;
    },
  };

  describe(`${driver.name}: adapter conformance`, () => {
    beforeAll(async () => {
      [servers.main, servers.bare, servers.configured] = await Promise.all([
        suite.start({ options: { onError: recorder.onError, mapError } }),
        suite.start({}),
        suite.start({ options: CONFIGURED_OPTIONS }),
      ]);
    });
    afterAll(async () => {
      await Promise.all(running.splice(0).map((server) => server.close()));
    });
    beforeEach(() => recorder.reset());

    for (const group of CASE_GROUPS) describe(group.name, () => group.register(suite));
  });
}
