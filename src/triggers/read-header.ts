/**
 * Reading a hook request's headers, Zapier's way: the one place that knows how Zapier hands them over, so the pure
 * delivery core (src/webhook) takes a signature value and never a header bag.
 */
type HeaderBag = Record<string, string | string[] | undefined> | undefined | null;

/**
 * A header by name, case-insensitively, in the plain form and in the `Http-` form Zapier gives hook headers
 * (`X-Intelligems-Signature` arrives as `Http-X-Intelligems-Signature`).
 */
export function readHeader(headers: HeaderBag, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const wanted = name.toLowerCase();
  const zapierForm = `http-${wanted}`;
  for (const [key, value] of Object.entries(headers)) {
    const lower = key.toLowerCase();
    if (lower === wanted || lower === zapierForm) {
      const first = Array.isArray(value) ? value[0] : value;
      if (typeof first === 'string') return first;
    }
  }
  return undefined;
}
