import { createHmac } from 'node:crypto';
import { decodeSignature, sign, verifySignature } from '../../../src/webhook/signature';

// Known-answer vector, computed independently with:
//   printf '%s' '{"action":"startExperience","timestamp":1764412200000}' | openssl dgst -sha256 -hmac 'whsec_known_answer_vector_0001'
const KAT = {
  secret: 'whsec_known_answer_vector_0001',
  body: '{"action":"startExperience","timestamp":1764412200000}',
  signature: '3bdbfc023484739804085ff622b9ed979071cda1bf02b5b00c5e4f63d8576d53',
};

describe('sign', () => {
  it('matches the known-answer vector', () => {
    expect(sign(KAT.secret, KAT.body)).toBe(KAT.signature);
  });

  it('signs bytes: a string and its UTF-8 buffer give the same signature', () => {
    const body = '{"name":"Été ☀️"}';
    expect(sign('s', body)).toBe(sign('s', Buffer.from(body, 'utf8')));
  });
});

describe('verifySignature', () => {
  it('accepts the known-answer vector and hands back the signature bytes', () => {
    const result = verifySignature(KAT.body, KAT.signature, [KAT.secret]);
    expect(result.ok && result.received.toString('hex')).toBe(KAT.signature);
  });

  it('accepts upper-case hex and a sha256= prefix', () => {
    expect(verifySignature(KAT.body, KAT.signature.toUpperCase(), [KAT.secret])).toMatchObject({ ok: true });
    expect(verifySignature(KAT.body, `sha256=${KAT.signature}`, [KAT.secret])).toMatchObject({ ok: true });
    expect(verifySignature(KAT.body, ` SHA256=${KAT.signature} `, [KAT.secret])).toMatchObject({ ok: true });
  });

  it('accepts a match against any of several secrets (rotation)', () => {
    expect(verifySignature(KAT.body, KAT.signature, ['old-secret', KAT.secret])).toMatchObject({ ok: true });
    expect(verifySignature(KAT.body, KAT.signature, [KAT.secret, 'new-secret'])).toMatchObject({ ok: true });
  });

  it('says missing for no header or a blank one', () => {
    expect(verifySignature(KAT.body, undefined, [KAT.secret])).toEqual({ ok: false, problem: 'missing' });
    expect(verifySignature(KAT.body, '  ', [KAT.secret])).toEqual({ ok: false, problem: 'missing' });
  });

  it('says malformed for a truncated, over-long or non-hex signature', () => {
    expect(verifySignature(KAT.body, KAT.signature.slice(0, 63), [KAT.secret])).toEqual({ ok: false, problem: 'malformed' });
    expect(verifySignature(KAT.body, `${KAT.signature}00`, [KAT.secret])).toEqual({ ok: false, problem: 'malformed' });
    expect(verifySignature(KAT.body, `${KAT.signature.slice(0, 63)}g`, [KAT.secret])).toEqual({ ok: false, problem: 'malformed' });
    expect(verifySignature(KAT.body, Buffer.from(KAT.signature, 'hex').toString('base64'), [KAT.secret])).toEqual({ ok: false, problem: 'malformed' });
  });

  it('says mismatch for another secret, an altered body, or a signature of other bytes', () => {
    expect(verifySignature(KAT.body, KAT.signature, ['wrong'])).toEqual({ ok: false, problem: 'mismatch' });
    expect(verifySignature(`${KAT.body} `, KAT.signature, [KAT.secret])).toEqual({ ok: false, problem: 'mismatch' });
    const otherBytes = createHmac('sha256', KAT.secret).update(`x${KAT.body}`).digest('hex');
    expect(verifySignature(KAT.body, otherBytes, [KAT.secret])).toEqual({ ok: false, problem: 'mismatch' });
  });

  it('says mismatch when there are no secrets at all', () => {
    expect(verifySignature(KAT.body, KAT.signature, [])).toEqual({ ok: false, problem: 'mismatch' });
  });
});

describe('decodeSignature', () => {
  it('returns the 32 signature bytes', () => {
    expect(decodeSignature(KAT.signature)?.toString('hex')).toBe(KAT.signature);
  });
  it('returns null for anything but 64 hex characters', () => {
    expect(decodeSignature('abc')).toBeNull();
    expect(decodeSignature('sha256=')).toBeNull();
  });
});
