// Checks an ID token the way OpenID Connect requires before the relay trusts it: signature by one of the
// provider's published keys, issuer, audience (and authorized party), expiry, and the nonce of this sign-in.
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** A token the relay refuses; `message` says why in words an admin can act on. */
export class IdTokenError extends Error {}

export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  nonce: string;
  keys: JWTVerifyGetKey;
  now?: Date;
}

/** Allowed clock difference between the relay and the provider. */
const CLOCK_TOLERANCE_S = 60;
/** Asymmetric algorithms only: keys come from the provider's JWKS, never from the client secret. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

export async function verifyIdToken(idToken: string, expect: IdTokenExpectations): Promise<JWTPayload & { sub: string }> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, expect.keys, {
      issuer: expect.issuer,
      audience: expect.clientId,
      algorithms: ALGORITHMS,
      clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ['sub', 'exp', 'iat'],
      ...(expect.now ? { currentDate: expect.now } : {}),
    }));
  } catch (error) {
    throw new IdTokenError(describe(error, idToken, expect));
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (audiences.length > 1 && payload.azp !== expect.clientId) {
    throw new IdTokenError(`the ID token names several audiences but its authorized party is "${String(payload.azp)}", not this relay's client id`);
  }
  if (payload.nonce !== expect.nonce) {
    throw new IdTokenError('the ID token does not carry the nonce of this sign-in (a replayed or foreign token)');
  }
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new IdTokenError('the ID token names no subject');
  return payload as JWTPayload & { sub: string };
}

function describe(error: unknown, idToken: string, expect: IdTokenExpectations): string {
  const claims = unverifiedClaims(idToken);
  if (error instanceof errors.JWTExpired) return `the ID token expired at ${when(claims.exp)}`;
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return `the ID token was issued by "${String(claims.iss)}", not by the configured issuer "${expect.issuer}"`;
      case 'aud':
        return `the ID token is meant for ${JSON.stringify(claims.aud)}, not for this relay's client id "${expect.clientId}"`;
      case 'nbf':
        return `the ID token is not valid before ${when(claims.nbf)}; check the clocks of the relay and the provider`;
      case 'iat':
        return 'the ID token claims to be issued in the future; check the clocks of the relay and the provider';
      default:
        return `the ID token's "${error.claim}" claim is missing or wrong`;
    }
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the ID token signature does not match the provider\'s published key (a forged or altered token)';
  if (error instanceof errors.JWKSNoMatchingKey) return 'the ID token is signed with a key the provider does not publish (a forged token, or keys rotated mid-sign-in)';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the ID token uses a signing algorithm the relay does not accept (only public-key signatures)';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return 'the provider\'s signing keys (JWKS) could not be read';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'the ID token is not a well-formed signed JWT';
  return `the ID token could not be checked: ${(error as Error).message}`;
}

function unverifiedClaims(idToken: string): Record<string, unknown> {
  try {
    const part = idToken.split('.')[1] ?? '';
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function when(seconds: unknown): string {
  return typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : 'an unknown time';
}
