// Admin policy from managed storage: each setting validated on its own, problems reported in words, the valid rest applied.
import { checkRelayUrl } from '../client/relay-url.ts';
import { CUSTOMER_NAMES_POLICIES, type CustomerNamesPolicy } from '../privacy/chat-state-privacy.ts';
import { checkSitePattern } from '../url-patterns/index.ts';

export type HelpdeskSite = { match: string; adapter: string; adapterConfig?: string };
export type Theme = 'auto' | 'light' | 'dark';
/** Whether coaches may send to the customer through this agent's helpdesk: never, after the agent allows it per chat, or always. */
export type SendToCustomer = 'off' | 'ask' | 'allowed';
export const SEND_TO_CUSTOMER_MODES: readonly SendToCustomer[] = ['off', 'ask', 'allowed'];

/** Settings a user may change unless policy sets them. */
export type Settings = {
  relayUrl: string;
  helpdeskSites: HelpdeskSite[];
  listenInAllowed: boolean;
  /** Whether customer names go into the board: always, only while listen-in is allowed, or never. */
  customerNames: CustomerNamesPolicy;
  /** A plain ws:// or http:// relay on the local network is allowed (policy only; shown as a warning). */
  allowPlainLanRelay: boolean;
  redactionPatterns: string[];
  theme: Theme;
  waitAlertSeconds: number;
  /** "Send to customer": off (the default), ask (the agent allows it per chat) or allowed. */
  sendToCustomer: SendToCustomer;
  /** Added under each message sent to a customer, e.g. "— {name}, {team}" (the sender's name and team); '' for none. */
  sendToCustomerSignature: string;
};

export type SettingName = keyof Settings;

/** Settings only the organisation's policy may give. */
export const POLICY_ONLY: readonly SettingName[] = ['customerNames', 'allowPlainLanRelay', 'sendToCustomerSignature'];

export const DEFAULT_SETTINGS: Settings = {
  relayUrl: '',
  helpdeskSites: [],
  listenInAllowed: true,
  customerNames: 'with_listen_in',
  allowPlainLanRelay: false,
  redactionPatterns: [],
  theme: 'auto',
  waitAlertSeconds: 120,
  sendToCustomer: 'off',
  sendToCustomerSignature: '',
};

