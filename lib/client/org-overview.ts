// The admin's overview of their organisation, asked from the relay with the device token (GET /v1/admin/overview);
// every failure is a sentence.
import { HttpErrorSchema, ORG_OVERVIEW_PATH, OrgOverviewSchema, type OrgOverview } from '../protocol/index.ts';
import { checkRelayUrl } from './relay-url.ts';

export type OverviewOutcome = { ok: true; overview: OrgOverview } | { ok: false; message: string };

export async function fetchOrgOverview(relayUrl: string, token: string, fetchImpl: typeof fetch = fetch): Promise<OverviewOutcome> {
  const check = checkRelayUrl(relayUrl);
  if (!check.ok) return { ok: false, message: check.message };
  let response: Response;
  try {
    response = await fetchImpl(check.base + ORG_OVERVIEW_PATH, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(15_000) });
  } catch {
    return { ok: false, message: `Cannot reach the relay at ${check.base}.` };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = OrgOverviewSchema.safeParse(body);
    return parsed.success ? { ok: true, overview: parsed.data } : { ok: false, message: 'The relay answered with an overview this extension cannot read.' };
  }
  const error = HttpErrorSchema.safeParse(body);
  return { ok: false, message: error.success ? `The relay refused the overview: ${error.data.message}.` : `The relay refused the overview (HTTP ${response.status}).` };
}
