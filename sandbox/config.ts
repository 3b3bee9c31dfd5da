/** The sandbox's settings from the environment, with a message naming the variable when one is malformed. */
import { DEFAULT_DELIVERY_TIMEOUT_MS, DEFAULT_RETRY_DELAYS_MS } from './delivery/delivery-engine';

export const DEFAULT_API_KEY = 'ig_sandbox_key';
export const DEFAULT_HOST = '127.0.0.1';

export class SandboxConfigError extends Error {
  override readonly name = 'SandboxConfigError';
}

export interface EnvSettings {
  port?: number;
  host: string;
  apiKey: string;
  retryDelaysMs: number[];
  deliveryTimeoutMs: number;
  /** Running experiments to add to the seeds (a large account). */
  runningExperiments: number;
  /** False: published-only mode, every /webhooks path answers 404 as on a real account today. */
  webhookApi: boolean;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): EnvSettings {
  return {
    port: env.PORT?.trim() ? wholeNumber('PORT', env.PORT, 0, 65535) : undefined,
    host: env.HOST?.trim() || DEFAULT_HOST,
    apiKey: env.SANDBOX_API_KEY?.trim() || DEFAULT_API_KEY,
    retryDelaysMs: env.SANDBOX_RETRY_DELAYS_MS?.trim() ? delayList(env.SANDBOX_RETRY_DELAYS_MS) : DEFAULT_RETRY_DELAYS_MS,
    deliveryTimeoutMs: env.SANDBOX_DELIVERY_TIMEOUT_MS?.trim()
      ? wholeNumber('SANDBOX_DELIVERY_TIMEOUT_MS', env.SANDBOX_DELIVERY_TIMEOUT_MS, 1, 600_000)
      : DEFAULT_DELIVERY_TIMEOUT_MS,
    runningExperiments: env.SANDBOX_RUNNING_EXPERIMENTS?.trim() ? wholeNumber('SANDBOX_RUNNING_EXPERIMENTS', env.SANDBOX_RUNNING_EXPERIMENTS, 0, 10_000) : 0,
    webhookApi: onOff('SANDBOX_WEBHOOK_API', env.SANDBOX_WEBHOOK_API, true),
  };
}

/** `on` or `off` (any case; empty means the default). */
function onOff(name: string, raw: string | undefined, fallback: boolean): boolean {
  const value = raw?.trim().toLowerCase() ?? '';
  if (value === '') return fallback;
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new SandboxConfigError(`${name} must be on or off (got “${raw}”).`);
}

function wholeNumber(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SandboxConfigError(`${name} must be a whole number from ${min} to ${max} (got “${raw}”).`);
  }
  return value;
}

/** "500,1000,2000": waits in ms before attempts 2, 3, … (the last repeats). */
function delayList(raw: string): number[] {
  const parts = raw.split(',').map((p) => p.trim());
  const delays = parts.map(Number);
  if (parts.some((p) => p === '') || delays.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new SandboxConfigError(`SANDBOX_RETRY_DELAYS_MS must be a comma list of whole milliseconds, e.g. 500,2000,5000,10000 (got “${raw}”).`);
  }
  return delays;
}