export type Policy = { values: Partial<Settings>; problems: string[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (v: unknown) => JSON.stringify(v) ?? String(v);

function checkSites(raw: unknown, problems: string[]): HelpdeskSite[] | undefined {
  if (!Array.isArray(raw)) {
    problems.push(`helpdeskSites must be a list of sites, not ${describe(raw)}.`);
    return undefined;
  }
  const sites: HelpdeskSite[] = [];
  raw.forEach((entry, i) => {
    const where = `helpdeskSites[${i}]`;
    if (!isObject(entry)) return problems.push(`${where} must be an object with "match" and "adapter"; it is ignored.`);
    const match = typeof entry.match === 'string' ? checkSitePattern(entry.match) : null;
    if (!match || !match.ok) {
      return problems.push(`${where}.match: ${match && !match.ok ? match.message : 'is missing'}; this site is ignored.`);
    }
    if (typeof entry.adapter !== 'string' || !entry.adapter.trim()) {
      return problems.push(`${where}.adapter must name an adapter (e.g. "chatwoot" or "custom"); this site is ignored.`);
    }
    const site: HelpdeskSite = { match: match.pattern, adapter: entry.adapter.trim() };
    if (entry.adapterConfig !== undefined) {
      if (typeof entry.adapterConfig !== 'string') return problems.push(`${where}.adapterConfig must be JSON text; this site is ignored.`);
      try {
        JSON.parse(entry.adapterConfig);
      } catch (error) {
        return problems.push(`${where}.adapterConfig is not valid JSON (${(error as Error).message}); this site is ignored.`);
      }
      site.adapterConfig = entry.adapterConfig;
    }
    sites.push(site);
  });
  return sites;
}

/** Validates the managed-storage object; never throws. */
export function parsePolicy(raw: unknown): Policy {
  const problems: string[] = [];
  const values: Partial<Settings> = {};
  if (!isObject(raw)) return { values, problems: raw === undefined ? [] : ['The policy is not an object; it is ignored.'] };
  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case 'relayUrl': {
        const allowPlainLan = raw.allowPlainLanRelay === true;
        const check = typeof value === 'string' ? checkRelayUrl(value, { allowPlainLan }) : { ok: false as const, message: 'it must be text' };
        if (check.ok) values.relayUrl = check.base;
        else problems.push(`relayUrl ${describe(value)} is not usable: ${check.message}`);
        break;
      }
      case 'allowPlainLanRelay': {
        if (typeof value === 'boolean') values.allowPlainLanRelay = value;
        else problems.push(`allowPlainLanRelay must be true or false, not ${describe(value)}.`);
        break;
      }
      case 'helpdeskSites': {
        const sites = checkSites(value, problems);
        if (sites) values.helpdeskSites = sites;
        break;
      }
      case 'privacy': {
        if (!isObject(value)) {
          problems.push(`privacy must be an object, not ${describe(value)}.`);
          break;
        }
        if ('listenInAllowed' in value) {
          if (typeof value.listenInAllowed === 'boolean') values.listenInAllowed = value.listenInAllowed;
          else problems.push(`privacy.listenInAllowed must be true or false, not ${describe(value.listenInAllowed)}.`);
        }
        if ('customerNames' in value) {
          const names = value.customerNames;
          if (typeof names === 'string' && (CUSTOMER_NAMES_POLICIES as readonly string[]).includes(names)) values.customerNames = names as CustomerNamesPolicy;
          else problems.push(`privacy.customerNames must be "always", "with_listen_in" or "never", not ${describe(names)}.`);
        }
        if ('redactionPatterns' in value) {
          const list = value.redactionPatterns;
          if (!Array.isArray(list)) {
            problems.push('privacy.redactionPatterns must be a list of regular expressions.');
            break;
          }
          const good: string[] = [];
          list.forEach((pattern, i) => {
            try {
              if (typeof pattern !== 'string') throw new Error('it is not text');
              new RegExp(pattern, 'gu');
              good.push(pattern);
            } catch (error) {
              problems.push(`privacy.redactionPatterns[${i}] ${describe(pattern)} is not a valid regular expression (${(error as Error).message}); it is ignored.`);
            }
          });
          values.redactionPatterns = good;
        }
        break;
      }
      case 'ui': {
        if (!isObject(value)) {
          problems.push(`ui must be an object, not ${describe(value)}.`);
          break;
        }
        if ('theme' in value) {
          if (value.theme === 'auto' || value.theme === 'light' || value.theme === 'dark') values.theme = value.theme;
          else problems.push(`ui.theme must be "auto", "light" or "dark", not ${describe(value.theme)}.`);
        }
        if ('waitAlertSeconds' in value) {
          const n = value.waitAlertSeconds;
          if (typeof n === 'number' && Number.isInteger(n) && n >= 10 && n <= 86_400) values.waitAlertSeconds = n;
          else problems.push(`ui.waitAlertSeconds must be a whole number of seconds from 10 to 86400, not ${describe(n)}.`);
        }
        break;
      }
      case 'sendToCustomer': {
        if (typeof value === 'string' && (SEND_TO_CUSTOMER_MODES as readonly string[]).includes(value)) values.sendToCustomer = value as SendToCustomer;
        else problems.push(`sendToCustomer must be "off", "ask" or "allowed", not ${describe(value)}.`);
        break;
      }
      case 'sendToCustomerSignature': {
        if (typeof value === 'string' && value.length <= 200 && ![...value].some((c) => c < ' ' && c !== '\n')) values.sendToCustomerSignature = value.trim();
        else problems.push(`sendToCustomerSignature must be text of at most 200 characters on one or two lines, not ${describe(value)}.`);
        break;
      }
      default:
        problems.push(`Unknown policy setting "${key}"; it is ignored.`);
    }
  }
  return { values, problems };
}

export type EffectiveSettings = {
  settings: Settings;
  /** Settings policy gives: shown locked. */
  locked: SettingName[];
  /** Match patterns of the sites policy gives: the user cannot remove them. */
  policySites: string[];
  problems: string[];
};

/** Defaults, then the user's choices, then policy: a setting policy gives is locked; sites are policy's plus the user's. */
export function effectiveSettings(user: Partial<Settings>, policy: Policy): EffectiveSettings {
  const policySites = policy.values.helpdeskSites ?? [];
  const userSites = (user.helpdeskSites ?? []).filter((site) => !policySites.some((p) => p.match === site.match));
  // Organisation-only settings come from policy alone, never from what is stored for the user.
  const userChoices = Object.fromEntries(Object.entries(user).filter(([name]) => !(POLICY_ONLY as readonly string[]).includes(name))) as Partial<Settings>;
  const settings: Settings = { ...DEFAULT_SETTINGS, ...userChoices, ...policy.values, helpdeskSites: [...policySites, ...userSites] };
  const locked = (Object.keys(policy.values) as SettingName[]).filter((name) => name !== 'helpdeskSites');
  return { settings, locked, policySites: policySites.map((s) => s.match), problems: policy.problems };
}
