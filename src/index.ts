/** The Intelligems app definition Zapier loads (through ../index.js). */
import { version as platformVersion } from 'zapier-platform-core';
import packageJson from '../package.json';
import { addIntelligemsAuth } from './api/middleware';
import { authentication } from './authentication';
import { eventTriggers } from './triggers/experience-event-triggers';

const app = {
  version: packageJson.version,
  platformVersion,
  authentication,
  beforeRequest: [addIntelligemsAuth],
  afterResponse: [],
  triggers: {
    ...eventTriggers,
  },
  searches: {},
  creates: {},
  resources: {},
};

export = app;
