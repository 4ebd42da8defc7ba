// Backoff, relay URL checks and close verdicts: the client's pure decisions.
import { describe, expect, it } from 'vitest';
import { backoffDelay, checkRelayUrl, closeVerdict, relayEnrollUrl, relaySocketUrl } from '../../../lib/client/index.ts';

describe('backoffDelay', () => {
  it('doubles its ceiling per attempt, jitters within the upper half, and stops at the cap', () => {
    const low = { baseMs: 100, capMs: 1_000, random: () => 0 };
    const high = { baseMs: 100, capMs: 1_000, random: () => 0.999999 };
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, high))).toEqual([100, 200, 400, 800]);
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, low))).toEqual([50, 100, 200, 400]);
    expect(backoffDelay(10, high)).toBe(1_000);
    expect(backoffDelay(1_000, low)).toBe(500);
  });
});

describe('relay URLs', () => {
  it('derives socket and enrollment URLs from http, https, ws and wss forms', () => {
    expect(relaySocketUrl('https://relay.example.com/')).toBe('wss://relay.example.com/v1/ws');
    expect(relaySocketUrl('ws://127.0.0.1:8080')).toBe('ws://127.0.0.1:8080/v1/ws');
    expect(relayEnrollUrl('wss://relay.example.com/undertone')).toBe('https://relay.example.com/undertone/v1/enroll');
  });

  it('explains what is wrong with a bad URL', () => {
    const check = (s: string) => {
      const r = checkRelayUrl(s);
      return r.ok ? 'ok' : r.message;
    };
    expect(check('')).toMatch(/Enter the relay URL/);
    expect(check('relay.example.com')).toMatch(/not a URL/);
    expect(check('ftp://relay.example.com')).toMatch(/must start with wss:\/\//);
    expect(check('https://relay.example.com/?x=1')).toMatch(/must not contain/);
  });
});

describe('closeVerdict', () => {
  it('stops on authentication and version closes, reconnects on the rest', () => {
    expect(closeVerdict(4003, '').reconnect).toBe(false);
    expect(closeVerdict(4004, '').message).toMatch(/revoked/);
    expect(closeVerdict(4002, '').reconnect).toBe(false);
    for (const code of [1000, 1001, 1006, 1009, 1011, 4001, 4005, 4008, 4009]) expect(closeVerdict(code, '').reconnect).toBe(true);
  });
});
