// Windows .reg file for Google Chrome: the force-install entry and the managed config under 3rdparty\extensions\<id>\policy,
// encoded the way Chrome reads registry policy (objects and lists as subkeys, list entries named 1, 2, ...).
import { chromeForcelistEntry, type Deployment } from './deployment.ts';

export const CHROME_POLICY_KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome';
export const chromeExtensionPolicyKey = (chromeId: string) => `${CHROME_POLICY_KEY}\\3rdparty\\extensions\\${chromeId}\\policy`;

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function regValue(name: string, value: unknown, where: string): string {
  if (typeof value === 'string') return `${quote(name)}=${quote(value)}`;
  if (typeof value === 'boolean') return `${quote(name)}=dword:${value ? '00000001' : '00000000'}`;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff) {
    return `${quote(name)}=dword:${value.toString(16).padStart(8, '0')}`;
  }
  throw new Error(`${where}: ${JSON.stringify(value)} has no registry form (text, true/false or a whole number from 0)`);
}

/** Sections ([key] then values) for one object, its nested objects and lists. */
function sections(key: string, value: Record<string, unknown>, where: string): string[][] {
  const own: string[] = [`[${key}]`];
  const nested: string[][] = [];
  const add = (name: string, v: unknown, path: string) => {
    if (v === undefined || v === null) return;
    if (Array.isArray(v)) {
      const listKey = `${key}\\${name}`;
      const scalars: string[] = [`[${listKey}]`];
      v.forEach((item, i) => {
        if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
          nested.push(...sections(`${listKey}\\${i + 1}`, item as Record<string, unknown>, `${path}[${i}]`));
        } else scalars.push(regValue(String(i + 1), item, `${path}[${i}]`));
      });
      if (scalars.length > 1 || v.length === 0) nested.unshift(scalars);
    } else if (typeof v === 'object') nested.push(...sections(`${key}\\${name}`, v as Record<string, unknown>, path));
    else own.push(regValue(name, v, path));
  };
  for (const [name, v] of Object.entries(value)) add(name, v, where ? `${where}.${name}` : name);
  return [own, ...nested];
}

export function windowsRegistry(d: Deployment): string {
  const policyKey = chromeExtensionPolicyKey(d.chromeId);
  const lines = [
    'Windows Registry Editor Version 5.00',
    '',
    '; Undertone for Google Chrome. Generated from the extension\'s managed schema (npm run policy-templates).',
    '; Force-install: entry "1" of ExtensionInstallForcelist. If "1" is taken by another extension, use the next free number.',
    `[${CHROME_POLICY_KEY}\\ExtensionInstallForcelist]`,
    regValue('1', chromeForcelistEntry(d), 'ExtensionInstallForcelist'),
    '',
    '; Managed configuration (storage.managed). The first line removes settings left from an earlier version of this file.',
    `[-${policyKey}]`,
    '',
    ...sections(policyKey, d.config, '').flatMap((s) => [...s, '']),
  ];
  return lines.join('\r\n');
}

/** .reg files are UTF-16LE with a byte-order mark, as regedit writes them. */
export function encodeRegFile(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}
