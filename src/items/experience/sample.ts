/** Static samples built by the same shaping as real answers, typed with the output type. */
import type { ExperienceStatus } from '../../contract/published';
import { SAMPLE_EXPERIENCE } from '../sample-data';
import { toExperienceRecord, type ExperienceRecord } from './record';

/** The sample experience as it looks after an action left it in `status`. */
export function experienceRecordSample(status: ExperienceStatus = SAMPLE_EXPERIENCE.status): ExperienceRecord {
  const at = 1764930600000;
  return toExperienceRecord({
    ...SAMPLE_EXPERIENCE,
    status,
    lastUpdateTs: status === SAMPLE_EXPERIENCE.status ? SAMPLE_EXPERIENCE.lastUpdateTs : at,
    pausedAtTs: status === 'paused' ? at : SAMPLE_EXPERIENCE.pausedAtTs,
    endedAtTs: status === 'ended' ? at : SAMPLE_EXPERIENCE.endedAtTs,
  });
}
