import type { z } from 'zod';

/** "experience.id: expected a string" — the first few problems, each with the path of the field, for users. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(the whole body)';
    // zod says "received undefined" for a missing field: say it the way a user would.
    return `${path}: ${issue.message.replace(/, received undefined$/, ', but it is missing')}`;
  });
  const more = error.issues.length > max ? ` (and ${error.issues.length - max} more)` : '';
  return parts.join('; ') + more;
}
