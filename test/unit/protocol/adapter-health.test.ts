// The adapter health frame carries no page content: strict objects, parts from a fixed list, bounded strings; a
// healthy site, a repeated site or part, and any extra field are refused.
import { describe, expect, it } from 'vitest';
import { decodeClientFrame } from '../../../lib/protocol/index.ts';

const site = {
  site: 'https://desk.example.com/*',
  adapter: { id: 'acme-desk', name: 'Acme Desk', version: '2026-11-29.1a2b3c4d' },
  missing: [{ part: 'transcript', since: 1_767_000_000_000 }],
  adapterErrors: [],
};
const frame = (sites: unknown[]) => JSON.stringify({ type: 'adapter_health', ref: 'h1', sites });
const refused = (sites: unknown[]) => {
  const decoded = decodeClientFrame(frame(sites));
  expect(decoded.ok).toBe(false);
  return decoded.ok ? '' : decoded.message;
};

describe('adapter_health frame', () => {
  it('accepts a report of missing parts and of adapter errors, and an empty list', () => {
    const decoded = decodeClientFrame(frame([site, { site: 'http://127.0.0.1/*', adapter: null, missing: [], adapterErrors: ['transcript.message: "li[" is not a valid CSS selector'] }]));
    expect(decoded.ok && decoded.frame).toMatchObject({ type: 'adapter_health', sites: [site, { adapter: null }] });
    expect(decodeClientFrame(frame([])).ok).toBe(true);
  });

  it('refuses any field that could carry page content', () => {
    expect(refused([{ ...site, text: 'Hi, where is my parcel?' }])).toMatch(/unrecognized key|"text"/i);
    expect(refused([{ ...site, url: 'https://desk.example.com/conv/8f3a' }])).toMatch(/url/);
    expect(refused([{ ...site, missing: [{ part: 'transcript', since: 1, match: '<div>Kim Sato</div>' }] }])).toMatch(/match/);
    expect(refused([{ ...site, adapter: { ...site.adapter, customer: 'Kim Sato' } }])).toMatch(/customer/);
    const top = decodeClientFrame(JSON.stringify({ type: 'adapter_health', sites: [], customers: ['Kim Sato'] }));
    expect(top.ok).toBe(false);
  });

  it('takes missing parts only from the fixed list', () => {
    expect(refused([{ ...site, missing: [{ part: 'Kim Sato', since: 1 }] }])).toMatch(/missing\.0\.part/);
    expect(refused([{ ...site, missing: [{ part: 'transcript', since: 1 }, { part: 'transcript', since: 2 }] }])).toMatch(/each part at most once/);
  });

  it('bounds every string: names, versions, sites and errors', () => {
    expect(refused([{ ...site, adapter: { ...site.adapter, name: 'x'.repeat(101) } }])).toMatch(/adapter\.name/);
    expect(refused([{ ...site, adapter: { ...site.adapter, version: 'Kim Sato wrote: where is my parcel' } }])).toMatch(/adapter\.version/);
    expect(refused([{ ...site, adapter: { ...site.adapter, id: 'Acme Desk' } }])).toMatch(/adapter\.id/);
    expect(refused([{ ...site, site: 'Hi, where is my parcel?' }])).toMatch(/match pattern/);
    expect(refused([{ ...site, site: `https://desk.example.com/${'a'.repeat(300)}` }])).toMatch(/site/);
    expect(refused([{ ...site, adapterErrors: ['x'.repeat(301)] }])).toMatch(/adapterErrors\.0/);
    expect(refused([{ ...site, adapterErrors: ['one line\nKim Sato: where is my parcel?'] }])).toMatch(/one line/);
    expect(refused([{ ...site, adapterErrors: Array.from({ length: 21 }, (_, i) => `error ${i}`) }])).toMatch(/adapterErrors/);
    expect(refused(Array.from({ length: 51 }, (_, i) => ({ ...site, site: `https://d${i}.example.com/*` })))).toMatch(/sites/);
  });

  it('refuses a healthy site (it is left out) and a site reported twice', () => {
    expect(refused([{ ...site, missing: [] }])).toMatch(/healthy site is left out/);
    expect(refused([site, site])).toMatch(/each site at most once/);
  });
});
