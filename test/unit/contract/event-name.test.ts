import { EVENT_NAMES } from '../../../src/contract/assumed';
import { matchEventName } from '../../../src/contract/event-name';

describe('matchEventName: one event, however it is spelled', () => {
  it.each([
    'startExperience',
    'start_experience',
    'experience.started',
    'Start Experience',
    'EXPERIENCE_STARTED',
    'experience-start',
    'StartExperience',
    'experience:starts',
  ])('%s', (text) => {
    expect(matchEventName(text)).toBe('startExperience');
  });

  it('every assumed name matches itself, and its past tense the other way round', () => {
    for (const name of EVENT_NAMES) {
      expect(matchEventName(name)).toBe(name);
      const verb = name.replace('Experience', '');
      expect(matchEventName(`experience.${verb.endsWith('e') ? `${verb}d` : `${verb}ed`}`)).toBe(name);
    }
  });

  it.each([
    '',
    'start',
    'experience',
    'started',
    'startExperiences',
    'archiveExperience',
    'experience.started.now',
    'pricing',
    'content/theme',
    'start the experience',
    'x'.repeat(65),
  ])('names no event: %s', (text) => {
    expect(matchEventName(text)).toBeNull();
  });
});
