// Packaging from two build folders: file names and versions, manifest rewrites, release.json, and a missing key.
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPackages, readCrx3, ReleaseDescriptorSchema } from '../../../lib/rollout/index.ts';
import { readZip } from './zip-reader.ts';

let dir: string;
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

function build(name: string, manifest: object): string {
  const root = join(dir, name);
  mkdirSync(join(root, 'chunks'), { recursive: true });
  writeFileSync(join(root, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(root, 'chunks', 'background.js'), 'self.x = 1;');
  return root;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'undertone-pack-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const chromeManifest = { manifest_version: 3, name: 'Undertone', version: '1.2.3', key: 'DEVKEY' };
const firefoxManifest = { manifest_version: 2, name: 'Undertone', version: '1.2.3', browser_specific_settings: { gecko: { id: 'undertone@undertone.app' } } };

describe('buildPackages', () => {
  it('makes the zip, a signed CRX with update_url, the xpi with update_url, and release.json', () => {
    const out = join(dir, 'out');
    const result = buildPackages({
      chromeBuildDir: build('chrome', chromeManifest),
      firefoxBuildDir: build('firefox', firefoxManifest),
      version: '1.2.3',
      crxKey: privateKey,
      updateBase: 'https://relay.example.com/',
      outDir: out,
    });
    const descriptor = ReleaseDescriptorSchema.parse(JSON.parse(readFileSync(join(out, 'release.json'), 'utf8')));
    expect(descriptor).toEqual(result.descriptor);
    expect(descriptor.updateBase).toBe('https://relay.example.com');
    expect(descriptor.chrome.zip).toBe('undertone-1.2.3-chrome.zip');
    expect(descriptor.firefox).toMatchObject({ file: 'undertone-1.2.3-firefox.xpi', addonId: 'undertone@undertone.app' });

    const storeManifest = JSON.parse(readZip(readFileSync(join(out, descriptor.chrome.zip))).get('manifest.json')!.toString());
    expect(storeManifest).toEqual({ manifest_version: 3, name: 'Undertone', version: '1.2.3' });

    const crx = readCrx3(readFileSync(join(out, descriptor.chrome.crx!.file)));
    expect(crx).toMatchObject({ signatureValid: true, extensionId: descriptor.chrome.crx!.extensionId });
    const crxFiles = readZip(crx.zip);
    expect(JSON.parse(crxFiles.get('manifest.json')!.toString())).toEqual({
      manifest_version: 3,
      name: 'Undertone',
      version: '1.2.3',
      update_url: 'https://relay.example.com/extensions/chrome/updates.xml',
    });
    expect(crxFiles.get('chunks/background.js')!.toString()).toBe('self.x = 1;');

    const xpi = readZip(readFileSync(join(out, descriptor.firefox.file)));
    expect(JSON.parse(xpi.get('manifest.json')!.toString()).browser_specific_settings.gecko).toEqual({
      id: 'undertone@undertone.app',
      update_url: 'https://relay.example.com/extensions/firefox/updates.json',
    });
    expect(result.notes.join('\n')).toContain(descriptor.chrome.crx!.extensionId);
  });

  it('without a key makes no CRX, says so, and still makes the zip and the xpi', () => {
    const out = join(dir, 'out');
    const result = buildPackages({
      chromeBuildDir: build('chrome', chromeManifest),
      firefoxBuildDir: build('firefox', firefoxManifest),
      version: '1.2.3',
      outDir: out,
    });
    expect(result.descriptor.chrome.crx).toBeUndefined();
    expect(result.notes[0]).toMatch(/^NO CRX: no signing key was given/);
    expect(result.files.map((f) => f.slice(out.length + 1))).toEqual(['undertone-1.2.3-chrome.zip', 'undertone-1.2.3-firefox.xpi', 'release.json']);
    const xpiManifest = JSON.parse(readZip(readFileSync(join(out, 'undertone-1.2.3-firefox.xpi'))).get('manifest.json')!.toString());
    expect(xpiManifest.browser_specific_settings.gecko.update_url).toBeUndefined();
  });

  it('writes no Firefox update_url for a plain-http base, and says why', () => {
    const out = join(dir, 'out');
    const result = buildPackages({
      chromeBuildDir: build('chrome', chromeManifest),
      firefoxBuildDir: build('firefox', firefoxManifest),
      version: '1.2.3',
      crxKey: privateKey,
      updateBase: 'http://10.0.0.5:8740',
      outDir: out,
    });
    const xpiManifest = JSON.parse(readZip(readFileSync(join(out, 'undertone-1.2.3-firefox.xpi'))).get('manifest.json')!.toString());
    expect(xpiManifest.browser_specific_settings.gecko.update_url).toBeUndefined();
    expect(result.notes.join('\n')).toMatch(/Firefox refuses a plain-http update_url/);
    const crx = readCrx3(readFileSync(join(out, 'undertone-1.2.3.crx')));
    expect(JSON.parse(readZip(crx.zip).get('manifest.json')!.toString()).update_url).toBe('http://10.0.0.5:8740/extensions/chrome/updates.xml');
  });

  it('refuses builds whose version differs from package.json, and a bad update base', () => {
    const chromeBuildDir = build('chrome', chromeManifest);
    const firefoxBuildDir = build('firefox', { ...firefoxManifest, version: '1.2.2' });
    const outDir = join(dir, 'out');
    expect(() => buildPackages({ chromeBuildDir, firefoxBuildDir, version: '1.2.3', outDir })).toThrow(
      /Firefox build has version 1\.2\.2 but package\.json says 1\.2\.3/,
    );
    const fine = build('firefox2', firefoxManifest);
    expect(() => buildPackages({ chromeBuildDir, firefoxBuildDir: fine, version: '1.2.3', outDir, updateBase: 'relay.example.com' })).toThrow(
      /must be an http\(s\) URL/,
    );
  });
});
