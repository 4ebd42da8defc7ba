// Relay-issued ids, device tokens and enrollment codes: random, and stored only as SHA-256 hashes.
import { createHash, randomBytes, randomInt } from 'node:crypto';

const ID_BYTES = 12;
const POOL_IDS = 256;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/** A relay id such as `usr_3k9F…`: a type prefix and 16 random url-safe characters (drawn from a pooled buffer). */
export function newId(prefix: 'org' | 'team' | 'usr' | 'tok' | 'msg' | 'enr' | 'ses'): string {
  if (poolOffset + ID_BYTES > pool.length) {
    pool = randomBytes(ID_BYTES * POOL_IDS);
    poolOffset = 0;
  }
  const id = pool.toString('base64url', poolOffset, poolOffset + ID_BYTES);
  poolOffset += ID_BYTES;
  return `${prefix}_${id}`;
}

/**
 * A message id that sorts by creation time (milliseconds in base 36, fixed width) followed by 16 random
 * characters: new rows land at the end of the id index instead of on random pages, which keeps commits small.
 */
export function newMessageId(now = Date.now()): string {
  return `msg_${now.toString(36).padStart(9, '0')}${newId('msg').slice(4)}`;
}

/** A device token: 32 random bytes, shown once and stored only as a hash. */
export function newDeviceToken(): string {
  return `ut1_${randomBytes(32).toString('base64url')}`;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** An enrollment code a person can type: 12 characters from an unambiguous alphabet, in groups of four. */
export function newEnrollmentCode(): string {
  let code = '';
  for (let i = 0; i < 12; i++) {
    if (i > 0 && i % 4 === 0) code += '-';
    code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  }
  return code;
}

/** Enrollment codes are compared without case, spaces or dashes. */
export function normaliseEnrollmentCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
