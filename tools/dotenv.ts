/**
 * The tools read `.env` in the current directory as `zapier-platform invoke` does, so one file configures both: the
 * API key as `authData_apiKey`, the Webhook Signing Secret as `authData_webhookSecret`, and `INTELLIGEMS_API_URL`.
 * Variables set in the environment win over the file. A tiny parser, no dependency: `KEY=value` lines, `#` comments,
 * an optional `export `, values optionally in single or double quotes (double quotes understand \n).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const DOTENV_FILE = '.env';

/** The API key's name, as `zapier-platform invoke` reads it; the older name still works. */
export const API_KEY_NAMES = ['authData_apiKey', 'INTELLIGEMS_API_KEY'] as const;
/** The account's Webhook Signing Secret's name, as invoke reads it; inspect-delivery's own name still works. */
export const SIGNING_SECRET_NAMES = ['authData_webhookSecret', 'INTELLIGEMS_SIGNING_SECRET'] as const;
/** Names of one value: when the environment sets any of them, the file's are not used. */
const SAME_VALUE: ReadonlyArray<ReadonlyArray<string>> = [API_KEY_NAMES, SIGNING_SECRET_NAMES];

export function parseDotEnv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, key, rest] = match;
    let value = rest;
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.indexOf(quote, 1) > 0) {
      value = value.slice(1, value.indexOf(quote, 1));
      if (quote === '"') value = value.replace(/\\n/g, '\n');
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    values[key] = value;
  }
  return values;
}

/** The environment with `.env` (in `cwd`) under it: a variable set (not empty) in `env` wins, also over its other name in the file. */
export function withDotEnv(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): NodeJS.ProcessEnv {
  let text: string;
  try {
    text = readFileSync(path.join(cwd, DOTENV_FILE), 'utf8');
  } catch {
    return env;
  }
  const fromFile = parseDotEnv(text);
  for (const names of SAME_VALUE) {
    if (names.some((name) => (env[name] ?? '').trim() !== '')) for (const name of names) delete fromFile[name];
  }
  const merged: NodeJS.ProcessEnv = { ...fromFile };
  // An empty variable counts as unset, as the tools treat it.
  for (const [key, value] of Object.entries(env)) if (value !== undefined && (value.trim() !== '' || !(key in fromFile))) merged[key] = value;
  return merged;
}

/** The first of the names that holds a value (trimmed), or "". */
export function firstOf(env: NodeJS.ProcessEnv, names: ReadonlyArray<string>): string {
  for (const name of names) {
    const value = (env[name] ?? '').trim();
    if (value !== '') return value;
  }
  return '';
}
