// Coaching history for audit, read-only from the relay's SQLite file: whispers, replies and help requests of one
// organisation, optionally one team (the agent's team) and a date range, as CSV or JSON.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { csvLine } from './csv.ts';

export type HistoryRecord = {
  id: string;
  createdAt: string;
  kind: string;
  senderId: string;
  senderName: string;
  senderRole: string;
  agentId: string;
  agentName: string | null;
  agentTeams: string[];
  conversationKey: string | null;
  text: string;
  readBy: string[];
};

export type HistoryFilter = { orgId: string; teamId?: string; fromMs?: number; toMs?: number };

export class ExportError extends Error {}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A --from/--to value in ms: a date (UTC; --to includes the whole day) or an ISO 8601 date and time. */
export function parseBound(text: string, which: 'from' | 'to'): number {
  const ms = Date.parse(DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms)) throw new ExportError(`--${which} "${text}" is not a date; use YYYY-MM-DD or an ISO 8601 time such as 2026-03-01T09:00:00Z`);
  return DATE_ONLY.test(text) && which === 'to' ? ms + 86_400_000 - 1 : ms;
}

export function readHistory(dataDir: string, filter: HistoryFilter): HistoryRecord[] {
  const file = join(dataDir, 'undertone.sqlite');
  if (!existsSync(file)) throw new ExportError(`there is no relay database at ${file}`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if (!db.prepare('SELECT 1 FROM orgs WHERE id = ?').get(filter.orgId)) throw new ExportError(`there is no organisation ${filter.orgId}`);
    if (filter.teamId && !db.prepare('SELECT 1 FROM teams WHERE id = ? AND org_id = ?').get(filter.teamId, filter.orgId)) {
      throw new ExportError(`there is no team ${filter.teamId} in ${filter.orgId}`);
    }
    const rows = db
      .prepare(
        `SELECT m.id, m.created_at, m.kind, m.sender_id, m.sender_name, m.sender_role, m.agent_id, u.name AS agent_name,
                m.conversation_key, m.text
           FROM messages m LEFT JOIN users u ON u.id = m.agent_id
          WHERE m.org_id = @orgId AND m.created_at >= @from AND m.created_at <= @to
            AND (@teamId IS NULL OR m.agent_id IN (SELECT user_id FROM team_members WHERE team_id = @teamId))
          ORDER BY m.seq_id`,
      )
      .all({ orgId: filter.orgId, teamId: filter.teamId ?? null, from: filter.fromMs ?? 0, to: filter.toMs ?? Number.MAX_SAFE_INTEGER }) as Array<{
      id: string;
      created_at: number;
      kind: string;
      sender_id: string;
      sender_name: string;
      sender_role: string;
      agent_id: string;
      agent_name: string | null;
      conversation_key: string | null;
      text: string;
    }>;
    const teamsOf = db.prepare('SELECT t.name FROM team_members tm JOIN teams t ON t.id = tm.team_id WHERE tm.user_id = ? ORDER BY t.name');
    const readers = db.prepare('SELECT COALESCE(u.name, r.user_id) AS name FROM message_reads r LEFT JOIN users u ON u.id = r.user_id WHERE r.message_id = ? ORDER BY r.at');
    const teamCache = new Map<string, string[]>();
    return rows.map((r) => {
      if (!teamCache.has(r.agent_id)) teamCache.set(r.agent_id, (teamsOf.all(r.agent_id) as Array<{ name: string }>).map((t) => t.name));
      return {
        id: r.id,
        createdAt: new Date(r.created_at).toISOString(),
        kind: r.kind,
        senderId: r.sender_id,
        senderName: r.sender_name,
        senderRole: r.sender_role,
        agentId: r.agent_id,
        agentName: r.agent_name,
        agentTeams: teamCache.get(r.agent_id)!,
        conversationKey: r.conversation_key,
        text: r.text,
        readBy: (readers.all(r.id) as Array<{ name: string }>).map((x) => x.name),
      };
    });
  } finally {
    db.close();
  }
}

export const HISTORY_CSV_HEADER = ['id', 'createdAt', 'kind', 'senderId', 'senderName', 'senderRole', 'agentId', 'agentName', 'agentTeams', 'conversationKey', 'text', 'readBy'];

export function historyCsv(records: HistoryRecord[]): string {
  const lines = [csvLine(HISTORY_CSV_HEADER)];
  for (const r of records) {
    lines.push(csvLine([r.id, r.createdAt, r.kind, r.senderId, r.senderName, r.senderRole, r.agentId, r.agentName, r.agentTeams.join(';'), r.conversationKey, r.text, r.readBy.join(';')]));
  }
  return lines.join('\r\n') + '\r\n';
}
