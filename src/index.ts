/** The Intelligems app definition Zapier loads (through ../index.js). */
import { defineApp, version as platformVersion } from 'zapier-platform-core';
// The named import lets the bundle inline the version alone, not all of package.json (scripts, devDependencies).
import { version } from '../package.json';
import { authentication } from './authentication';
import { addIntelligemsAuth } from './middleware';
import { withoutBundleContextEverywhere } from './errors';
import { experienceActionCreates } from './creates/experience-actions';
import { findExperienceSearch } from './searches/find-experience';
import { experienceEventTriggers } from './triggers/experience-events';
import { experienceListTrigger } from './triggers/experience-list';
import { experimentSignificantTrigger } from './triggers/experiment-significant';
import { experimentResultsDailyTrigger } from './triggers/experiment-results-daily';
import { variationListTrigger } from './triggers/variation-list';
import { experienceResultsSearch } from './searches/experience-results';

const app = defineApp({
  version,
  platformVersion,
  authentication,
  beforeRequest: [addIntelligemsAuth],
  afterResponse: [],
  triggers: {
    ...experienceEventTriggers,
    [experimentSignificantTrigger.key]: experimentSignificantTrigger,
    [experienceListTrigger.key]: experienceListTrigger,
    [experimentResultsDailyTrigger.key]: experimentResultsDailyTrigger,
    [variationListTrigger.key]: variationListTrigger,
  },
  searches: {
    [findExperienceSearch.key]: findExperienceSearch,
    [experienceResultsSearch.key]: experienceResultsSearch,
  },
  creates: {
    ...experienceActionCreates,
  },
  resources: {},
});

export = withoutBundleContextEverywhere(app);
