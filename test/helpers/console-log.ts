/**
 * What a run printed with console.log (the app's `z.console` lines, and core's HTTP log when asked for), for tests
 * that assert a Zap's log. jest hands back the spy test/setup-test-file.ts already put on console.log, so the
 * quieting implementation is put back afterwards rather than the spy removed.
 */
export interface LogCapture {
  /** Core's HTTP log too: `summary` (one line a call) or `detailed` (with headers and bodies). */
  httpLog?: 'summary' | 'detailed';
}

export async function capturingLog<T>(run: () => Promise<T>, options: LogCapture = {}): Promise<{ result: T; logs: string }> {
  const lines: string[] = [];
  const spy = jest.spyOn(console, 'log');
  const previous = spy.getMockImplementation();
  spy.mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
  if (options.httpLog) process.env.LOG_TO_STDOUT = '1';
  if (options.httpLog === 'detailed') process.env.DETAILED_LOG_TO_STDOUT = '1';
  try {
    return { result: await run(), logs: lines.join('\n') };
  } finally {
    delete process.env.LOG_TO_STDOUT;
    delete process.env.DETAILED_LOG_TO_STDOUT;
    if (previous) spy.mockImplementation(previous);
    else spy.mockRestore();
  }
}
