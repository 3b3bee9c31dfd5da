import { describeVariationList, describeVariations, experienceFields } from '../../../../src/items/experience/describe';
import { SAMPLE_EXPERIENCE } from '../../../../src/items/sample-data';

describe('experienceFields', () => {
  it('names the type readably and keeps Intelligems’ code beside it', () => {
    const fields = experienceFields({ ...SAMPLE_EXPERIENCE, type: 'shipping' });
    expect(fields.experience_type).toBe('Shipping Test');
    expect(fields.experience_type_code).toBe('shipping');
  });
});

describe('describeVariations', () => {
  it('lists name and percentage in the variations’ own order', () => {
    const variations = [
      { name: 'B', percentage: 25, order: 2 },
      { name: 'Control', percentage: 50, order: 0 },
      { name: 'A', percentage: 25, order: 1 },
    ];
    expect(describeVariationList(variations)).toBe('Control 50%, A 25%, B 25%');
  });

  it('shows one decimal for a fractional percentage and the name alone without a usable one', () => {
    expect(describeVariationList([{ name: 'X', percentage: 33.333 }, { name: 'Y', percentage: 'half' }, { name: 7 }])).toBe('X 33.3%, Y, 7');
  });

  it('leaves out entries without a name, and gives "" for none', () => {
    expect(describeVariationList([null, 'x', { percentage: 50 }, { name: '' }])).toBe('');
    expect(describeVariations({ ...SAMPLE_EXPERIENCE, variations: undefined })).toBe('');
  });
});
