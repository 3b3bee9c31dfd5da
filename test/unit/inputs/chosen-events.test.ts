import { chosenEvents } from '../../../src/inputs/chosen-events';
import { InvalidInputError } from '../../../src/inputs/invalid-input';

describe('chosenEvents', () => {
  it('reads a mapped comma-separated string and readable labels, without duplicates', () => {
    expect(chosenEvents('pauseExperience, Start Experience,pauseExperience')).toEqual(['startExperience', 'pauseExperience']);
  });

  it('refuses a value that is not text', () => {
    expect(() => chosenEvents([42])).toThrow(InvalidInputError);
  });
});
