// The background's adapter health: tabs' "not recognised" readings become per-site reports with the adapter and the
// missing parts (first since kept), a recognised page clears its site, unusable custom adapters are reported with
// their errors, changes are gathered before sending, each welcome sends the whole list, and no page content leaves.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { AdapterHealthFrameSchema, type AdapterHealthFrame } from '../../../lib/protocol/index.ts';
import { AdapterHealth, adapterVersion } from '../../../lib/extension/adapter-health.ts';
import { parseAdapterConfig } from '../../../lib/adapters/format/index.ts';
import type { HelpdeskSite } from '../../../lib/extension/policy.ts';

const parcellyJson = readFileSync('test/fixtures/studio/parcelly-react.adapter.json', 'utf8');
const SITE = 'http://127.0.0.1/parcelly/*';
const PAGE = 'http://127.0.0.1:4123/parcelly/inbox/conv/8f3a2c91';
const T0 = Date.parse('2026-11-29T10:02:00Z');

describe('adapter health in the background', () => {
  let sent: AdapterHealthFrame[];
  let connected: boolean;
  let sites: HelpdeskSite[];
  let now: number;
  let health: AdapterHealth;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    connected = true;
    now = T0;
    sites = [{ match: SITE, adapter: 'custom', adapterConfig: parcellyJson }];
    health = new AdapterHealth({
      send: (frame) => {
        if (connected) sent.push(AdapterHealthFrameSchema.parse(frame));
        return connected;
      },
      sites: () => sites,
      now: () => now,
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports a page that is not recognised, gathered for 2 s, with the adapter and never the page address', () => {
    health.pageReport(PAGE, 'not_recognised', 'parcelly', ['transcript']);
    vi.advanceTimersByTime(1999);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    const adapter = parseAdapterConfig(parcellyJson);
    expect(adapter.ok).toBe(true);
    expect(sent).toEqual([
      {
        type: 'adapter_health',
        sites: [{ site: SITE, adapter: { id: 'parcelly', name: 'Parcelly Support (written by hand)', version: expect.stringMatching(/^2026-11-29\.[0-9a-f]{8}$/) as string }, missing: [{ part: 'transcript', since: T0 }], adapterErrors: [] }],
      },
    ]);
    expect(JSON.stringify(sent)).not.toContain('8f3a2c91');
    expect(JSON.stringify(sent)).not.toContain('Kim Sato');
  });

  it('keeps the first since of a part that stays missing, and clears the site once a tab recognises it', () => {
    health.pageReport(PAGE, 'not_recognised', 'parcelly', ['transcript']);
    now += 60_000;
    health.pageReport(PAGE, 'not_recognised', 'parcelly', ['transcript', 'conversation_key']);
    vi.advanceTimersByTime(2000);
    expect(sent.at(-1)!.sites[0]!.missing).toEqual([{ part: 'transcript', since: T0 }, { part: 'conversation_key', since: T0 + 60_000 }]);
    // Still searching or idle says nothing about health.
    health.pageReport(PAGE, 'searching', 'parcelly', []);
    vi.advanceTimersByTime(2000);
    expect(sent).toHaveLength(1);
    health.pageReport(PAGE, 'recognised', 'parcelly', []);
    vi.advanceTimersByTime(2000);
    expect(sent.at(-1)).toEqual({ type: 'adapter_health', sites: [] });
  });

  it('ignores pages of sites that are not configured', () => {
    health.pageReport('https://elsewhere.example.com/inbox', 'not_recognised', 'parcelly', ['chat_view']);
    vi.advanceTimersByTime(5000);
    expect(sent).toEqual([]);
  });

  it('reports an unusable custom adapter with its errors, without any page', () => {
    sites = [{ match: SITE, adapter: 'custom', adapterConfig: JSON.stringify({ ...JSON.parse(parcellyJson), selecter: '.typo' }) }];
    health.changed();
    vi.advanceTimersByTime(2000);
    expect(sent).toEqual([{ type: 'adapter_health', sites: [{ site: SITE, adapter: null, missing: [], adapterErrors: ['(adapter): "selecter" is not part of the adapter format here'] }] }]);
  });

  it('sends the whole list again after each welcome, and nothing when nothing changed', async () => {
    connected = false;
    health.pageReport(PAGE, 'not_recognised', 'parcelly', ['chat_view']);
    vi.advanceTimersByTime(2000);
    expect(sent).toEqual([]);
    connected = true;
    health.connectionReset();
    await vi.runAllTimersAsync();
    expect(sent).toHaveLength(1);
    health.changed();
    vi.advanceTimersByTime(2000);
    expect(sent).toHaveLength(1);
    health.connectionReset();
    await vi.runAllTimersAsync();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(sent[0]);
  });

  it('remembers broken sites across a worker restart through its store', async () => {
    let saved: unknown;
    const store = { load: () => Promise.resolve(saved), save: (value: unknown) => Promise.resolve(void (saved = value)) };
    const first = new AdapterHealth({ send: () => true, sites: () => sites, now: () => now, store });
    first.pageReport(PAGE, 'not_recognised', 'parcelly', ['transcript']);
    const second = new AdapterHealth({ send: (frame) => (sent.push(frame), true), sites: () => sites, now: () => now + 3600_000, store });
    second.connectionReset();
    await vi.runAllTimersAsync();
    expect(sent[0]!.sites[0]!.missing).toEqual([{ part: 'transcript', since: T0 }]);
  });

  it('gives a version from the check date and a hash of the configuration', () => {
    const parsed = parseAdapterConfig(parcellyJson);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(adapterVersion(parsed.adapter)).toMatch(/^2026-11-29\.[0-9a-f]{8}$/);
    expect(adapterVersion({ ...parsed.adapter, name: 'Other' })).not.toBe(adapterVersion(parsed.adapter));
    const { checked: _checked, ...unchecked } = parsed.adapter;
    expect(adapterVersion(unchecked)).toMatch(/^unchecked\.[0-9a-f]{8}$/);
  });
});
