// HTTP bodies of single sign-on through the relay (OpenID Connect, authorization code with PKCE) and of the
// admin's read-only view of the organisation.
import { z } from 'zod';
import { IdSchema, RoleSchema, TimestampSchema } from './entities.ts';

export const SSO_PROVIDERS_PATH = '/v1/sso';
export const SSO_START_PATH = '/v1/sso/start';
export const SSO_CALLBACK_PATH = '/v1/sso/callback';
export const SSO_REDEEM_PATH = '/v1/sso/redeem';
export const ORG_OVERVIEW_PATH = '/v1/admin/overview';

/** Organisations on this relay that sign in through their identity provider. */
export const SsoProvidersSchema = z.object({
  providers: z.array(z.object({ orgId: IdSchema, name: z.string() })),
});

/** A PKCE S256 challenge: base64url of a SHA-256 digest. */
export const PkceChallengeSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url SHA-256 digest (43 characters)');
/** A PKCE verifier (RFC 7636: 43 to 128 unreserved characters). */
export const PkceVerifierSchema = z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/, 'must be 43 to 128 unreserved characters');

export const SsoStartRequestSchema = z.object({
  orgId: IdSchema,
  /** Where the relay sends the browser back when sign-in ends: the extension's web-auth redirect URL. */
  redirectUri: z.string().url().max(300),
  /** The extension's own PKCE challenge, checked when it redeems the relay's one-time code. */
  codeChallenge: PkceChallengeSchema,
});
export const SsoStartResponseSchema = z.object({ authorizeUrl: z.string().url() });

export const SsoRedeemRequestSchema = z.object({
  code: z.string().min(20).max(200),
  codeVerifier: PkceVerifierSchema,
  deviceName: z.string().trim().max(100).optional(),
});

export const OrgOverviewSchema = z.object({
  org: z.object({ id: IdSchema, name: z.string() }),
  teams: z.array(z.object({ id: IdSchema, name: z.string(), members: z.number().int().nonnegative() })),
  people: z.array(
    z.object({
      id: IdSchema,
      name: z.string(),
      role: RoleSchema,
      teams: z.array(z.string()),
      signsInWith: z.enum(['sso', 'code']),
    }),
  ),
  devices: z.array(
    z.object({
      tokenId: IdSchema,
      userId: IdSchema,
      userName: z.string(),
      deviceName: z.string(),
      createdAt: TimestampSchema,
      lastUsedAt: TimestampSchema.nullable(),
      revokedAt: TimestampSchema.nullable(),
    }),
  ),
  sso: z
    .object({
      issuer: z.string(),
      clientId: z.string(),
      groupsClaim: z.string(),
      mappings: z.array(z.object({ group: z.string(), grants: z.string() })),
      updatedAt: TimestampSchema,
    })
    .nullable(),
});

export type SsoProviders = z.infer<typeof SsoProvidersSchema>;
export type SsoStartRequest = z.infer<typeof SsoStartRequestSchema>;
export type SsoStartResponse = z.infer<typeof SsoStartResponseSchema>;
export type SsoRedeemRequest = z.infer<typeof SsoRedeemRequestSchema>;
export type OrgOverview = z.infer<typeof OrgOverviewSchema>;
