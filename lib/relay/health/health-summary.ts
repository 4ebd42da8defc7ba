// Adapter health of an organisation for people: reports grouped by adapter and missing part (how many users, since
// when) and by site for unusable custom adapters, and the lines `undertone-relay adapters health` prints.
import { HEALTH_PARTS, type HealthPart } from '../../protocol/index.ts';
import type { StoredSiteHealth } from './health-store.ts';

/** Users whose page lacks one required part with one adapter. */
export type HealthProblem = {
  adapterId: string;
  adapterName: string;
  part: HealthPart;
  /** Adapter versions seen in these reports. */
  versions: string[];
  userIds: string[];
  /** The earliest time the part went missing. */
  since: number;
};

/** Users on whose browser the custom adapter for a site does not validate. */
export type AdapterErrorsReport = { site: string; errors: string[]; userIds: string[]; since: number };

export type HealthSummary = { problems: HealthProblem[]; adapterErrors: AdapterErrorsReport[] };

const PART_WORDS: Record<HealthPart, string> = {
  chat_view: 'chat view',
  transcript: 'transcript',
  conversation_key: 'conversation key',
  adapter_run: 'adapter run',
};

export function summariseHealth(reports: readonly StoredSiteHealth[]): HealthSummary {
  const problems = new Map<string, HealthProblem & { users: Set<string>; versionSet: Set<string> }>();
  const errors = new Map<string, AdapterErrorsReport & { users: Set<string> }>();
  for (const report of reports) {
    for (const { part, since } of report.adapter ? report.missing : []) {
      const adapter = report.adapter!;
      const key = `${adapter.id}\u0000${part}`;
      let entry = problems.get(key);
      if (!entry) {
        entry = { adapterId: adapter.id, adapterName: adapter.name, part, versions: [], userIds: [], since, users: new Set(), versionSet: new Set() };
        problems.set(key, entry);
      }
      entry.users.add(report.userId);
      entry.versionSet.add(adapter.version);
      entry.since = Math.min(entry.since, since);
    }
    if (report.adapterErrors.length > 0) {
      const key = `${report.site}\u0000${report.adapterErrors.join('\n')}`;
      let entry = errors.get(key);
      if (!entry) errors.set(key, (entry = { site: report.site, errors: report.adapterErrors, userIds: [], since: report.reportedAt, users: new Set() }));
      entry.users.add(report.userId);
      entry.since = Math.min(entry.since, report.reportedAt);
    }
  }
  const order = (part: HealthPart) => HEALTH_PARTS.indexOf(part);
  return {
    problems: [...problems.values()]
      .map(({ users, versionSet, ...p }) => ({ ...p, userIds: [...users].sort(), versions: [...versionSet].sort() }))
      .sort((a, b) => a.adapterName.localeCompare(b.adapterName) || a.adapterId.localeCompare(b.adapterId) || order(a.part) - order(b.part)),
    adapterErrors: [...errors.values()].map(({ users, ...e }) => ({ ...e, userIds: [...users].sort() })).sort((a, b) => a.site.localeCompare(b.site) || a.since - b.since),
  };
}

/** `10:02` for a time of the same day as `now`, else `2026-11-28 10:02` (in `timeZone`, the machine's by default). */
export function sinceWords(at: number, now: number, timeZone?: string): string {
  const parts = (ms: number) => {
    const format = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(timeZone ? { timeZone } : {}) });
    const got = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
    return { day: `${got.year}-${got.month}-${got.day}`, time: `${got.hour}:${got.minute}` };
  };
  const then = parts(at);
  return then.day === parts(now).day ? then.time : `${then.day} ${then.time}`;
}

const agentsPages = (n: number) => (n === 1 ? "1 agent's page" : `${n} agents' pages`);
const people = (n: number) => (n === 1 ? '1 person' : `${n} people`);

/** One line per problem, e.g. "Acme Desk: transcript not found on 14 agents' pages since 10:02". */
export function healthLines(summary: HealthSummary, now: number, timeZone?: string): string[] {
  const lines = summary.problems.map((p) =>
    p.part === 'adapter_run'
      ? `${p.adapterName}: the adapter failed on ${agentsPages(p.userIds.length)} since ${sinceWords(p.since, now, timeZone)}`
      : `${p.adapterName}: ${PART_WORDS[p.part]} not found on ${agentsPages(p.userIds.length)} since ${sinceWords(p.since, now, timeZone)}`,
  );
  for (const e of summary.adapterErrors) {
    lines.push(`The custom adapter for ${e.site} is not usable (reported by ${people(e.userIds.length)} since ${sinceWords(e.since, now, timeZone)}): ${e.errors.join('; ')}`);
  }
  return lines.length > 0 ? lines : ['No adapter problems reported: every reporting page is recognised.'];
}
