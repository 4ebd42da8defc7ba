// Customer send outcomes as rows of the coaching history export: one row per `customer` message whose outcome the
// agent reported ("sent to the customer", or why not), read from the relay's SQLite file.
import type { SqliteDatabase } from './database.ts';
import type { HistoryFilter, HistoryRecord } from './history-reader.ts';

type OutcomeRow = {
  message_id: string;
  outcome: string;
  reason: string | null;
  at: number;
  agent_id: string;
  agent_name: string | null;
  conversation_key: string | null;
  text: string;
};

/** Reported outcomes within the filter, as history records (not ordered); the agent is their sender. */
export function customerSendHistory(db: SqliteDatabase, filter: HistoryFilter, agentTeams: (agentId: string) => string[]): HistoryRecord[] {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'customer_sends'").get();
  if (!exists) return [];
  const rows = db
    .prepare(
      `SELECT cs.message_id, cs.outcome, cs.reason, cs.at, m.agent_id, u.name AS agent_name, m.conversation_key, m.text
         FROM customer_sends cs JOIN messages m ON m.id = cs.message_id LEFT JOIN users u ON u.id = m.agent_id
        WHERE m.org_id = @orgId AND cs.at >= @from AND cs.at <= @to
          AND (@teamId IS NULL OR m.agent_id IN (SELECT user_id FROM team_members WHERE team_id = @teamId))`,
    )
    .all({ orgId: filter.orgId, teamId: filter.teamId ?? null, from: filter.fromMs ?? 0, to: filter.toMs ?? Number.MAX_SAFE_INTEGER }) as OutcomeRow[];
  return rows.map((row) => ({
    id: `${row.message_id}.outcome`,
    createdAt: new Date(row.at).toISOString(),
    kind: row.outcome === 'sent' ? 'customer_sent' : 'customer_not_sent',
    senderId: row.agent_id,
    senderName: row.agent_name ?? row.agent_id,
    senderRole: 'agent',
    agentId: row.agent_id,
    agentName: row.agent_name,
    agentTeams: agentTeams(row.agent_id),
    conversationKey: row.conversation_key,
    text: row.outcome === 'sent' ? `message ${row.message_id} was sent to the customer` : `message ${row.message_id} was not sent: ${row.reason ?? 'no reason given'}`,
    readBy: [],
  }));
}
