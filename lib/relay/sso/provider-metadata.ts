// An identity provider's OpenID Connect discovery document, fetched once an hour, with its signing keys (JWKS)
// through jose's remote key set (which refetches when a token names an unknown key).
import { createRemoteJWKSet } from 'jose';
import { z } from 'zod';

export const DiscoverySchema = z.object({
  issuer: z.string().url(),
  authorization_endpoint: z.string().url(),
  token_endpoint: z.string().url(),
  jwks_uri: z.string().url(),
  userinfo_endpoint: z.string().url().optional(),
  token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
  code_challenge_methods_supported: z.array(z.string()).optional(),
  id_token_signing_alg_values_supported: z.array(z.string()).optional(),
});
export type Discovery = z.infer<typeof DiscoverySchema>;

export interface ProviderMetadata {
  discovery: Discovery;
  keys: ReturnType<typeof createRemoteJWKSet>;
}

/** A provider that cannot be used as configured; the message says what to check. */
export class ProviderError extends Error {}

const CACHE_MS = 3600_000;

export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/** Fetches and checks a discovery document: its `issuer` must be exactly the configured issuer. */
export async function fetchDiscovery(issuer: string, fetchImpl: typeof fetch = fetch): Promise<Discovery> {
  const url = discoveryUrl(issuer);
  let response: Response;
  try {
    response = await fetchImpl(url, { signal: AbortSignal.timeout(10_000), headers: { accept: 'application/json' } });
  } catch (error) {
    throw new ProviderError(`cannot reach the identity provider at ${url}: ${(error as Error).message}`);
  }
  if (!response.ok) throw new ProviderError(`the identity provider answered HTTP ${response.status} for ${url}; check the issuer URL`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ProviderError(`${url} is not a JSON discovery document; check the issuer URL`);
  }
  const parsed = DiscoverySchema.safeParse(body);
  if (!parsed.success) throw new ProviderError(`${url} is not an OpenID Connect discovery document (${parsed.error.issues[0]?.path.join('.')} missing or wrong)`);
  if (parsed.data.issuer !== issuer) {
    throw new ProviderError(`the provider at ${url} calls itself "${parsed.data.issuer}", not "${issuer}"; set --issuer to exactly that`);
  }
  return parsed.data;
}

/** Discovery documents and key sets by issuer, refreshed after an hour. */
export class ProviderMetadataCache {
  private readonly entries = new Map<string, { at: number; value: Promise<ProviderMetadata> }>();

  constructor(private readonly fetchImpl: typeof fetch = fetch) {}

  get(issuer: string, now = Date.now()): Promise<ProviderMetadata> {
    const hit = this.entries.get(issuer);
    if (hit && now - hit.at < CACHE_MS) return hit.value;
    const value = fetchDiscovery(issuer, this.fetchImpl).then((discovery) => ({
      discovery,
      keys: createRemoteJWKSet(new URL(discovery.jwks_uri), { timeoutDuration: 10_000 }),
    }));
    this.entries.set(issuer, { at: now, value });
    // A failure is not remembered: the next sign-in asks again.
    value.catch(() => {
      if (this.entries.get(issuer)?.value === value) this.entries.delete(issuer);
    });
    return value;
  }
}
