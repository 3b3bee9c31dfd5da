/**
 * `npm run check-contract`: checks each published and assumed part of the Intelligems contract against a real
 * account (or any API at INTELLIGEMS_API_URL) and says, for each, whether it holds. Exit status: 0 every checked
 * part holds, 1 any differs, 2 it could not connect, the key was refused, the experience list could not be read (a
 * 403, 429 or 5xx: nothing else is checked then), or the settings are unusable.
 */
import { redact, secretsOf } from '../src/api/secrets';
import { checkContract } from './contract-check/check-contract';
import { renderJson, renderText } from './contract-check/report';
import { readSettings } from './contract-check/settings';
import { withDotEnv } from './dotenv';

async function main(): Promise<number> {
  const read = readSettings(withDotEnv(process.env), process.argv.slice(2));
  if (!read.ok) {
    if (read.json) console.log(JSON.stringify({ assumptions: [], error: read.message }));
    else console.error(read.message);
    return 2;
  }
  const { settings } = read;
  try {
    const report = await checkContract(settings);
    console.log(settings.json ? renderJson(report) : renderText(report, settings.baseUrl));
    return report.exitCode;
  } catch (error) {
    // A bug, not an answer from Intelligems. Its message could quote a request, so the key is removed from it.
    const message = redact(error instanceof Error ? error.message : String(error), secretsOf({ authData: { apiKey: settings.apiKey } }));
    console.error(`check-contract failed unexpectedly: ${message}`);
    return 2;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
