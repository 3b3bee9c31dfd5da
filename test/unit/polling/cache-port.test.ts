import { confirmedSet } from '../../../src/polling/cache-port';
import { answeringCache, SET_ANSWERS, type SetAnswer } from '../../helpers/answering-cache';

describe('confirmedSet', () => {
  const expected: Record<SetAnswer, { plain: string; nx: string }> = {
    true: { plain: 'stored', nx: 'stored' },
    // Without nx, a false with another value there is a refused write; with nx, another writer came first.
    'false, key present': { plain: 'refused', nx: 'exists' },
    'false, key absent': { plain: 'refused', nx: 'refused' },
    null: { plain: 'stored', nx: 'stored' },
    throws: { plain: 'unavailable', nx: 'unavailable' },
  };

  it.each(SET_ANSWERS)('set answering %s', async (answer) => {
    expect((await confirmedSet(answeringCache(answer).cache, 'k', { a: 1 }, 60)).status).toBe(expected[answer].plain);
    expect((await confirmedSet(answeringCache(answer).cache, 'k', true, 60, { nx: true })).status).toBe(expected[answer].nx);
  });

  it('counts a false as stored when the key already holds this very value (a write that changed nothing)', async () => {
    const { cache, stored } = answeringCache('false, key absent');
    stored.set('k', { a: 1 });
    expect((await confirmedSet(cache, 'k', { a: 1 }, 60)).status).toBe('stored');
  });

  it.each([
    { whose: 'another writer’s token', held: 'theirs', status: 'exists' },
    { whose: 'this write’s token', held: 'ours', status: 'stored' },
  ])('with nx, counts a null with the key holding $whose as $status', async ({ held, status }) => {
    const cache = { get: async () => held, set: async () => null };
    expect((await confirmedSet(cache, 'k', 'ours', 60, { nx: true })).status).toBe(status);
  });

  it('counts a null with nothing stored as refused', async () => {
    const cache = { get: async () => null, set: async () => null };
    expect((await confirmedSet(cache, 'k', true, 60, { nx: true })).status).toBe('refused');
  });

  it('is unavailable, with the reason, when reading the key back fails', async () => {
    const failure = new Error('read failed');
    const cache = {
      get: async () => {
        throw failure;
      },
      set: async () => false,
    };
    expect(await confirmedSet(cache, 'k', true, 60)).toEqual({ status: 'unavailable', error: failure });
  });
});
