// Coaching history for audit through the relay's history reader: whispers, replies and help requests of one
// organisation, optionally one team (the agent's team) and a date range, as CSV or JSON.
import type { HistoryFilter, HistoryReader, HistoryRecord } from '../relay/store/history-reader.ts';
import { csvLine } from './csv.ts';

export type { HistoryFilter, HistoryRecord };

export class ExportError extends Error {}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A --from/--to value in ms: a date (UTC; --to includes the whole day) or an ISO 8601 date and time. */
export function parseBound(text: string, which: 'from' | 'to'): number {
  const ms = Date.parse(DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms)) throw new ExportError(`--${which} "${text}" is not a date; use YYYY-MM-DD or an ISO 8601 time such as 2026-03-01T09:00:00Z`);
  return DATE_ONLY.test(text) && which === 'to' ? ms + 86_400_000 - 1 : ms;
}

/** The filtered history; an unknown organisation or team is an ExportError. Closes the reader. */
export function readHistory(reader: HistoryReader, filter: HistoryFilter): HistoryRecord[] {
  try {
    if (!reader.hasOrg(filter.orgId)) throw new ExportError(`there is no organisation ${filter.orgId}`);
    if (filter.teamId && !reader.hasTeam(filter.orgId, filter.teamId)) throw new ExportError(`there is no team ${filter.teamId} in ${filter.orgId}`);
    return reader.messages(filter);
  } finally {
    reader.close();
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
