// Single sign-on from the extension's side: which organisations on a relay sign in through their identity provider,
// starting a sign-in with the extension's own PKCE pair, reading where the web-auth window ended, and redeeming the
// relay's one-time code for a device token. Every failure is a sentence for the person signing in.
import {
  EnrollResponseSchema,
  HttpErrorSchema,
  SSO_PROVIDERS_PATH,
  SSO_REDEEM_PATH,
  SSO_START_PATH,
  SsoProvidersSchema,
  SsoStartResponseSchema,
  type SsoProviders,
} from '../protocol/index.ts';
import type { EnrollOutcome } from './enroll.ts';
import { checkRelayUrl } from './relay-url.ts';

export type SsoProvider = SsoProviders['providers'][number];
export type ProvidersOutcome = { ok: true; providers: SsoProvider[] } | { ok: false; message: string };
export type StartedSignIn = { ok: true; authorizeUrl: string; codeVerifier: string } | { ok: false; message: string };
export type SsoRedirect = { ok: true; code: string } | { ok: false; message: string };

/** Organisations that sign in through a provider on this relay; none for a relay without single sign-on. */
export async function listSsoProviders(relayUrl: string, fetchImpl: typeof fetch = fetch): Promise<ProvidersOutcome> {
  const check = checkRelayUrl(relayUrl);
  if (!check.ok) return { ok: false, message: check.message };
  try {
    const response = await fetchImpl(check.base + SSO_PROVIDERS_PATH, { signal: AbortSignal.timeout(10_000) });
    if (response.status === 404) return { ok: true, providers: [] };
    const parsed = SsoProvidersSchema.safeParse(await response.json());
    return parsed.success ? { ok: true, providers: parsed.data.providers } : { ok: false, message: `${check.base} answered, but not like an Undertone relay.` };
  } catch {
    return { ok: false, message: `Cannot reach the relay at ${check.base}.` };
  }
}

function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A PKCE verifier and its S256 challenge (RFC 7636). */
export async function newPkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  return { verifier, challenge: base64url(digest) };
}

/** Asks the relay for the provider's sign-in address; the verifier stays with the caller for `redeemSsoCode`. */
export async function startSsoSignIn(relayUrl: string, orgId: string, redirectUri: string, fetchImpl: typeof fetch = fetch): Promise<StartedSignIn> {
  const check = checkRelayUrl(relayUrl);
  if (!check.ok) return { ok: false, message: check.message };
  const { verifier, challenge } = await newPkcePair();
  let response: Response;
  try {
    response = await fetchImpl(check.base + SSO_START_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orgId, redirectUri, codeChallenge: challenge }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    return { ok: false, message: `Cannot reach the relay at ${check.base}. Check your network, then try again.` };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = SsoStartResponseSchema.safeParse(body);
    if (parsed.success) return { ok: true, authorizeUrl: parsed.data.authorizeUrl, codeVerifier: verifier };
  }
  const error = HttpErrorSchema.safeParse(body);
  return { ok: false, message: error.success ? `The relay cannot start the sign-in: ${error.data.message}.` : `The relay cannot start the sign-in (HTTP ${response.status}).` };
}

/** Reads the address the web-auth window ended on: the relay's one-time code, or why the sign-in was refused. */
export function readSsoRedirect(finalUrl: string): SsoRedirect {
  let url: URL;
  try {
    url = new URL(finalUrl);
  } catch {
    return { ok: false, message: 'The sign-in window ended without an answer. Try again.' };
  }
  const error = url.searchParams.get('error');
  if (error) {
    const why = url.searchParams.get('error_description');
    return { ok: false, message: `Sign-in refused: ${why ?? error}.` };
  }
  const code = url.searchParams.get('code');
  return code ? { ok: true, code } : { ok: false, message: 'The sign-in window ended without an answer. Try again.' };
}

/** Exchanges the relay's one-time code and this sign-in's verifier for a device token. */
export async function redeemSsoCode(relayUrl: string, code: string, codeVerifier: string, deviceName?: string, fetchImpl: typeof fetch = fetch): Promise<EnrollOutcome> {
  const check = checkRelayUrl(relayUrl);
  if (!check.ok) return { ok: false, message: check.message };
  let response: Response;
  try {
    response = await fetchImpl(check.base + SSO_REDEEM_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, codeVerifier, ...(deviceName ? { deviceName } : {}) }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    return { ok: false, message: `Cannot reach the relay at ${check.base}. Check your network, then try again.` };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = EnrollResponseSchema.safeParse(body);
    if (parsed.success) return { ok: true, enrollment: parsed.data, relayUrl: check.base };
    return { ok: false, message: `${check.base} answered, but not like an Undertone relay.` };
  }
  const error = HttpErrorSchema.safeParse(body);
  return { ok: false, message: error.success ? `Sign-in refused: ${error.data.message}.` : `The relay refused the sign-in (HTTP ${response.status}).` };
}
