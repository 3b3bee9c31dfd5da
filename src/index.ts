/** The Intelligems app definition Zapier loads (through ../index.js). */
import { version as platformVersion } from 'zapier-platform-core';
import packageJson from '../package.json';
import { addIntelligemsAuth } from './middleware';
import { authentication } from './authentication';
import { experienceActionCreates } from './creates/experience-action-creates';
import { findExperienceSearch } from './searches/find-experience';
import { anyExperienceEventTrigger } from './triggers/any-experience-event';
import { eventTriggers } from './triggers/instant-triggers';
import { experienceListTrigger } from './triggers/experience-list';
import { experimentSignificantTrigger } from './triggers/experiment-significant';

const app = {
  version: packageJson.version,
  platformVersion,
  authentication,
  beforeRequest: [addIntelligemsAuth],
  afterResponse: [],
  triggers: {
    ...eventTriggers,
    [anyExperienceEventTrigger.key]: anyExperienceEventTrigger,
    [experimentSignificantTrigger.key]: experimentSignificantTrigger,
    [experienceListTrigger.key]: experienceListTrigger,
  },
  searches: {
    [findExperienceSearch.key]: findExperienceSearch,
  },
  creates: {
    ...experienceActionCreates,
  },
  resources: {},
};

export = app;
