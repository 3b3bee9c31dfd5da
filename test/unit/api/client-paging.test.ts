/** The client gathers every page of the experiences list, however large a page an API answers with. */
import { Readable } from 'node:stream';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { apiClient } from '../../../src/api/client';

/** A z whose requests are answered 200 with each body in turn, as Zapier's z.request resolves (a raw request's body as a stream). */
function answering(...bodies: string[]): ZObject {
  let call = 0;
  return {
    console: { log: () => undefined },
    request: async (options: { raw?: boolean }) => {
      const body = bodies[Math.min(call++, bodies.length - 1)];
      return options.raw
        ? { status: 200, body: Readable.from([body]), getHeader: () => undefined }
        : { status: 200, content: body, getHeader: () => undefined };
    },
  } as unknown as ZObject;
}

it('keeps all 150,000 experiences of an oversized page, without a RangeError', async () => {
  const experiencesList = Array.from({ length: 150_000 }, (_, i) => ({
    id: `exp_${i}`,
    name: 'x',
    type: 'pricing',
    category: 'experiment',
    status: 'started',
  }));
  const z = answering(JSON.stringify({ experiencesList }), JSON.stringify({ experiencesList: [] }));
  const all = await apiClient(z, { authData: { apiKey: 'k' } } as unknown as Bundle).listAllExperiences({ status: 'started' });
  expect(all).toHaveLength(150_000);
  expect(all[149_999].id).toBe('exp_149999');
});
