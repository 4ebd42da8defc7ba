// URL match patterns, one implementation for adapters (which pages an adapter reads) and helpdesk sites (where the
// content script runs and who may speak for a helpdesk tab).
export { parseUrlPattern, urlMatchesAny, type UrlPattern } from './url-pattern.ts';
export { checkSitePattern, contentScriptMatches, originPermission, type PatternCheck } from './site-pattern.ts';
