// The ZIP writer: entries round-trip, output is byte-stable, and unsafe paths are refused in words.
import { describe, expect, it } from 'vitest';
import { writeZip } from '../../../lib/rollout/index.ts';
import { readZip } from './zip-reader.ts';

describe('writeZip', () => {
  const entries = [
    { path: 'manifest.json', data: Buffer.from('{"name":"x"}') },
    { path: 'chunks/app.js', data: Buffer.from('console.log(1);\n'.repeat(200)) },
    { path: 'empty.txt', data: Buffer.alloc(0) },
  ];

  it('writes entries that read back with the same names and bytes', () => {
    const files = readZip(writeZip(entries));
    expect([...files.keys()]).toEqual(['manifest.json', 'chunks/app.js', 'empty.txt']);
    for (const e of entries) expect(files.get(e.path)!.equals(e.data)).toBe(true);
  });

  it('compresses repetitive content and gives the same bytes for the same input', () => {
    const zip = writeZip(entries);
    expect(zip.length).toBeLessThan(1000);
    expect(writeZip(entries).equals(zip)).toBe(true);
  });

  it('refuses absolute, backslash, parent and duplicate paths', () => {
    for (const path of ['/etc/passwd', 'a\\b', '../x', 'a/../../x']) {
      expect(() => writeZip([{ path, data: Buffer.from('') }])).toThrow(/must be relative/);
    }
    expect(() => writeZip([entries[0]!, entries[0]!])).toThrow(/appears twice/);
  });
});
