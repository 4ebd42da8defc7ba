// Which browser origins may open a WebSocket to the relay or enroll a device: the extension's own pages and
// workers always, web origins only when an admin lists them, and clients that send no Origin (not browsers).

/** An origin of an extension page or worker in Chromium or Firefox (the ID or per-install UUID is not pinned). */
const EXTENSION_ORIGIN = /^(?:chrome-extension|moz-extension):\/\/[a-z0-9-]+$/;

export type OriginVerdict =
  /** The Undertone extension (or another extension: it still needs a device token). */
  | 'extension'
  /** A web origin the admin listed with --allowed-origins. */
  | 'listed'
  /** No Origin header: a command-line or server client. Browsers always send Origin on WebSocket upgrades. */
  | 'absent'
  | 'refused';

export function judgeOrigin(origin: string | string[] | undefined, allowed: readonly string[]): OriginVerdict {
  if (Array.isArray(origin)) return 'refused';
  if (origin === undefined || origin === '') return 'absent';
  const normalised = origin.toLowerCase();
  if (EXTENSION_ORIGIN.test(normalised)) return 'extension';
  if (allowed.some((listed) => listed.toLowerCase().replace(/\/+$/, '') === normalised)) return 'listed';
  return 'refused';
}

export function originAllowed(verdict: OriginVerdict): boolean {
  return verdict !== 'refused';
}
