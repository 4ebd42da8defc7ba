// macOS configuration profile for Google Chrome: force-install, and the managed config in the extension's domain.
import { createHash } from 'node:crypto';
import { chromeForcelistEntry, type Deployment } from './deployment.ts';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A property-list value; null and undefined are left out by the caller. */
function plist(value: unknown, indent: string): string {
  if (typeof value === 'string') return `${indent}<string>${escapeXml(value)}</string>`;
  if (typeof value === 'boolean') return `${indent}<${value}/>`;
  if (typeof value === 'number') return Number.isInteger(value) ? `${indent}<integer>${value}</integer>` : `${indent}<real>${value}</real>`;
  if (Array.isArray(value)) return [`${indent}<array>`, ...value.map((v) => plist(v, indent + '  ')), `${indent}</array>`].join('\n');
  if (typeof value === 'object' && value !== null) return [`${indent}<dict>`, ...dictBody(value as Record<string, unknown>, indent + '  '), `${indent}</dict>`].join('\n');
  throw new Error(`cannot write ${String(value)} into a property list`);
}

function dictBody(value: Record<string, unknown>, indent: string): string[] {
  return Object.entries(value).flatMap(([k, v]) => (v === undefined || v === null ? [] : [`${indent}<key>${escapeXml(k)}</key>`, plist(v, indent)]));
}

/** A stable UUID from a name, so regenerating gives the same profile (macOS replaces it instead of adding one). */
function stableUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`.toUpperCase();
}

export function macosMobileconfig(d: Deployment): string {
  const payload = (type: string, name: string, body: Record<string, unknown>) => ({
    PayloadType: type,
    PayloadIdentifier: `app.undertone.policy.${name}`,
    PayloadUUID: stableUuid(`${d.chromeId}:${name}`),
    PayloadVersion: 1,
    PayloadDisplayName: `Undertone: ${name}`,
    ...body,
  });
  const profile = {
    PayloadType: 'Configuration',
    PayloadIdentifier: 'app.undertone.policy',
    PayloadUUID: stableUuid(`${d.chromeId}:profile`),
    PayloadVersion: 1,
    PayloadDisplayName: 'Undertone for Google Chrome',
    PayloadScope: 'System',
    PayloadContent: [
      payload('com.google.Chrome', 'force-install', { ExtensionInstallForcelist: [chromeForcelistEntry(d)] }),
      payload(`com.google.Chrome.extensions.${d.chromeId}`, 'managed-config', d.config),
    ],
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    plist(profile, ''),
    '</plist>',
    '',
  ].join('\n');
}
