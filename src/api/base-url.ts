import { DEFAULT_BASE_URL } from '../contract/published';

/** Read at request time, not at load, so a sandbox or staging URL set after the app loads still applies. */
export function apiBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.INTELLIGEMS_API_URL?.trim();
  return (fromEnv && fromEnv.length > 0 ? fromEnv : DEFAULT_BASE_URL).replace(/\/+$/, '');
}
