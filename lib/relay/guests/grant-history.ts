// Guest grants as rows of the coaching history export: one row when a colleague was brought into a chat, one when
// that access ended (removed, chat ended, or the relay's maximum), read from the relay's SQLite file.
import type { SqliteDatabase } from '../store/database.ts';
import type { HistoryFilter, HistoryRecord } from '../store/history-reader.ts';

type GrantRow = {
  id: string;
  agent_id: string;
  agent_name: string;
  conversation_key: string;
  guest: string;
  invited_by: string;
  created_at: number;
  ended_at: number | null;
  end_reason: string | null;
  ended_by: string | null;
  ended_by_name: string | null;
  ended_by_role: string | null;
};

const ENDINGS: Record<string, string> = {
  removed: 'removed from the chat',
  chat_ended: 'the chat ended',
  expired: 'the longest allowed time passed',
};

/** Grant starts and ends within the filter, as history records (not ordered). */
export function grantHistory(db: SqliteDatabase, filter: HistoryFilter, agentTeams: (agentId: string) => string[]): HistoryRecord[] {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'guest_grants'").get();
  if (!exists) return [];
  const rows = db
    .prepare(
      `SELECT g.id, g.agent_id, g.agent_name, g.conversation_key, g.guest, g.invited_by, g.created_at, g.ended_at, g.end_reason,
              g.ended_by, u.name AS ended_by_name, u.role AS ended_by_role
         FROM guest_grants g LEFT JOIN users u ON u.id = g.ended_by
        WHERE g.org_id = @orgId
          AND ((g.created_at >= @from AND g.created_at <= @to) OR (g.ended_at >= @from AND g.ended_at <= @to))
          AND (@teamId IS NULL OR g.agent_id IN (SELECT user_id FROM team_members WHERE team_id = @teamId))`,
    )
    .all({ orgId: filter.orgId, teamId: filter.teamId ?? null, from: filter.fromMs ?? 0, to: filter.toMs ?? Number.MAX_SAFE_INTEGER }) as GrantRow[];
  const inRange = (at: number) => at >= (filter.fromMs ?? 0) && at <= (filter.toMs ?? Number.MAX_SAFE_INTEGER);
  const records: HistoryRecord[] = [];
  for (const row of rows) {
    const guest = JSON.parse(row.guest) as { id: string; name: string; teams: { name: string }[] };
    const invitedBy = JSON.parse(row.invited_by) as { id: string; name: string; role: string };
    const who = `${guest.name}${guest.teams.length ? ` (${guest.teams.map((t) => t.name).join(', ')})` : ''}`;
    const base = { agentId: row.agent_id, agentName: row.agent_name, agentTeams: agentTeams(row.agent_id), conversationKey: row.conversation_key, readBy: [] };
    if (inRange(row.created_at)) {
      records.push({
        ...base,
        id: row.id,
        createdAt: new Date(row.created_at).toISOString(),
        kind: 'guest_joined',
        senderId: invitedBy.id,
        senderName: invitedBy.name,
        senderRole: invitedBy.role,
        text: `${who} [${guest.id}] was brought into the chat`,
      });
    }
    if (row.ended_at !== null && inRange(row.ended_at)) {
      records.push({
        ...base,
        id: `${row.id}.end`,
        createdAt: new Date(row.ended_at).toISOString(),
        kind: 'guest_left',
        senderId: row.ended_by ?? '',
        senderName: row.ended_by_name ?? (row.ended_by ? row.ended_by : 'relay'),
        senderRole: row.ended_by_role ?? '',
        text: `${who} [${guest.id}] left: ${ENDINGS[row.end_reason ?? ''] ?? row.end_reason ?? 'ended'}`,
      });
    }
  }
  return records;
}
