// What `undertone-relay adapters health` prints: reports grouped by adapter and missing part with how many users and
// the earliest time, unusable custom adapters by site, and the keeping of `since` across reports.
import { describe, expect, it } from 'vitest';
import { healthLines, mergeReports, sinceWords, summariseHealth, type StoredSiteHealth } from '../../../lib/relay/health/index.ts';

const at = (hhmm: string, day = '2026-11-29') => Date.parse(`${day}T${hhmm}:00Z`);
const NOW = at('15:00');
const acme = { id: 'acme-desk', name: 'Acme Desk', version: '2026-11-29.1a2b3c4d' };

function report(userId: string, missing: StoredSiteHealth['missing'], extra: Partial<StoredSiteHealth> = {}): StoredSiteHealth {
  return { orgId: 'org_a', userId, site: 'https://acme.example.com/*', adapter: acme, missing, adapterErrors: [], reportedAt: NOW, ...extra };
}

describe('adapter health summary', () => {
  it('groups by adapter and part, counts users and keeps the earliest since', () => {
    const reports = [
      ...Array.from({ length: 14 }, (_, i) => report(`usr_${i}`, [{ part: 'transcript', since: at(`10:${String(2 + i).padStart(2, '0')}`) }])),
      report('usr_0', [{ part: 'chat_view', since: at('11:30') }], { site: 'https://acme2.example.com/*', adapter: { ...acme, version: '2026-11-20.ffff0000' } }),
    ];
    const summary = summariseHealth(reports);
    expect(summary.problems.map((p) => [p.adapterName, p.part, p.userIds.length, p.since])).toEqual([
      ['Acme Desk', 'chat_view', 1, at('11:30')],
      ['Acme Desk', 'transcript', 14, at('10:02')],
    ]);
    expect(healthLines(summary, NOW, 'UTC')).toEqual([
      "Acme Desk: chat view not found on 1 agent's page since 11:30",
      "Acme Desk: transcript not found on 14 agents' pages since 10:02",
    ]);
  });

  it('counts a user once per adapter and part, whatever the number of sites', () => {
    const summary = summariseHealth([
      report('usr_1', [{ part: 'conversation_key', since: at('09:00') }]),
      report('usr_1', [{ part: 'conversation_key', since: at('08:00') }], { site: 'https://other.example.com/*' }),
    ]);
    expect(healthLines(summary, NOW, 'UTC')).toEqual(["Acme Desk: conversation key not found on 1 agent's page since 08:00"]);
  });

  it('says when the adapter itself failed, and gives the date for an earlier day', () => {
    const summary = summariseHealth([report('usr_1', [{ part: 'adapter_run', since: at('23:10', '2026-11-28') }])]);
    expect(healthLines(summary, NOW, 'UTC')).toEqual(["Acme Desk: the adapter failed on 1 agent's page since 2026-11-28 23:10"]);
    expect(sinceWords(at('10:02'), NOW, 'Europe/Berlin')).toBe('11:02');
  });

  it('lists unusable custom adapters by site with their errors', () => {
    const errors = ['transcript.message: "li[" is not a valid CSS selector', '(adapter): "selecter" is not part of the adapter format here'];
    const summary = summariseHealth([
      report('usr_1', [], { adapter: null, adapterErrors: errors, reportedAt: at('09:15') }),
      report('usr_2', [], { adapter: null, adapterErrors: errors, reportedAt: at('09:40') }),
    ]);
    expect(summary.problems).toEqual([]);
    expect(healthLines(summary, NOW, 'UTC')).toEqual([
      `The custom adapter for https://acme.example.com/* is not usable (reported by 2 people since 09:15): ${errors.join('; ')}`,
    ]);
  });

  it('says so when nothing is reported', () => {
    expect(healthLines(summariseHealth([]), NOW, 'UTC')).toEqual(['No adapter problems reported: every reporting page is recognised.']);
  });

  it('keeps the earlier since of a part that stays missing, and forgets a part that came back', () => {
    const stored = [report('usr_1', [{ part: 'transcript', since: at('10:02') }, { part: 'chat_view', since: at('10:05') }])];
    const next = mergeReports(stored, [{ site: stored[0]!.site, adapter: acme, missing: [{ part: 'transcript', since: at('12:00') }], adapterErrors: [] }], 'org_a', 'usr_1', NOW);
    expect(next.map((r) => r.missing)).toEqual([[{ part: 'transcript', since: at('10:02') }]]);
    // A since in the future (a client's clock ahead) is stored as now.
    const ahead = mergeReports([], [{ site: 'https://x.example.com/*', adapter: acme, missing: [{ part: 'transcript', since: NOW + 3600_000 }], adapterErrors: [] }], 'org_a', 'usr_1', NOW);
    expect(ahead[0]!.missing[0]!.since).toBe(NOW);
  });
});
