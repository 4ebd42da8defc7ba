// The rollout subcommands of `undertone-relay`: `import users` (bulk provisioning from CSV) and `export history`
// (coaching history for audit). The command line hands them its parsed flags, the directory and the history reader.
import { readFileSync, writeFileSync } from 'node:fs';
import { csvLine } from './csv.ts';
import type { HistoryReader } from '../relay/store/history-reader.ts';
import { ExportError, historyCsv, parseBound, readHistory, type HistoryFilter } from './history-export.ts';
import { ImportError, importUsers, parseUserCsv, type ImportDirectory } from './user-import.ts';

type Values = Record<string, string | string[] | boolean | undefined>;

export const ROLLOUT_COMMANDS: Record<string, string> = {
  'import users': 'import users --org ORG --file users.csv [--enroll [--ttl-hours 72]] [--out codes.csv]',
  'export history': 'export history --org ORG [--team TEAM] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format csv|json] [--out FILE]',
};

export type RolloutContext = {
  values: Values;
  redis: boolean;
  /** The relay's coaching history, read-only; throws an ExportError when there is none. */
  openHistory: () => HistoryReader;
  openDirectory: () => Promise<{ identities: ImportDirectory; close(): Promise<void> }>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
};

class UsageError extends Error {}

const text = (v: Values, name: string) => (typeof v[name] === 'string' ? (v[name] as string) : Array.isArray(v[name]) ? (v[name] as string[])[0] : undefined);
function need(v: Values, name: string): string {
  const value = text(v, name);
  if (!value?.trim()) throw new UsageError(`--${name} is required`);
  return value;
}

async function importCommand(ctx: RolloutContext): Promise<void> {
  const { values } = ctx;
  const orgId = need(values, 'org');
  const file = need(values, 'file');
  let csv: string;
  try {
    csv = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file} (${(error as Error).message})`);
  }
  const rows = parseUserCsv(csv);
  const ttlText = text(values, 'ttl-hours');
  const ttlHours = ttlText === undefined ? 72 : Number(ttlText);
  if (!(ttlHours > 0)) throw new UsageError('--ttl-hours must be a positive number');
  const directory = await ctx.openDirectory();
  let outcome;
  try {
    outcome = await importUsers(directory.identities, orgId, rows, { enroll: values.enroll === true, enrollTtlMs: ttlHours * 3600_000 });
  } finally {
    await directory.close();
  }
  const codes = outcome.created.filter((c) => c.enrollmentCode);
  const out = text(values, 'out');
  if (out && codes.length > 0) {
    const lines = [csvLine(['name', 'userId', 'role', 'teams', 'enrollmentCode', 'expiresAt'])];
    for (const c of codes) lines.push(csvLine([c.name, c.id, c.role, c.teams.join(';'), c.enrollmentCode, new Date(c.expiresAt!).toISOString()]));
    writeFileSync(out, lines.join('\r\n') + '\r\n', { mode: 0o600 });
  }
  if (values.json) return ctx.stdout(JSON.stringify(outcome));
  const lines = [
    `imported ${outcome.created.length} user(s), skipped ${outcome.skipped.length}, created ${outcome.teamsCreated.length} team(s)`,
    ...outcome.teamsCreated.map((t) => `  team ${t.name} (${t.id})`),
    ...outcome.created.map((c) => `  ${c.role} ${c.name} (${c.id})${c.enrollmentCode && !out ? `  enrollment code: ${c.enrollmentCode}` : ''}`),
    ...outcome.skipped.map((s) => `  skipped line ${s.line}: ${s.name}: ${s.reason}`),
  ];
  if (out && codes.length > 0) lines.push(`enrollment codes written to ${out}`);
  ctx.stdout(lines.join('\n'));
}

function exportCommand(ctx: RolloutContext): void {
  const { values } = ctx;
  if (ctx.redis) throw new UsageError('export history reads the SQLite data directory; it does not read Redis yet');
  const format = text(values, 'format') ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw new UsageError('--format must be csv or json');
  const filter: HistoryFilter = { orgId: need(values, 'org') };
  const team = text(values, 'team');
  if (team) filter.teamId = team;
  const from = text(values, 'from');
  const to = text(values, 'to');
  if (from) filter.fromMs = parseBound(from, 'from');
  if (to) filter.toMs = parseBound(to, 'to');
  if (filter.fromMs !== undefined && filter.toMs !== undefined && filter.fromMs > filter.toMs) throw new UsageError('--from is after --to');
  const records = readHistory(ctx.openHistory(), filter);
  const body = format === 'json' ? JSON.stringify(records, null, 2) + '\n' : historyCsv(records);
  const out = text(values, 'out');
  if (out) {
    writeFileSync(out, body, { mode: 0o600 });
    ctx.stderr(`exported ${records.length} message(s) to ${out}`);
  } else ctx.stdout(body.replace(/\r?\n$/, ''));
}

/** Runs `import users` or `export history`; returns the exit code (1 with a message in words on bad input). */
export async function runRolloutCommand(name: string, ctx: RolloutContext): Promise<number> {
  try {
    if (name === 'import users') await importCommand(ctx);
    else if (name === 'export history') exportCommand(ctx);
    else throw new UsageError(`unknown command "${name}"`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ImportError || error instanceof ExportError) {
      const message = error instanceof UsageError ? `${error.message} (usage: undertone-relay ${ROLLOUT_COMMANDS[name] ?? name})` : error.message;
      if (ctx.values.json) ctx.stdout(JSON.stringify({ error: message, ...(error instanceof ImportError ? { problems: error.problems } : {}) }));
      ctx.stderr(`undertone-relay: ${message}`);
      return 1;
    }
    throw error;
  }
}
