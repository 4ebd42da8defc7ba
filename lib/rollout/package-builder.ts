// Turns the two extension builds into release files: the Chrome zip, a signed CRX3 when a key is given, the
// Firefox .xpi, and release.json describing them for the relay's update routes.
import { createHash, type KeyObject } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { createCrx3 } from './crx3.ts';
import { RELEASE_FILE, ReleaseDescriptorSchema, type ReleaseDescriptor } from './release-descriptor.ts';
import { chromeUpdateUrl, firefoxUpdateUrl } from './update-urls.ts';
import { writeZip, type ZipEntry } from './zip-writer.ts';

export type PackageInput = {
  chromeBuildDir: string;
  firefoxBuildDir: string;
  /** The release version (package.json); both built manifests must carry it. */
  version: string;
  /** RSA key that signs the CRX; without it no CRX is made. */
  crxKey?: KeyObject;
  /** Public base URL of the relay serving updates, e.g. https://relay.example.com; written into the manifests. */
  updateBase?: string;
  outDir: string;
};

export type PackageResult = { descriptor: ReleaseDescriptor; files: string[]; notes: string[] };

type Manifest = Record<string, unknown>;

function readTree(dir: string): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const walk = (current: string) => {
    for (const dirent of readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(current, dirent.name);
      if (dirent.isDirectory()) walk(full);
      else if (dirent.isFile()) entries.push({ path: relative(dir, full).split(sep).join('/'), data: readFileSync(full) });
    }
  };
  walk(dir);
  return entries;
}

function readManifest(entries: ZipEntry[], what: string): Manifest {
  const file = entries.find((e) => e.path === 'manifest.json');
  if (!file) throw new Error(`the ${what} build has no manifest.json; run \`npm run build\` first`);
  return JSON.parse(file.data.toString('utf8')) as Manifest;
}

function withManifest(entries: ZipEntry[], manifest: Manifest): ZipEntry[] {
  const data = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
  return entries.map((e) => (e.path === 'manifest.json' ? { path: e.path, data } : e));
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

export function buildPackages(input: PackageInput): PackageResult {
  const notes: string[] = [];
  const chromeEntries = readTree(input.chromeBuildDir);
  const firefoxEntries = readTree(input.firefoxBuildDir);
  const chromeManifest = readManifest(chromeEntries, 'Chrome');
  const firefoxManifest = readManifest(firefoxEntries, 'Firefox');
  for (const [what, manifest] of [['Chrome', chromeManifest], ['Firefox', firefoxManifest]] as const) {
    if (manifest.version !== input.version) {
      throw new Error(`the ${what} build has version ${String(manifest.version)} but package.json says ${input.version}; rebuild with \`npm run build\``);
    }
  }
  const gecko = (firefoxManifest.browser_specific_settings as { gecko?: Record<string, unknown> } | undefined)?.gecko;
  if (!gecko || typeof gecko.id !== 'string') throw new Error('the Firefox build has no browser_specific_settings.gecko.id');
  const addonId = gecko.id;
  if (input.updateBase !== undefined && !/^https?:\/\/[^/]+/.test(input.updateBase)) {
    throw new Error(`the update base "${input.updateBase}" must be an http(s) URL such as https://relay.example.com`);
  }

  mkdirSync(input.outDir, { recursive: true });
  const files: string[] = [];
  const write = (name: string, data: Buffer) => {
    writeFileSync(join(input.outDir, name), data);
    files.push(join(input.outDir, name));
  };
  const base = `undertone-${input.version}`;

  // The development `key` only pins the unpacked id; a store upload refuses it and a CRX brings its own.
  const { key: _devKey, ...storeManifest } = chromeManifest;
  const chromeZipName = `${base}-chrome.zip`;
  write(chromeZipName, writeZip(withManifest(chromeEntries, storeManifest)));

  let crx: ReleaseDescriptor['chrome']['crx'];
  if (input.crxKey) {
    const crxManifest = input.updateBase ? { ...storeManifest, update_url: chromeUpdateUrl(input.updateBase) } : storeManifest;
    const signed = createCrx3(writeZip(withManifest(chromeEntries, crxManifest)), input.crxKey);
    const crxName = `${base}.crx`;
    write(crxName, signed.crx);
    crx = { file: crxName, extensionId: signed.extensionId, sha256: sha256(signed.crx) };
    notes.push(`Chrome extension id ${signed.extensionId} (from the signing key); name it in ExtensionInstallForcelist.`);
  } else {
    notes.push(
      'NO CRX: no signing key was given (--key PATH or UNDERTONE_CRX_KEY). The Chrome zip (for the Chrome Web Store) and the Firefox package were made; self-hosting Chrome needs the CRX.',
    );
  }
  if (!input.updateBase) notes.push('No update base URL given (--update-base URL): the packages name no self-hosted update URL.');

  // Firefox marks an add-on whose update_url is not https as incompatible and refuses to install it.
  const firefoxUpdates = input.updateBase?.startsWith('https://') ?? false;
  if (input.updateBase && !firefoxUpdates) {
    notes.push(`The Firefox package names no update URL: Firefox refuses a plain-http update_url (${input.updateBase}); use an https:// base for Firefox updates.`);
  }
  const firefoxFinal = firefoxUpdates && input.updateBase
    ? { ...firefoxManifest, browser_specific_settings: { ...(firefoxManifest.browser_specific_settings as object), gecko: { ...gecko, update_url: firefoxUpdateUrl(input.updateBase) } } }
    : firefoxManifest;
  const xpi = writeZip(withManifest(firefoxEntries, firefoxFinal));
  const xpiName = `${base}-firefox.xpi`;
  write(xpiName, xpi);

  const descriptor = ReleaseDescriptorSchema.parse({
    version: input.version,
    ...(input.updateBase ? { updateBase: input.updateBase.replace(/\/+$/, '') } : {}),
    chrome: { zip: chromeZipName, ...(crx ? { crx } : {}) },
    firefox: { file: xpiName, addonId, sha256: sha256(xpi) },
  });
  write(RELEASE_FILE, Buffer.from(JSON.stringify(descriptor, null, 2) + '\n'));
  return { descriptor, files, notes };
}
