/**
 * The real significance poll (the trigger's perform through the app tester) over 50 started experiments whose
 * analytics each take 300 ms to answer, served from 127.0.0.1 without rate-limit headers: each poll reads
 * MAX_ANALYTICS_PER_POLL of them, 6 at a time.
 */
import { createAppTester } from 'zapier-platform-core';
import App from '../src/index';
import { API_VERSION_PREFIX } from '../src/contract/published';
import { SAMPLE_ANALYTICS } from '../src/items/sample-data';
import { SAMPLE_EXPERIENCE } from '../src/items/sample-data';
import { startLocalServer } from './local-server';
import { median } from './stats';
import { pointAppAt } from '../sandbox/zapier/point-app-at';

export async function significancePollMs(
  experiments: number,
  analyticsDelayMs: number,
  runs: number,
): Promise<{ ms: number; alerts: number; experiments: number }> {
  const list = Array.from({ length: experiments }, (_, i) => ({
    ...SAMPLE_EXPERIENCE,
    id: `exp_bench_${i}`,
    name: `Bench experiment ${i}`,
    status: 'started',
    category: 'experiment',
  }));
  const server = await startLocalServer((req, _body, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method === 'GET' && url.pathname === `${API_VERSION_PREFIX}/experiences-list`) {
      const page = Number(url.searchParams.get('page') ?? 1);
      const limit = Number(url.searchParams.get('limit') ?? 100);
      send(200, { experiencesList: list.slice((page - 1) * limit, page * limit), page, limit, total: list.length, totalPages: Math.ceil(list.length / limit) });
      return;
    }
    const analytics = url.pathname.match(new RegExp(`^${API_VERSION_PREFIX}/analytics/resource/([^/]+)$`));
    if (req.method === 'POST' && analytics) {
      setTimeout(() => {
        send(200, { ...SAMPLE_ANALYTICS, experienceId: decodeURIComponent(analytics[1]) });
      }, analyticsDelayMs);
      return;
    }
    send(404, { error: 'NotFound', message: `no route ${req.method} ${url.pathname}` });
  });
  const restoreApiUrl = pointAppAt(server.url);
  try {
    const appTester = createAppTester(App);
    const perform = (App.triggers as Record<string, any>).experiment_significant.operation.perform;
    const times: number[] = [];
    let alerts = 0;
    for (let run = 0; run < runs; run++) {
      const started = process.hrtime.bigint();
      const items: unknown[] = await appTester(perform, { authData: { apiKey: 'bench_key_0123' }, inputData: {} } as never);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      alerts = items.length;
    }
    if (alerts === 0) throw new Error('the poll found no significant result: the benchmark would time an empty poll');
    return { ms: median(times), alerts, experiments };
  } finally {
    restoreApiUrl();
    await server.close();
  }
}
