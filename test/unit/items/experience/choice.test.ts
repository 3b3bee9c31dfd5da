import { experienceChoiceOutputFields, experienceChoiceSample, toExperienceChoice } from '../../../../src/items/experience/choice';
import { SAMPLE_EXPERIENCE } from '../../../../src/items/sample-data';

describe('toExperienceChoice', () => {
  it('shows name, readable type and status in the dropdown, and keeps each apart', () => {
    const choice = toExperienceChoice(SAMPLE_EXPERIENCE);
    expect(choice.id).toBe(SAMPLE_EXPERIENCE.id);
    expect(choice.name).toContain('Spring pricing');
    expect(choice.name).toContain('Price Test');
    expect(choice.name).toContain('started');
    expect(choice).toMatchObject({ experience_name: 'Spring pricing', experience_type: 'Price Test', experience_status: 'started' });
  });

  it('has an output field for every key of its sample', () => {
    expect(experienceChoiceOutputFields.map((f) => f.key).sort()).toEqual(Object.keys(experienceChoiceSample).sort());
  });
});
