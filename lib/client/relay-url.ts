// Relay addresses: what a user or admin may type, and the WebSocket and HTTP URLs derived from it.
import { ENROLL_PATH, WS_PATH } from '../protocol/index.ts';

export type RelayUrlCheck = { ok: true; base: string } | { ok: false; message: string };

/** Accepts http(s):// or ws(s):// with a host and no query; returns the http(s) base without a trailing slash. */
export function checkRelayUrl(input: string): RelayUrlCheck {
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, message: 'Enter the relay URL your administrator gave you, e.g. wss://relay.example.com.' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, message: `"${trimmed}" is not a URL. It should look like wss://relay.example.com.` };
  }
  const scheme = { 'ws:': 'http:', 'http:': 'http:', 'wss:': 'https:', 'https:': 'https:' }[url.protocol];
  if (!scheme) return { ok: false, message: `The relay URL must start with wss://, ws://, https:// or http:// (not ${url.protocol}//).` };
  if (url.search || url.hash) return { ok: false, message: 'The relay URL must not contain ? or #.' };
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, base: `${scheme}//${url.host}${path}` };
}

function base(input: string): string {
  const check = checkRelayUrl(input);
  if (!check.ok) throw new Error(check.message);
  return check.base;
}

export function relaySocketUrl(input: string): string {
  return base(input).replace(/^http/, 'ws') + WS_PATH;
}

export function relayEnrollUrl(input: string): string {
  return base(input) + ENROLL_PATH;
}

/** The origin pattern a host permission for this relay would name, e.g. `https://relay.example.com/*`. */
export function relayOriginPattern(input: string): string {
  const url = new URL(base(input));
  return `${url.protocol}//${url.hostname}/*`;
}
