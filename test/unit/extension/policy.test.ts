// Admin policy: each setting validated alone, problems in words, the valid rest applied and locked.
import { describe, expect, it } from 'vitest';
import { effectiveSettings, parsePolicy } from '../../../lib/extension/policy.ts';
import { checkSitePattern, originPermission } from '../../../lib/url-patterns/index.ts';

describe('parsePolicy', () => {
  it('applies valid settings and reports each invalid one in words', () => {
    const policy = parsePolicy({
      relayUrl: 'wss://relay.example.com/',
      helpdeskSites: [
        { match: 'https://support.example.com/*', adapter: 'zendesk' },
        { match: 'support.example.org', adapter: 'chatwoot' },
        { match: 'https://desk.example.net/*', adapter: 'custom', adapterConfig: '{not json' },
      ],
      privacy: { listenInAllowed: 'no', redactionPatterns: ['\\d{4}', '(unclosed'] },
      ui: { theme: 'dark', waitAlertSeconds: 5 },
      colour: 'blue',
    });
    expect(policy.values).toEqual({
      relayUrl: 'https://relay.example.com',
      helpdeskSites: [{ match: 'https://support.example.com/*', adapter: 'zendesk' }],
      redactionPatterns: ['\\d{4}'],
      theme: 'dark',
    });
    const text = policy.problems.join('\n');
    expect(text).toMatch(/helpdeskSites\[1\]\.match: "support\.example\.org" is not a site pattern/);
    expect(text).toMatch(/helpdeskSites\[2\]\.adapterConfig is not valid JSON/);
    expect(text).toMatch(/privacy\.listenInAllowed must be true or false, not "no"/);
    expect(text).toMatch(/redactionPatterns\[1\] "\(unclosed" is not a valid regular expression/);
    expect(text).toMatch(/ui\.waitAlertSeconds must be a whole number of seconds from 10 to 86400, not 5/);
    expect(text).toMatch(/Unknown policy setting "colour"/);
  });

  it('reports a relay URL it cannot use', () => {
    expect(parsePolicy({ relayUrl: 'ftp://relay' }).problems[0]).toMatch(/relayUrl "ftp:\/\/relay" is not usable: .*must start with wss:\/\//);
    expect(parsePolicy(undefined)).toEqual({ values: {}, problems: [] });
  });
});

describe('send to customer policy', () => {
  it('takes off, ask or allowed and a one-line signature, and says what is wrong with anything else', () => {
    expect(parsePolicy({ sendToCustomer: 'ask', sendToCustomerSignature: ' — {name}, {team} ' }).values).toEqual({ sendToCustomer: 'ask', sendToCustomerSignature: '— {name}, {team}' });
    const bad = parsePolicy({ sendToCustomer: 'yes', sendToCustomerSignature: 'x'.repeat(201) });
    expect(bad.values).toEqual({});
    expect(bad.problems[0]).toBe('sendToCustomer must be "off", "ask" or "allowed", not "yes".');
    expect(bad.problems[1]).toMatch(/^sendToCustomerSignature must be text of at most 200 characters/);
  });

  it('is off by default; policy locks the mode, and the signature comes from policy only', () => {
    const none = effectiveSettings({ sendToCustomer: 'allowed', sendToCustomerSignature: 'mine' }, parsePolicy(undefined));
    expect(none.settings.sendToCustomer).toBe('allowed');
    expect(none.settings.sendToCustomerSignature).toBe('');
    expect(effectiveSettings({}, parsePolicy(undefined)).settings.sendToCustomer).toBe('off');
    const locked = effectiveSettings({ sendToCustomer: 'allowed' }, parsePolicy({ sendToCustomer: 'off', sendToCustomerSignature: '— {name}' }));
    expect(locked.settings.sendToCustomer).toBe('off');
    expect(locked.settings.sendToCustomerSignature).toBe('— {name}');
    expect(locked.locked).toEqual(['sendToCustomer', 'sendToCustomerSignature']);
  });
});

describe('effectiveSettings', () => {
  it('lets policy win and lock, and keeps the user’s own sites beside policy sites', () => {
    const policy = parsePolicy({ relayUrl: 'https://relay.example.com', helpdeskSites: [{ match: 'https://a.example.com/*', adapter: 'zendesk' }] });
    const user = {
      relayUrl: 'https://mine.example.com',
      theme: 'light' as const,
      helpdeskSites: [
        { match: 'https://a.example.com/*', adapter: 'auto' },
        { match: 'https://b.example.com/*', adapter: 'auto' },
      ],
    };
    const effective = effectiveSettings(user, policy);
    expect(effective.settings.relayUrl).toBe('https://relay.example.com');
    expect(effective.settings.theme).toBe('light');
    expect(effective.locked).toEqual(['relayUrl']);
    expect(effective.policySites).toEqual(['https://a.example.com/*']);
    expect(effective.settings.helpdeskSites.map((s) => `${s.match} ${s.adapter}`)).toEqual(['https://a.example.com/* zendesk', 'https://b.example.com/* auto']);
  });
});

describe('site patterns', () => {
  it('turns a plain address into a pattern and names the origin permission it needs', () => {
    expect(checkSitePattern('https://support.example.com')).toEqual({ ok: true, pattern: 'https://support.example.com/*' });
    expect(checkSitePattern('http://127.0.0.1:8080/')).toEqual({ ok: true, pattern: 'http://127.0.0.1:8080/*' });
    expect(originPermission('http://127.0.0.1:8080/agent/*')).toBe('http://127.0.0.1/*');
    expect(checkSitePattern('').ok).toBe(false);
  });
});
