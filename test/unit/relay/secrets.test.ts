// Ids, tokens and enrollment codes: format, randomness and the normalisation of typed codes.
import { describe, expect, it } from 'vitest';
import { hashSecret, newDeviceToken, newEnrollmentCode, newId, normaliseEnrollmentCode } from '../../../lib/relay/identity/secrets.ts';

describe('secrets', () => {
  it('makes prefixed ids that do not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId('usr')));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^usr_[A-Za-z0-9_-]{16}$/);
  });

  it('makes tokens with 256 bits of randomness, hashed one way', () => {
    const token = newDeviceToken();
    expect(token).toMatch(/^ut1_[A-Za-z0-9_-]{43}$/);
    expect(hashSecret(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(token)).not.toContain(token.slice(4, 20));
  });

  it('makes typeable codes without look-alike characters and reads them back however typed', () => {
    const code = newEnrollmentCode();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(normaliseEnrollmentCode(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toBe(code.replace(/-/g, ''));
  });
});

describe('message ids', () => {
  it('sort by creation time and still do not repeat', async () => {
    const { newMessageId } = await import('../../../lib/relay/identity/secrets.ts');
    const early = newMessageId(1_700_000_000_000);
    const late = newMessageId(1_700_000_000_001);
    expect(early < late).toBe(true);
    expect(early).toMatch(/^msg_[0-9a-z]{9}[A-Za-z0-9_-]{16}$/);
    const ids = new Set(Array.from({ length: 1000 }, () => newMessageId(1_700_000_000_000)));
    expect(ids.size).toBe(1000);
  });
});
