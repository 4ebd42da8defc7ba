// The extension's relay client: connection, outbox, stream position and thread cache, all in IndexedDB.
export { RelayConnection, type ConnectionState, type ConnectionStatus, type OutboxResult, type WebSocketLike } from './relay-connection.ts';
export { openClientDb, clearClientDb, readMeta, writeMeta, threadKey, CLIENT_DB_NAME, type ClientDb, type CachedThread, type OutboxEntry } from './client-db.ts';
export { enqueue, head, list as listOutbox, remove as removeFromOutbox, outboxKey, type OutboxFrame } from './outbox.ts';
export { applyStreamFrame, applyThreadAnswer, pruneThreads, resetStream, allThreads, getThread, readLastSeq, unreadMessages, type StreamFrame } from './thread-store.ts';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
export { checkRelayUrl, relayEnrollUrl, relaySocketUrl, relayOriginPattern, type RelayUrlCheck, type RelayUrlOptions } from './relay-url.ts';
export { isLanHost, isLoopbackHost } from './relay-transport.ts';
export { closeVerdict } from './close-reasons.ts';
export { enrollDevice, type EnrollOutcome } from './enroll.ts';
export { listSsoProviders, startSsoSignIn, readSsoRedirect, redeemSsoCode, newPkcePair, type SsoProvider, type ProvidersOutcome } from './sso-sign-in.ts';
export { fetchOrgOverview, type OverviewOutcome } from './org-overview.ts';
