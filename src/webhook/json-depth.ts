/**
 * Whether a parsed JSON value nests deeper than `maxDepth` (the value itself is level 1). Recursive but bounded:
 * it stops as soon as it passes `maxDepth`, so at most `maxDepth + 1` frames deep, however deep the input — a few
 * thousand levels already overflow Zapier's own recursive handling of the trigger output.
 */
export function exceedsDepth(value: unknown, maxDepth: number, depth = 1): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth > maxDepth) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (exceedsDepth(value[i], maxDepth, depth + 1)) return true;
    return false;
  }
  for (const key in value) {
    if (exceedsDepth((value as Record<string, unknown>)[key], maxDepth, depth + 1)) return true;
  }
  return false;
}
