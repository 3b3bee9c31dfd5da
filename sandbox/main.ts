/**
 * `npm run sandbox`: a sandbox that keeps running, for `zapier-platform invoke` and manual calls. Prints one line
 * once it accepts connections and stops cleanly on Ctrl-C (SIGINT) or SIGTERM. PORT defaults to 4000 here so the
 * URL in a `.env` stays the same from run to run; PORT=0 picks any free port.
 */
import { SandboxConfigError } from './config';
import { startSandbox } from './start-sandbox';

const DEFAULT_MAIN_PORT = 4000;

async function main(): Promise<void> {
  const port = process.env.PORT?.trim() ? undefined : DEFAULT_MAIN_PORT;
  const log = process.env.SANDBOX_LOG ? (line: string) => process.stderr.write(`${line}\n`) : undefined;
  const sandbox = await startSandbox({ port, log });
  process.stdout.write(`Intelligems sandbox listening on ${sandbox.url}${sandbox.webhookApi ? '' : ' (published API only: /webhooks answers 404)'}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    sandbox.close().then(
      () => process.exit(0),
      (error: Error) => {
        process.stderr.write(`The sandbox did not close cleanly: ${error.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message =
    error instanceof SandboxConfigError
      ? error.message
      : (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
        ? `Port ${process.env.PORT || DEFAULT_MAIN_PORT} is already in use. Stop whatever uses it, or choose another with PORT=4001 (PORT=0 picks any free port).`
        : `The sandbox could not start: ${(error as Error).message}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
