import { redact } from '../../../src/api/secrets';
import { apiKeyAsSent, secretsOf } from '../../../src/api/secrets';

describe('secretsOf', () => {
  it('names every secret as stored and as used, longest first', () => {
    const bundle = { authData: { apiKey: 'ig_key_1234\n', webhookSecret: ' account-secret ' }, subscribeData: { id: 'wh_1', secret: 'sub-secret-abc' } };
    const secrets = secretsOf(bundle, ['sent-secret-xyz']);
    expect([...secrets].sort()).toEqual([' account-secret ', 'account-secret', 'ig_key_1234', 'ig_key_1234\n', 'sent-secret-xyz', 'sub-secret-abc']);
    expect(secrets.map((s) => s.length)).toEqual(secrets.map((s) => s.length).sort((a, b) => b - a));
    expect(apiKeyAsSent(bundle)).toBe('ig_key_1234');
  });

  it('removes a secret that contains another one whole, leaving no piece of it', () => {
    const bundle = { authData: { apiKey: 'abcd1234', webhookSecret: 'xx-abcd1234-yy' } };
    expect(redact('echo xx-abcd1234-yy and abcd1234', secretsOf(bundle))).toBe('echo [redacted] and [redacted]');
  });

  it('ignores what is not a secret string', () => {
    expect(secretsOf({ authData: {}, subscribeData: { id: 'wh_1', secret: 42 } as never })).toEqual([]);
  });
});
