// Update manifests the browsers poll: Chrome's gupdate XML and Firefox's updates.json, for the latest release.
import type { ReleaseDescriptor } from './release-descriptor.ts';
import { trimBase } from './update-urls.ts';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

export const chromeCrxUrl = (base: string, release: ReleaseDescriptor) => `${trimBase(base)}/extensions/chrome/${release.chrome.crx!.file}`;
export const firefoxXpiVersionedUrl = (base: string, release: ReleaseDescriptor) => `${trimBase(base)}/extensions/firefox/${release.firefox.file}`;

/** Chrome's update response for the CRX; null when the release has no CRX. */
export function chromeUpdateXml(release: ReleaseDescriptor, base: string): string | null {
  const crx = release.chrome.crx;
  if (!crx) return null;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gupdate xmlns="http://www.google.com/update2/response" protocol="2.0">',
    `  <app appid="${crx.extensionId}">`,
    `    <updatecheck codebase="${escapeXml(chromeCrxUrl(base, release))}" version="${escapeXml(release.version)}" hash_sha256="${crx.sha256}" />`,
    '  </app>',
    '</gupdate>',
    '',
  ].join('\n');
}

/** Firefox's update manifest for the xpi, with its hash (Firefox then also accepts a plain-http link). */
export function firefoxUpdatesJson(release: ReleaseDescriptor, base: string): string {
  const manifest = {
    addons: {
      [release.firefox.addonId]: {
        updates: [{ version: release.version, update_link: firefoxXpiVersionedUrl(base, release), update_hash: `sha256:${release.firefox.sha256}` }],
      },
    },
  };
  return JSON.stringify(manifest, null, 2) + '\n';
}
