// Which relay hosts may be reached without TLS: loopback always (this computer); a LAN relay only when the
// organisation's policy allows it on purpose (and then with a warning); anything else must use wss:// or https://.

/** localhost, *.localhost, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1') return true;
  return /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** Private and link-local addresses, single-label names and the usual private suffixes (.local, .lan, .internal, .home.arpa). */
export function isLanHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (host.includes(':')) return /^f[cd][0-9a-f]{0,2}:/.test(host) || /^fe[89ab][0-9a-f]?:/.test(host);
  if (!host.includes('.')) return true;
  return ['.local', '.lan', '.internal', '.home.arpa'].some((suffix) => host.endsWith(suffix));
}

export type PlainTransportVerdict = { ok: true; warning?: string } | { ok: false; message: string };

/** The verdict on a plain (ws:// or http://) relay URL's host. */
export function judgePlainTransport(hostname: string, allowPlainLan: boolean): PlainTransportVerdict {
  if (isLoopbackHost(hostname)) return { ok: true };
  const lan = isLanHost(hostname);
  if (lan && allowPlainLan) {
    return { ok: true, warning: `The relay at ${hostname} is reached without encryption, as your organisation's policy allows for this local network: anyone on it can read whispers and the device token.` };
  }
  if (lan) {
    return { ok: false, message: `The relay URL must start with wss:// or https:// (encrypted). ${hostname} is on a local network: a plain ws:// or http:// relay there works only when your organisation's policy allows it (allowPlainLanRelay).` };
  }
  return { ok: false, message: `The relay URL must start with wss:// or https:// (encrypted). Plain ws:// and http:// are accepted only for this computer (localhost, 127.0.0.1).` };
}
