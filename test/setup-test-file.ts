// Runs in every test file, before its tests.
import nock from 'nock';

// The nock lifecycle every file shares: no real network unless a file opts in (the sandbox suites call nock.restore()
// for real loopback HTTP), and no interceptor left over from one test for the next. This file's own copy of nock
// takes over Node's http first: after a file that restored nock itself (the e2e suites), a new copy can find http
// still held by the old one, and then no interceptor of this file ever answers.
beforeAll(() => {
  nock.restore();
  nock.activate();
  nock.disableNetConnect();
});
afterEach(() => nock.cleanAll());

// Jest runs test files one after another in a worker process, and every file loads its own copy of nock, each
// patching Node's global http. Restoring after each file keeps one file's interceptors and disableNetConnect from
// answering the next file's requests.
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  nock.restore();
});

// zapier-platform-core carries a guard for Zapier's long-lived Lambda processes: after 250 runs, if the process's RSS
// is over 450 MB, it calls process.exit(1). A jest worker holds many files' modules at once and runs hundreds of app
// tester calls per file (the fault matrix alone makes ~400), so the guard would end the test run on a busy machine
// without telling us anything about the app. Report this file's process with the RSS left out of that one check.
const realMemoryUsage = process.memoryUsage.bind(process);
process.memoryUsage = Object.assign(() => ({ ...realMemoryUsage(), rss: 0 }), { rss: () => 0 });

// Quiet output: `z.console` lines (zapier-platform-core writes them through console.log, and console.error for
// z.console.error) are the Zap's log, not the test run's; `npm test` prints results. A fresh spy every test drops
// only the lines zapier's logger writes, so any other console output still shows. A test that asserts logs spies on
// console itself (jest returns this spy, and the test's own implementation replaces the dropping one).
const ZAPIER_LOGGER = /zapier-platform-core[\\/]src[\\/]tools[\\/]create-logger-console/;
function fromZapierLogger(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  try {
    return ZAPIER_LOGGER.test(new Error().stack ?? '');
  } finally {
    Error.stackTraceLimit = limit;
  }
}
let quieted: jest.SpyInstance[] = [];
beforeEach(() => {
  quieted = (['log', 'error'] as const).map((method) => {
    const original = console[method];
    return jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      if (!fromZapierLogger()) original.apply(console, args);
    });
  });
});
afterEach(() => {
  for (const spy of quieted) spy.mockRestore();
  quieted = [];
});
