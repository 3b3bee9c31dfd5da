import type { Experience } from '../../../src/contract/published';
import { matchesQuery, newestFirst, readExperienceQuery, type ExperienceQuery } from '../../../src/searches/experience-query';

const experience = (over: Partial<Experience> = {}): Experience => ({
  id: 'exp_1',
  name: 'Spring Pricing',
  type: 'pricing',
  category: 'experiment',
  status: 'started',
  ...over,
});
const query = (over: Partial<ExperienceQuery> = {}): ExperienceQuery => ({ experienceId: null, name: null, nameMatch: 'exact', status: null, ...over });
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as Error & { field?: string };
  }
  throw new Error('expected a refusal');
};

describe('readExperienceQuery', () => {
  it('reads the ID, the trimmed name, the match (exact by default) and the status', () => {
    expect(readExperienceQuery({ experience_id: ' exp_1 ', name: '  Spring ', status: 'Paused' })).toEqual({
      experienceId: 'exp_1',
      name: 'Spring',
      nameMatch: 'exact',
      status: 'paused',
    });
    expect(readExperienceQuery({ name: 'x', name_match: 'CONTAINS' }).nameMatch).toBe('contains');
  });

  it('refuses a query with neither an ID nor a name, naming both fields', () => {
    const error = refusal(() => readExperienceQuery({ name: '   ' }));
    expect(error.message).toContain('Experience Name');
    expect(error.message).toMatch(/both are empty/);
  });

  it('refuses an unknown match or status, naming what it got and what it accepts', () => {
    const match = refusal(() => readExperienceQuery({ name: 'x', name_match: 'fuzzy' }));
    expect(match.message).toContain('fuzzy');
    expect(match.message).toMatch(/exact.*contains/);
    const status = refusal(() => readExperienceQuery({ name: 'x', status: 'running' }));
    expect(status.message).toContain('running');
    expect(status.message).toContain('started');
  });

  it('refuses an ID that would change the API address', () => {
    expect(refusal(() => readExperienceQuery({ experience_id: '../x' })).message).toContain('cannot be an experience ID');
  });
});

describe('matchesQuery', () => {
  it('compares names ignoring case, surrounding spaces and Unicode form', () => {
    expect(matchesQuery(query({ name: '  spring pricing ' }), experience())).toBe(true);
    expect(matchesQuery(query({ name: 'Caf\u0065\u0301' }), experience({ name: 'CAF\u00c9' }))).toBe(true);
    expect(matchesQuery(query({ name: 'spring' }), experience())).toBe(false);
    expect(matchesQuery(query({ name: 'spring', nameMatch: 'contains' }), experience())).toBe(true);
  });

  it('requires every filled criterion: ID, status and name', () => {
    expect(matchesQuery(query({ experienceId: 'exp_2' }), experience())).toBe(false);
    expect(matchesQuery(query({ status: 'paused' }), experience())).toBe(false);
    expect(matchesQuery(query({ experienceId: 'exp_1', status: 'started', name: 'spring pricing' }), experience())).toBe(true);
  });
});

describe('newestFirst', () => {
  it('orders by creation time, newest first, those without one last, and leaves its input alone', () => {
    const list = [experience({ id: 'old', createdAtTs: 1 }), experience({ id: 'none' }), experience({ id: 'new', createdAtTs: 3 })];
    expect(newestFirst(list).map((e) => e.id)).toEqual(['new', 'old', 'none']);
    expect(list.map((e) => e.id)).toEqual(['old', 'none', 'new']);
  });
});
