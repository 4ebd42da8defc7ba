// The relay URL forms the options page accepts (ws, wss, http, https; with or without /v1/ws or a trailing slash),
// the one base they normalise to, and the refusals.
import { describe, expect, it } from 'vitest';
import { checkRelayUrl, relayEnrollUrl, relayOriginPattern, relaySocketUrl } from '../../../lib/client/index.ts';

const baseOf = (input: string, allowPlainLan = false): string => {
  const check = checkRelayUrl(input, { allowPlainLan });
  if (!check.ok) throw new Error(check.message);
  return check.base;
};
const refusal = (input: string, allowPlainLan = false): string => {
  const check = checkRelayUrl(input, { allowPlainLan });
  return check.ok ? `accepted as ${check.base}` : check.message;
};

describe('relay URL forms', () => {
  it('normalises every loopback form, with or without /v1/ws or a trailing slash, to one http base', () => {
    const forms = ['ws', 'http'].flatMap((scheme) =>
      ['', '/', '/v1/ws', '/v1/ws/', '//v1/ws'].map((suffix) => `${scheme}://127.0.0.1:8740${suffix}`),
    );
    for (const form of forms) expect(baseOf(form), form).toBe('http://127.0.0.1:8740');
    expect(baseOf('  ws://localhost:8740/v1/ws  ')).toBe('http://localhost:8740');
  });

  it('normalises every encrypted form to one https base', () => {
    const forms = ['wss', 'https'].flatMap((scheme) =>
      ['', '/', '/v1/ws', '/v1/ws/'].map((suffix) => `${scheme}://relay.example.com${suffix}`),
    );
    for (const form of forms) expect(baseOf(form), form).toBe('https://relay.example.com');
  });

  it('keeps a path prefix the relay is served under and drops only the WebSocket path after it', () => {
    expect(baseOf('wss://relay.example.com/undertone/v1/ws')).toBe('https://relay.example.com/undertone');
    expect(baseOf('https://relay.example.com/undertone/')).toBe('https://relay.example.com/undertone');
    expect(baseOf('https://relay.example.com/v1/wsx')).toBe('https://relay.example.com/v1/wsx');
  });

  it('derives the enrollment and socket URLs from a pasted socket URL without doubling the path', () => {
    expect(relayEnrollUrl('ws://127.0.0.1:8740/v1/ws')).toBe('http://127.0.0.1:8740/v1/enroll');
    expect(relaySocketUrl('ws://127.0.0.1:8740/v1/ws')).toBe('ws://127.0.0.1:8740/v1/ws');
    expect(relaySocketUrl('http://127.0.0.1:8740/')).toBe('ws://127.0.0.1:8740/v1/ws');
    expect(relayEnrollUrl('wss://relay.example.com/v1/ws/')).toBe('https://relay.example.com/v1/enroll');
    expect(relaySocketUrl('https://relay.example.com')).toBe('wss://relay.example.com/v1/ws');
    expect(relayOriginPattern('wss://relay.example.com:8443/v1/ws')).toBe('https://relay.example.com/*');
  });

  it('still refuses plain ws:// and http:// outside loopback, whatever the path', () => {
    expect(refusal('ws://relay.example.com/v1/ws')).toMatch(/must start with wss:\/\/ or https:\/\/.*only for this computer/);
    expect(refusal('http://relay.example.com')).toMatch(/only for this computer/);
    expect(refusal('ws://192.168.1.20:8740/v1/ws')).toMatch(/allowPlainLanRelay/);
    expect(refusal('ws://relay.example.com/v1/ws', true)).toMatch(/only for this computer/);
    const lan = checkRelayUrl('ws://192.168.1.20:8740/v1/ws', { allowPlainLan: true });
    expect(lan).toMatchObject({ ok: true, base: 'http://192.168.1.20:8740' });
    expect(lan.ok && lan.warning).toMatch(/without encryption/);
  });

  it('explains the other errors', () => {
    expect(refusal('')).toMatch(/Enter the relay URL/);
    expect(refusal('127.0.0.1:8740/v1/ws')).toMatch(/not a URL. It should look like wss:/);
    expect(refusal('relay.example.com/v1/ws')).toMatch(/not a URL/);
    expect(refusal('ftp://relay.example.com/v1/ws')).toMatch(/must start with wss:\/\//);
    expect(refusal('ws://127.0.0.1:8740/v1/ws?token=x')).toMatch(/must not contain \? or #/);
    expect(refusal('https://relay.example.com/#x')).toMatch(/must not contain \? or #/);
    expect(() => relayEnrollUrl('ws://relay.example.com/v1/ws')).toThrow(/only for this computer/);
  });
});
