/**
 * How deeply a parsed JSON value nests. Iterative on purpose: a recursive walk would overflow the stack on the very
 * input it exists to catch (a few thousand levels already overflow Zapier's own recursive output handling).
 */
export function exceedsDepth(value: unknown, maxDepth: number): boolean {
  const nodes: unknown[] = [value];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop() as number;
    if (node === null || typeof node !== 'object') continue;
    if (depth > maxDepth) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') {
        nodes.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}
