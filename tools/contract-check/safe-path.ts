import { UnsafePathSegmentError } from '../../src/contract/published';

/** A path built from an ID Intelligems gave, or null when that ID would change the address (`..`, a slash). */
export function safePath(build: () => string): string | null {
  try {
    return build();
  } catch (error) {
    if (error instanceof UnsafePathSegmentError) return null;
    throw error;
  }
}
