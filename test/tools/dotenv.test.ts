import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { API_KEY_NAMES, firstOf, parseDotEnv, withDotEnv } from '../../tools/dotenv';

describe('parseDotEnv', () => {
  it('reads KEY=value lines, skipping comments and blank lines, with export, quotes and trailing comments', () => {
    const text = [
      '# a comment',
      '',
      'authData_apiKey=ig_key',
      'export A = spaced ',
      'B="two\\nlines"',
      "C='# not a comment'",
      'D=value # a comment',
      'not a line',
      'E=',
    ].join('\n');
    expect(parseDotEnv(text)).toEqual({ authData_apiKey: 'ig_key', A: 'spaced', B: 'two\nlines', C: '# not a comment', D: 'value', E: '' });
  });

  it('reads Windows line endings', () => {
    expect(parseDotEnv('A=1\r\nB=2\r\n')).toEqual({ A: '1', B: '2' });
  });
});

describe('withDotEnv', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dotenv-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('returns the environment as it is without a .env', () => {
    const env = { A: '1' };
    expect(withDotEnv(env, dir)).toBe(env);
  });

  it('puts .env under the environment: a variable set in the environment wins', () => {
    writeFileSync(path.join(dir, '.env'), 'authData_apiKey=from_file\nINTELLIGEMS_API_URL=http://127.0.0.1:4000\n');
    expect(withDotEnv({}, dir)).toMatchObject({ authData_apiKey: 'from_file', INTELLIGEMS_API_URL: 'http://127.0.0.1:4000' });
    expect(withDotEnv({ INTELLIGEMS_API_URL: 'https://staging.example' }, dir).INTELLIGEMS_API_URL).toBe('https://staging.example');
  });

  it('lets the key set in the environment under either name win over the file’s', () => {
    writeFileSync(path.join(dir, '.env'), 'authData_apiKey=from_file\n');
    expect(firstOf(withDotEnv({ INTELLIGEMS_API_KEY: 'from_env' }, dir), API_KEY_NAMES)).toBe('from_env');
    expect(firstOf(withDotEnv({}, dir), API_KEY_NAMES)).toBe('from_file');
    expect(firstOf(withDotEnv({ INTELLIGEMS_API_KEY: ' ' }, dir), API_KEY_NAMES)).toBe('from_file');
  });
});
