// Plain ws:// and http:// relays: accepted for loopback, for a LAN relay only when policy allows it (with a
// warning), refused everywhere else; wss:// and https:// always.
import { describe, expect, it } from 'vitest';
import { checkRelayUrl, isLanHost, isLoopbackHost, relaySocketUrl } from '../../../lib/client/index.ts';
import { effectiveSettings, parsePolicy } from '../../../lib/extension/policy.ts';

describe('relay transport', () => {
  it('accepts encrypted relays anywhere and plain ones on loopback', () => {
    for (const url of ['wss://relay.example.com', 'https://10.0.0.5:8740', 'ws://127.0.0.1:8740', 'http://localhost:8740', 'ws://[::1]:8740', 'ws://relay.localhost']) {
      const check = checkRelayUrl(url);
      expect(check.ok, url).toBe(true);
      expect(check.ok && check.warning, url).toBeFalsy();
    }
  });

  it('refuses a plain relay on a public host, with words that say what to do', () => {
    const check = checkRelayUrl('ws://relay.example.com');
    expect(check).toMatchObject({ ok: false });
    expect(!check.ok && check.message).toMatch(/must start with wss:\/\/ or https:\/\/.*only for this computer/);
    expect(() => relaySocketUrl('http://203.0.113.9:8740')).toThrow(/wss:\/\//);
    // Even with the LAN policy: a public host is never plain.
    expect(checkRelayUrl('ws://relay.example.com', { allowPlainLan: true }).ok).toBe(false);
  });

  it('accepts a plain LAN relay only when policy allows it, and then warns', () => {
    const refused = checkRelayUrl('ws://192.168.1.20:8740');
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toMatch(/allowPlainLanRelay/);
    const allowed = checkRelayUrl('ws://192.168.1.20:8740', { allowPlainLan: true });
    expect(allowed).toMatchObject({ ok: true, base: 'http://192.168.1.20:8740' });
    expect(allowed.ok && allowed.warning).toMatch(/without encryption/);
    expect(relaySocketUrl('http://relay.lan', { allowPlainLan: true })).toBe('ws://relay.lan/v1/ws');
  });

  it('tells loopback and LAN hosts apart', () => {
    expect(['127.0.0.1', '127.8.9.10', 'localhost', '[::1]', 'a.localhost'].every(isLoopbackHost)).toBe(true);
    expect(['128.0.0.1', 'localhost.example.com', '10.0.0.1'].some(isLoopbackHost)).toBe(false);
    expect(['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.1', '169.254.1.1', 'relay', 'relay.local', 'relay.corp.internal', 'nas.home.arpa', '[fd00::1]', '[fe80::1]'].every(isLanHost)).toBe(true);
    expect(['172.32.0.1', '8.8.8.8', 'relay.example.com', '[2001:db8::1]', 'example.localdomain.com'].some(isLanHost)).toBe(false);
  });
});

describe('policy: plain LAN relay and customer names', () => {
  it('takes a plain LAN relay URL only together with allowPlainLanRelay', () => {
    const without = parsePolicy({ relayUrl: 'ws://10.0.0.5:8740' });
    expect(without.values.relayUrl).toBeUndefined();
    expect(without.problems.join(' ')).toMatch(/relayUrl "ws:\/\/10\.0\.0\.5:8740" is not usable.*allowPlainLanRelay/);
    const withPolicy = parsePolicy({ relayUrl: 'ws://10.0.0.5:8740', allowPlainLanRelay: true });
    expect(withPolicy).toEqual({ values: { relayUrl: 'http://10.0.0.5:8740', allowPlainLanRelay: true }, problems: [] });
    expect(parsePolicy({ allowPlainLanRelay: 'yes' }).problems[0]).toMatch(/allowPlainLanRelay must be true or false/);
  });

  it('reads privacy.customerNames and refuses other values in words', () => {
    expect(parsePolicy({ privacy: { customerNames: 'never' } }).values.customerNames).toBe('never');
    expect(parsePolicy({ privacy: { customerNames: 'sometimes' } }).problems[0]).toMatch(/privacy\.customerNames must be "always", "with_listen_in" or "never"/);
  });

  it('takes organisation-only settings from policy alone, never from the user settings', () => {
    const user = { allowPlainLanRelay: true, customerNames: 'always' as const, theme: 'dark' as const };
    const settings = effectiveSettings(user, parsePolicy({})).settings;
    expect(settings).toMatchObject({ allowPlainLanRelay: false, customerNames: 'with_listen_in', theme: 'dark' });
  });
});
