// The extension's own logic (policy, settings, site access, tab routing, background), used by the entrypoints.
export { startBackground } from './background/background-service.ts';
export { askBackground, type PageState, type SignInResult, type TabMessage, type BackgroundRequest } from './messages.ts';
export { checkSitePattern, originPermission } from '../url-patterns/index.ts';
export { parsePolicy, effectiveSettings, DEFAULT_SETTINGS, type Settings, type SettingName, type HelpdeskSite, type EffectiveSettings, type Policy } from './policy.ts';
export { readUserSettings, writeUserSettings, readStatus, STORAGE_KEYS, type ShownStatus, type Auth } from './extension-state.ts';
export { requestSiteAccess, releaseSiteAccess, hasSiteAccess } from './site-access.ts';
export { enableSiteAndReload, siteStanding, type EnableOutcome, type SiteStanding } from './site-enable.ts';
export { signInWithProvider } from './provider-sign-in.ts';
