// Read-only access to the coaching history in the relay's SQLite file, for audit exports: whispers, replies, help
// requests and customer send outcomes of one organisation (optionally one team and a time range), with sender, agent, teams and readers.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from './database.ts';
import { grantHistory } from '../guests/grant-history.ts';
import { customerSendHistory } from './customer-send-history.ts';

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

/** What an export reads; close it when done. */
export interface HistoryReader {
  hasOrg(orgId: string): boolean;
  hasTeam(orgId: string, teamId: string): boolean;
  /** Messages in commit order, with the guests brought into chats (and the end of their access) in time order. */
  messages(filter: HistoryFilter): HistoryRecord[];
  close(): void;
}

type MessageRow = {
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
};

/** Opens the SQLite history of `dataDir` read-only; null when there is no relay database there. */
export function openSqliteHistory(dataDir: string): (HistoryReader & { file: string }) | null {
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) return null;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  return {
    file,
    hasOrg: (orgId) => Boolean(db.prepare('SELECT 1 FROM orgs WHERE id = ?').get(orgId)),
    hasTeam: (orgId, teamId) => Boolean(db.prepare('SELECT 1 FROM teams WHERE id = ? AND org_id = ?').get(teamId, orgId)),
    messages(filter) {
      const rows = db
        .prepare(
          `SELECT m.id, m.created_at, m.kind, m.sender_id, m.sender_name, m.sender_role, m.agent_id, u.name AS agent_name,
                  m.conversation_key, m.text
             FROM messages m LEFT JOIN users u ON u.id = m.agent_id
            WHERE m.org_id = @orgId AND m.created_at >= @from AND m.created_at <= @to
              AND (@teamId IS NULL OR m.agent_id IN (SELECT user_id FROM team_members WHERE team_id = @teamId))
            ORDER BY m.seq_id`,
        )
        .all({ orgId: filter.orgId, teamId: filter.teamId ?? null, from: filter.fromMs ?? 0, to: filter.toMs ?? Number.MAX_SAFE_INTEGER }) as MessageRow[];
      const teamsOf = db.prepare('SELECT t.name FROM team_members tm JOIN teams t ON t.id = tm.team_id WHERE tm.user_id = ? ORDER BY t.name');
      const readers = db.prepare('SELECT COALESCE(u.name, r.user_id) AS name FROM message_reads r LEFT JOIN users u ON u.id = r.user_id WHERE r.message_id = ? ORDER BY r.at');
      const teamCache = new Map<string, string[]>();
      const agentTeams = (agentId: string): string[] => {
        if (!teamCache.has(agentId)) teamCache.set(agentId, (teamsOf.all(agentId) as Array<{ name: string }>).map((t) => t.name));
        return teamCache.get(agentId)!;
      };
      const messages: HistoryRecord[] = rows.map((r) => {
        return {
          id: r.id,
          createdAt: new Date(r.created_at).toISOString(),
          kind: r.kind,
          senderId: r.sender_id,
          senderName: r.sender_name,
          senderRole: r.sender_role,
          agentId: r.agent_id,
          agentName: r.agent_name,
          agentTeams: agentTeams(r.agent_id),
          conversationKey: r.conversation_key,
          text: r.text,
          readBy: (readers.all(r.id) as Array<{ name: string }>).map((x) => x.name),
        };
      });
      // Guests brought into chats, the end of their access, and customer send outcomes, in time order with the
      // messages (a stable sort).
      const grants = [...grantHistory(db, filter, agentTeams), ...customerSendHistory(db, filter, agentTeams)];
      if (grants.length === 0) return messages;
      // Within one millisecond a guest joins before what it says, and leaves after it.
      const rank = (r: HistoryRecord) => (r.kind === 'guest_joined' ? 0 : r.kind === 'guest_left' ? 2 : 1);
      return [...messages, ...grants].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : rank(a) - rank(b)));
    },
    close: () => db.close(),
  };
}
