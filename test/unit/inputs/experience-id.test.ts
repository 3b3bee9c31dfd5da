import { requiredExperienceId } from '../../../src/inputs/experience-id';
import { InvalidInputError } from '../../../src/inputs/invalid-input';
import { UNSAFE_EXPERIENCE_IDS } from '../../helpers/unsafe-ids';

describe('requiredExperienceId', () => {
  it('reads a trimmed ID, numbers included', () => {
    expect(requiredExperienceId({ experience_id: ' 8f14e45f-ceea-4e7a ' })).toBe('8f14e45f-ceea-4e7a');
    expect(requiredExperienceId({ experience_id: 42 })).toBe('42');
    // A dot inside an ID, or an encoded slash, is only text once encoded: nothing to refuse.
    expect(requiredExperienceId({ experience_id: 'v1.2' })).toBe('v1.2');
    expect(requiredExperienceId({ experience_id: '...' })).toBe('...');
    expect(requiredExperienceId({ experience_id: 'a%2Fb' })).toBe('a%2Fb');
  });

  it.each(UNSAFE_EXPERIENCE_IDS)('refuses %j, naming the field and what an ID cannot be', (id) => {
    let thrown: unknown;
    try {
      requiredExperienceId({ experience_id: id });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidInputError);
    expect((thrown as InvalidInputError).field).toBe('experience_id');
    expect((thrown as Error).message).toMatch(
      /^The Experience field holds “.*”, which cannot be an experience ID \(.+\)\. Pick the experience from the dropdown/,
    );
    // Shown escaped, so a control character cannot break the message or the log line.
    // eslint-disable-next-line no-control-regex -- the point: no control character reaches a message
    expect((thrown as Error).message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});
