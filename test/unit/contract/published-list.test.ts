import { experienceActionBodySchema, experiencesListResponseSchema, experienceSchema } from '../../../src/contract/published';
import { LIST_EXPERIENCES } from '../../helpers/experiences';

const base = LIST_EXPERIENCES[1];

describe('the experiences list as published: parsed loosely', () => {
  it('keeps an experience whose status or category is outside the published values, with its raw value', () => {
    const parsed = experiencesListResponseSchema.parse({ experiencesList: [base, { ...base, id: 'odd', status: 'scheduled', category: 'campaign' }] });
    expect(parsed.experiencesList.map((e) => [e.id, e.status, e.category])).toEqual([
      ['exp_ship', 'started', 'experiment'],
      ['odd', 'scheduled', 'campaign'],
    ]);
  });

  it('reads history records with the full user, and keeps an unknown action or field', () => {
    const history = [
      {
        id: 'h1',
        userId: 'u1',
        experienceId: 'exp_ship',
        user: { id: 'u1', email: 'jane@acme.example', firstName: 'Jane', lastName: 'Doe', preferredName: null, team: 'growth' },
        action: 'startExperience',
        source: 'internal',
        createdAtTs: 1_764_250_000_000,
        lastUpdateTs: 1_764_250_000_000,
      },
      { id: 'h2', userId: null, experienceId: 'exp_ship', user: null, action: 'teleportExperience', source: 'mcp', createdAtTs: 1_764_250_000_001 },
    ];
    const experience = experienceSchema.parse({ ...base, history });
    expect(experience.history).toHaveLength(2);
    expect(experience.history?.[0]?.user).toMatchObject({ email: 'jane@acme.example', firstName: 'Jane', team: 'growth' });
    expect(experience.history?.[1]).toMatchObject({ action: 'teleportExperience', user: null });
  });

  it('never fails the list over an unusable history, record or flag: what cannot be read is left out', () => {
    const parsed = experiencesListResponseSchema.parse({
      experiencesList: [
        { ...base, id: 'a', history: 'not a list', isDeleted: 'yes', isPreview: 1, hasSchedule: null },
        { ...base, id: 'b', history: [null, 7, { action: 42, createdAtTs: 'noon', user: 'jane' }] },
      ],
    });
    const [a, b] = parsed.experiencesList;
    expect(a).toMatchObject({ id: 'a', history: undefined, isDeleted: undefined, isPreview: undefined, hasSchedule: undefined });
    expect(b.history).toHaveLength(3);
    expect(b.history?.[2]).toMatchObject({ action: undefined, createdAtTs: undefined, user: undefined });
  });

  it('reads isDeleted, isPreview and hasSchedule, and performedBy on recorded actions', () => {
    const experience = experienceSchema.parse({
      ...base,
      isDeleted: true,
      isPreview: false,
      hasSchedule: true,
      experienceActions: [{ id: 'a', experienceId: 'exp_ship', action: 'start', actionTs: 1, performedBy: 'jane@acme.example' }],
    });
    expect(experience).toMatchObject({ isDeleted: true, isPreview: false, hasSchedule: true });
    expect(experience.experienceActions?.[0]?.performedBy).toBe('jane@acme.example');
  });

  it('reads the paging facts when the answer gives them, and goes without them', () => {
    expect(experiencesListResponseSchema.parse({ experiencesList: [], page: 2, limit: 100, total: 130, totalPages: 2 })).toMatchObject({
      page: 2,
      limit: 100,
      total: 130,
      totalPages: 2,
    });
    expect(experiencesListResponseSchema.parse({ experiencesList: [], totalPages: 'many' }).totalPages).toBeUndefined();
  });
});

describe('the body of an experience action', () => {
  it('takes an optional winning variation and whether to set prices to it, and nothing else is required', () => {
    expect(experienceActionBodySchema.parse({})).toEqual({});
    expect(experienceActionBodySchema.parse({ variationId: 'v2', updatePricesToVariation: true })).toEqual({
      variationId: 'v2',
      updatePricesToVariation: true,
    });
    expect(experienceActionBodySchema.safeParse({ updatePricesToVariation: 'yes' }).success).toBe(false);
  });
});
