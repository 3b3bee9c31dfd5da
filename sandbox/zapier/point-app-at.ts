/**
 * Points the app's API client at another address, as a `.env` with INTELLIGEMS_API_URL does for
 * `zapier-platform invoke` (src/api/base-url.ts reads it on every call), and gives back what puts the previous value
 * back: unset again if it was unset.
 */
export function pointAppAt(url: string): () => void {
  const previous = process.env.INTELLIGEMS_API_URL;
  process.env.INTELLIGEMS_API_URL = url;
  return () => {
    if (previous === undefined) delete process.env.INTELLIGEMS_API_URL;
    else process.env.INTELLIGEMS_API_URL = previous;
  };
}
