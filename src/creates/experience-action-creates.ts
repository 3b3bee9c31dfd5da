/** The three experience actions: one row each, one factory for all. */
import { experienceActionCreate, type ExperienceActionSpec } from './experience-actions';

export const EXPERIENCE_ACTION_TABLE: ReadonlyArray<ExperienceActionSpec> = [
  {
    key: 'start_experience',
    action: 'start',
    label: 'Start Experience',
    description: 'Starts a pending or paused experience, so it goes live for shoppers.',
    resultingStatus: 'started',
    helpText: 'The experience to start. A pending or paused experience can be started; an ended one cannot.',
  },
  {
    key: 'pause_experience',
    action: 'pause',
    label: 'Pause Experience',
    description: 'Pauses a running experience until it is started again.',
    resultingStatus: 'paused',
    helpText: 'The running experience to pause.',
  },
  {
    key: 'end_experience',
    action: 'end',
    label: 'End Experience',
    description: 'Ends an experience for good; an ended experience cannot be started again.',
    resultingStatus: 'ended',
    helpText: 'The experience to end. This cannot be undone.',
  },
];

export const experienceActionCreates = Object.fromEntries(EXPERIENCE_ACTION_TABLE.map((spec) => [spec.key, experienceActionCreate(spec)]));
