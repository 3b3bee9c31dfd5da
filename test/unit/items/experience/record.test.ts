import type { Experience } from '../../../../src/contract/published';
import { EXPERIENCE_LABELS, experienceRecordOutputFields } from '../../../../src/items/experience/output-fields';
import { toExperienceRecord } from '../../../../src/items/experience/record';
import { experienceRecordSample } from '../../../../src/items/experience/sample';
import { SAMPLE_EXPERIENCE } from '../../../../src/items/sample-data';

const experience = SAMPLE_EXPERIENCE as Experience;

describe('toExperienceRecord', () => {
  it('maps the shared experience fields, its ID as id, and the dates in ISO 8601', () => {
    const record = toExperienceRecord(experience);
    expect(record).toMatchObject({
      id: experience.id,
      experience_id: experience.id,
      experience_name: 'Spring pricing',
      experience_type: 'Price Test',
      experience_type_code: 'pricing',
      experience_category: 'experiment',
      experience_status: 'started',
      variations: 'Control 50%, +10% price 50%',
      organization_id: 'org_4c1b9a',
      created_at: new Date(SAMPLE_EXPERIENCE.createdAtTs).toISOString(),
      started_at: new Date(SAMPLE_EXPERIENCE.startedAtTs).toISOString(),
    });
    expect(record.experience).toBe(experience);
  });

  it('gives a missing text or date as "" and never drops a key', () => {
    const bare = { id: 'exp_1', name: 'Bare', type: 'pricing', category: 'experiment', status: 'pending' } as Experience;
    const record = toExperienceRecord(bare);
    expect(record).toMatchObject({ organization_id: '', created_at: '', started_at: '', paused_at: '', ended_at: '', variations: '' });
    expect(Object.keys(record).sort()).toEqual(Object.keys(toExperienceRecord(experience)).sort());
    expect(Object.values(record)).not.toContain(null);
  });

  it('gives a time Date cannot hold (nanoseconds) as "" instead of throwing', () => {
    const record = toExperienceRecord({ ...experience, startedAtTs: 1.7e18 });
    expect(record.started_at).toBe('');
  });
});

describe('the record sample and output fields', () => {
  it('shows the dates of the status an action left the experience in', () => {
    expect(experienceRecordSample('paused').paused_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(experienceRecordSample('paused').ended_at).toBe('');
    expect(experienceRecordSample('ended').ended_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(experienceRecordSample().experience_status).toBe(SAMPLE_EXPERIENCE.status);
  });

  it('labels every key of a record except the untouched experience (flattened as experience__…)', () => {
    const keys = experienceRecordOutputFields.map((f) => f.key);
    for (const key of Object.keys(experienceRecordSample())) if (key !== 'experience') expect(keys).toContain(key);
    expect(keys.filter((k) => k.startsWith('experience__')).length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('labels the shared fields once, the same for every operation', () => {
    expect(EXPERIENCE_LABELS.experience_id).toMatchObject({ label: 'Experience ID', required: true });
    expect(experienceRecordOutputFields.find((f) => f.key === 'started_at')).toMatchObject({ type: 'datetime' });
  });
});
