/**
 * Signed deliveries of a given size, shaped like real ones: a content test whose size comes from what makes real
 * experiences big (onsite edits carrying HTML, a long action history, several variations), not from padding.
 */
import { SAMPLE_EXPERIENCE, SAMPLE_ORGANIZATION } from '../src/items/sample-data';
import { sign } from '../src/webhook/signature';

export const BENCH_SECRET = 'b7e1f0c2d3a4958676a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3';

export interface SignedDelivery {
  content: string;
  signature: string;
  headers: Record<string, string>;
  bytes: number;
}

function onsiteEdit(index: number) {
  return {
    id: `edit_${index}`,
    selector: `#shopify-section-template--${1000 + index} .product__info-wrapper > div:nth-child(${(index % 7) + 1})`,
    html: `<div class="badge badge--sale" data-edit="${index}"><span>Save ${index % 40}% on tents — this week only</span><p>${'Free returns within 30 days. '.repeat(120)}</p></div>`,
  };
}

/** A delivery body of roughly `targetBytes` bytes. */
export function deliveryOfSize(targetBytes: number, now: number = Date.now()): SignedDelivery {
  const experience: Record<string, unknown> = {
    ...SAMPLE_EXPERIENCE,
    type: 'content/onsiteEdits',
    name: 'Product page badges',
    variations: Array.from({ length: 4 }, (_, i) => ({
      id: `var_${i}`,
      name: i === 0 ? 'Control' : `Badge ${i}`,
      percentage: 25,
      isControl: i === 0,
      order: i,
    })),
    testTypes: { hasTestContent: true, hasTestContentOnsiteEdits: true },
  };
  const base = {
    action: 'updateExperience',
    timestamp: now - 1000,
    experience,
    organization: SAMPLE_ORGANIZATION,
    triggeredBy: { email: 'jane@acme.example', name: 'Jane Doe' },
  };
  const editBytes = JSON.stringify(onsiteEdit(0)).length + 1;
  const editCount = Math.max(0, Math.floor((targetBytes - JSON.stringify(base).length - 200) / editBytes));
  if (editCount > 0) experience.onsiteEdits = Array.from({ length: editCount }, (_, i) => onsiteEdit(i));
  // The action history fills the rest, a hundred-odd bytes at a time.
  const history: unknown[] = [];
  experience.experienceActions = history;
  let content = JSON.stringify(base);
  while (content.length < targetBytes - 70) {
    history.push({
      id: `act_${history.length}`,
      experienceId: SAMPLE_EXPERIENCE.id,
      action: history.length % 2 === 0 ? 'start' : 'pause',
      actionTs: now - 86_400_000 + history.length,
    });
    content = JSON.stringify(base);
  }
  const signature = sign(BENCH_SECRET, content);
  return { content, signature, headers: { 'Content-Type': 'application/json', 'Http-X-Intelligems-Signature': signature }, bytes: Buffer.byteLength(content) };
}
