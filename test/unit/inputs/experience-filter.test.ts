import { KNOWN_EXPERIENCE_TYPES } from '../../../src/contract/published';
import { EXPERIENCE_TYPE_FILTERS, matchesExperienceFilters, matchesExperienceType, readExperienceFilters } from '../../../src/inputs/experience-filter';

describe('matchesExperienceType', () => {
  // Every known type against every filter choice: the whole table, so a change to one rule shows up here.
  const expected: Record<string, string[]> = {
    pricing: ['pricing'],
    shipping: ['shipping'],
    content: ['content/advanced', 'content/onsiteEdits', 'content/url', 'content/theme', 'content/template'],
    'personalization/offer': ['personalization/offer'],
    personalization: ['personalization'],
    checkoutBlock: ['checkoutBlock'],
    sitewide: ['sitewide'],
  };

  it.each(EXPERIENCE_TYPE_FILTERS.map((f) => [f.label, f.value]))('%s (%s) matches exactly its types', (_, value) => {
    expect(KNOWN_EXPERIENCE_TYPES.filter((type) => matchesExperienceType(value, type))).toEqual(expected[value]);
  });

  it('offers readable labels for the agreed values', () => {
    expect(EXPERIENCE_TYPE_FILTERS.map((f) => `${f.label}=${f.value}`)).toEqual([
      'Price Test=pricing',
      'Shipping Test=shipping',
      'Content Test=content',
      'Offer=personalization/offer',
      'Personalization=personalization',
      'Checkout Block Test=checkoutBlock',
      'Sitewide Experience=sitewide',
    ]);
  });

  it('matches a future content type under Content Test, but not look-alikes', () => {
    expect(matchesExperienceType('content', 'content/newThing')).toBe(true);
    expect(matchesExperienceType('content', 'contentBlock')).toBe(false);
    expect(matchesExperienceType('personalization', 'personalization/offer')).toBe(false);
  });
});

describe('matchesExperienceFilters', () => {
  const experience = { id: 'exp_1', type: 'content/theme' };

  it('lets everything through when no filter is set (missing, empty or blank inputs)', () => {
    for (const input of [undefined, {}, { experience_type: '', experience_id: '  ' }]) {
      expect(matchesExperienceFilters(readExperienceFilters(input), experience)).toBe(true);
    }
  });

  it('needs both the type and the id to match when both are set', () => {
    const check = (experience_type: string, experience_id: string) =>
      matchesExperienceFilters(readExperienceFilters({ experience_type, experience_id }), experience);
    expect(check('content', 'exp_1')).toBe(true);
    expect(check('content', 'exp_2')).toBe(false);
    expect(check('pricing', 'exp_1')).toBe(false);
  });
});
