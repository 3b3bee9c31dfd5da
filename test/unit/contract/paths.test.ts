import { webhookPaths } from '../../../src/contract/assumed';
import { paths, UnsafePathSegmentError } from '../../../src/contract/published';
import { UNSAFE_EXPERIENCE_IDS } from '../../helpers/unsafe-ids';

describe('paths: an ID is always exactly one segment of the address', () => {
  it('encodes ordinary IDs', () => {
    expect(paths.experience('a b?c#d%')).toBe('/v25-10-beta/experiences/a%20b%3Fc%23d%25');
    expect(paths.experienceAction('v1.2', 'start')).toBe('/v25-10-beta/experiences/v1.2/actions/start');
    expect(webhookPaths.one('wh_42')).toBe('/v25-10-beta/webhooks/wh_42');
  });

  it.each(['', ...UNSAFE_EXPERIENCE_IDS.filter((id) => id.trim() === id)])('refuses %j wherever an ID goes into a path', (id) => {
    for (const build of [() => paths.experience(id), () => paths.experienceAction(id, 'start'), () => paths.analytics(id), () => webhookPaths.one(id)]) {
      expect(build).toThrow(UnsafePathSegmentError);
    }
  });
});
