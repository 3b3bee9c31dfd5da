/**
 * Reading a delivery's headers, the one lookup every runtime shares: the trigger reads the bag Zapier hands its
 * perform, and `npm run inspect-delivery` the headers in a captured file (which, from a Catch Raw Hook, are in
 * Zapier's form too). The pipeline itself (./check-delivery.ts) takes header values, never a header bag.
 */
export type HeaderBag = Record<string, string | string[] | undefined> | undefined | null;

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
