// Relay addresses: what a user or admin may type, and the WebSocket and HTTP URLs derived from it.
import { ENROLL_PATH, WS_PATH } from '../protocol/index.ts';
import { judgePlainTransport } from './relay-transport.ts';

/** `warning` is set for a plain LAN relay that policy allows: the options page shows it. */
export type RelayUrlCheck = { ok: true; base: string; warning?: string } | { ok: false; message: string };

export interface RelayUrlOptions {
  /** The organisation's policy allows a plain ws:// or http:// relay on the local network (allowPlainLanRelay). */
  allowPlainLan?: boolean;
}

/**
 * Accepts https:// or wss:// with a host and no query (ws:// and http:// only for loopback, or a LAN relay that
 * policy allows), with or without the WebSocket path `/v1/ws` or a trailing slash; returns the http(s) base
 * without either, so `ws://127.0.0.1:8740/v1/ws` and `http://127.0.0.1:8740` name the same relay.
 */
export function checkRelayUrl(input: string, options: RelayUrlOptions = {}): RelayUrlCheck {
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
  const path = relayBasePath(url.pathname);
  const checked = { base: `${scheme}//${url.host}${path}` };
  if (scheme === 'https:') return { ok: true, ...checked };
  const plain = judgePlainTransport(url.hostname, options.allowPlainLan ?? false);
  if (!plain.ok) return plain;
  return plain.warning ? { ok: true, ...checked, warning: plain.warning } : { ok: true, ...checked };
}

/** The path under which the relay is served: the given path without trailing slashes and without `/v1/ws`. */
function relayBasePath(pathname: string): string {
  let path = pathname.replace(/\/+$/, '');
  if (path.endsWith(WS_PATH)) path = path.slice(0, -WS_PATH.length).replace(/\/+$/, '');
  return path;
}

function base(input: string, options: RelayUrlOptions): string {
  const check = checkRelayUrl(input, options);
  if (!check.ok) throw new Error(check.message);
  return check.base;
}

export function relaySocketUrl(input: string, options: RelayUrlOptions = {}): string {
  return base(input, options).replace(/^http/, 'ws') + WS_PATH;
}

export function relayEnrollUrl(input: string, options: RelayUrlOptions = {}): string {
  return base(input, options) + ENROLL_PATH;
}

/** The origin pattern a host permission for this relay would name, e.g. `https://relay.example.com/*`. */
export function relayOriginPattern(input: string, options: RelayUrlOptions = {}): string {
  const url = new URL(base(input, options));
  return `${url.protocol}//${url.hostname}/*`;
}
