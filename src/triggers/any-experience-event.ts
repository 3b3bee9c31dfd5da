/** "Any Experience Event": one subscription for the events the user picks, from the same factory as the six. */
import { chosenEvents, eventsField } from '../inputs/chosen-events';
import { instantTrigger } from './instant-trigger';

export const anyExperienceEventTrigger = instantTrigger({
  key: 'experience_event',
  noun: 'Experience Event',
  label: 'Any Experience Event',
  description: 'Triggers when an experience is created, started, paused, ended, updated or deleted (you choose which).',
  event: 'startExperience',
  chooseEvents: (inputData) => chosenEvents(inputData.events),
  inputFields: [eventsField],
});
