// Sign-in: exchanges an enrollment code for a device token over HTTP, with every failure in words.
import { EnrollResponseSchema, HttpErrorSchema, type EnrollResponse } from '../protocol/index.ts';
import { checkRelayUrl, relayEnrollUrl, type RelayUrlOptions } from './relay-url.ts';

export type EnrollOutcome = { ok: true; enrollment: EnrollResponse; relayUrl: string } | { ok: false; message: string };

const CODE_MESSAGES: Record<string, string> = {
  code_invalid: 'That enrollment code is not valid. Check it, or ask your administrator for a new one.',
  code_expired: 'That enrollment code has expired. Ask your administrator for a new one.',
  code_used: 'That enrollment code was already used. Each code works once; ask your administrator for a new one.',
  invalid_frame: 'The relay did not accept the enrollment request',
};

export async function enrollDevice(
  relayUrl: string,
  code: string,
  deviceName?: string,
  fetchImpl: typeof fetch = fetch,
  urlOptions: RelayUrlOptions = {},
): Promise<EnrollOutcome> {
  const check = checkRelayUrl(relayUrl, urlOptions);
  if (!check.ok) return { ok: false, message: check.message };
  if (!code.trim()) return { ok: false, message: 'Enter the enrollment code your administrator gave you.' };
  let response: Response;
  try {
    response = await fetchImpl(relayEnrollUrl(check.base, urlOptions), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(deviceName ? { code: code.trim(), deviceName } : { code: code.trim() }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    return { ok: false, message: `Cannot reach the relay at ${check.base}. Check the URL and your network, then try again.` };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { ok: false, message: `${check.base} answered, but not like an Undertone relay (HTTP ${response.status}). Check the URL.` };
  }
  if (response.ok) {
    const parsed = EnrollResponseSchema.safeParse(body);
    if (parsed.success) return { ok: true, enrollment: parsed.data, relayUrl: check.base };
    return { ok: false, message: `${check.base} answered, but not like an Undertone relay. Check the URL.` };
  }
  const error = HttpErrorSchema.safeParse(body);
  if (!error.success) return { ok: false, message: `The relay refused the sign-in (HTTP ${response.status}).` };
  const known = CODE_MESSAGES[error.data.error];
  return { ok: false, message: known ? (error.data.error === 'invalid_frame' ? `${known}: ${error.data.message}` : known) : `The relay refused the sign-in: ${error.data.message}` };
}
