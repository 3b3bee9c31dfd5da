/** "Find Experience": by ID, or by name (exact or contains) with an optional status. `[]` when nothing matches. */
import { defineInputFields, defineSearch, type InferInputData, type SearchPerform } from 'zapier-platform-core';
import { apiClient } from '../api/client';
import { EXPERIENCE_STATUSES, type Experience } from '../contract/published';
import { experienceRecordOutputFields } from '../items/experience/output-fields';
import { experienceRecordSample } from '../items/experience/sample';
import { toExperienceRecord, type ExperienceRecord } from '../items/experience/record';
import { readInput } from '../errors';
import { experienceIdField } from '../inputs/experience-id';
import { matchesQuery, newestFirst, readExperienceQuery, SEARCH_FIELD_LABELS } from './experience-query';
import { choicesOf } from '../inputs/choices';

const findExperienceInputFields = defineInputFields([
  experienceIdField({ required: false, helpText: 'Find this experience. Leave empty to search by name instead.' }),
  {
    key: 'name',
    label: SEARCH_FIELD_LABELS.name,
    type: 'string',
    required: false,
    helpText: 'The experience name to look for, case-insensitive. When several match, the newest comes first.',
  },
  {
    key: 'name_match',
    label: SEARCH_FIELD_LABELS.nameMatch,
    type: 'string',
    required: false,
    default: 'exact',
    choices: choicesOf([
      ['exact', 'Exact Name'],
      ['contains', 'Name Contains'],
    ]),
    helpText: 'Whether the name must match exactly (ignoring letter case) or only appear in the experience name.',
  },
  {
    key: 'status',
    label: SEARCH_FIELD_LABELS.status,
    type: 'string',
    required: false,
    choices: choicesOf(EXPERIENCE_STATUSES.map((status) => [status, status.charAt(0).toUpperCase() + status.slice(1)])),
    helpText: 'Only find experiences with this status. Leave empty for any status.',
  },
]);

const findExperience = (async (z, bundle) => {
  const query = readInput(z, () => readExperienceQuery(bundle.inputData));
  const client = apiClient(z, bundle);
  let candidates: Experience[];
  if (query.experienceId !== null) {
    const found = await client.findExperience(query.experienceId, `finding experience “${query.experienceId}”`);
    // An unknown ID is "not found" for a search, so the Zap's "if nothing is found" branch can act on it.
    if (found === null) return [];
    candidates = [found];
  } else {
    candidates = await client.listAllExperiences(query.status ? { status: query.status } : {}, 'searching experiences by name');
  }
  return newestFirst(candidates.filter((experience) => matchesQuery(query, experience))).map(toExperienceRecord);
}) satisfies SearchPerform<InferInputData<typeof findExperienceInputFields>, ExperienceRecord>;

export const findExperienceSearch = defineSearch({
  key: 'find_experience',
  noun: 'Experience',
  display: {
    label: 'Find Experience',
    description: 'Finds an experience by its ID, or by its name (optionally only with a given status).',
  },
  operation: {
    inputFields: findExperienceInputFields,
    perform: findExperience,
    sample: experienceRecordSample(),
    outputFields: experienceRecordOutputFields,
  },
});
