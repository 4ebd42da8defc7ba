// Single sign-on through the organisation's OpenID Connect provider: settings, sign-in flow, ID token checks, routes.
export { SsoStore, type SsoConfig } from './sso-store.ts';
export { SsoSignIn, pkceChallenge } from './sso-sign-in.ts';
export { ProviderMetadataCache, ProviderError, fetchDiscovery } from './provider-metadata.ts';
export { verifyIdToken, IdTokenError } from './id-token.ts';
export { createSsoRoutes } from './sso-routes.ts';
export { applyGroupRules, parseGroupRule, describeGrant, type GroupRule } from './group-mapping.ts';
