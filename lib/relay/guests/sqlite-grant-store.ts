// Guest grants in the relay's SQLite file (single-process relay). Writes are rare (an invitation, its end), so
// they run on the main connection in one short transaction each.
import type { GrantEndReason } from '../../protocol/index.ts';
import type { SqliteDatabase } from '../store/database.ts';
import { isActive, type GrantStore, type StoredGrant } from './grant-store.ts';

interface GrantRow {
  id: string;
  org_id: string;
  agent_id: string;
  agent_name: string;
  conversation_key: string;
  guest_id: string;
  guest: string;
  invited_by: string;
  created_at: number;
  expires_at: number;
  ended_at: number | null;
  end_reason: GrantEndReason | null;
  ended_by: string | null;
}

function fromRow(row: GrantRow): StoredGrant {
  return {
    id: row.id,
    orgId: row.org_id,
    agentId: row.agent_id,
    agentName: row.agent_name,
    conversationKey: row.conversation_key,
    guest: JSON.parse(row.guest) as StoredGrant['guest'],
    invitedBy: JSON.parse(row.invited_by) as StoredGrant['invitedBy'],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    endedAt: row.ended_at,
    endReason: row.end_reason,
    endedBy: row.ended_by,
  };
}

export class SqliteGrantStore implements GrantStore {
  private readonly stmt;

  constructor(private readonly db: SqliteDatabase) {
    this.stmt = {
      insert: db.prepare(
        `INSERT INTO guest_grants (id, org_id, agent_id, agent_name, conversation_key, guest_id, guest, invited_by, created_at, expires_at)
         VALUES (@id, @orgId, @agentId, @agentName, @conversationKey, @guestId, @guest, @invitedBy, @createdAt, @expiresAt)`,
      ),
      unendedOfPair: db.prepare<[string, string, string], GrantRow>(
        'SELECT * FROM guest_grants WHERE agent_id = ? AND conversation_key = ? AND guest_id = ? AND ended_at IS NULL',
      ),
      end: db.prepare<[number, string, string | null, string]>(
        'UPDATE guest_grants SET ended_at = ?, end_reason = ?, ended_by = ? WHERE id = ? AND ended_at IS NULL',
      ),
      byId: db.prepare<[string], GrantRow>('SELECT * FROM guest_grants WHERE id = ?'),
      ofChat: db.prepare<[string, string], GrantRow>(
        'SELECT * FROM guest_grants WHERE agent_id = ? AND conversation_key = ? AND ended_at IS NULL ORDER BY created_at, id',
      ),
      ofAgent: db.prepare<[string], GrantRow>('SELECT * FROM guest_grants WHERE agent_id = ? AND ended_at IS NULL ORDER BY created_at, id'),
      ofGuest: db.prepare<[string], GrantRow>('SELECT * FROM guest_grants WHERE guest_id = ? AND ended_at IS NULL ORDER BY created_at, id'),
      unended: db.prepare<[], GrantRow>('SELECT * FROM guest_grants WHERE ended_at IS NULL ORDER BY created_at, id'),
    };
  }

  create(grant: StoredGrant, now: number): Promise<{ grant: StoredGrant; created: boolean }> {
    return Promise.resolve(
      this.db.transaction(() => {
        const existing = this.stmt.unendedOfPair.get(grant.agentId, grant.conversationKey, grant.guest.id);
        if (existing) {
          const current = fromRow(existing);
          if (isActive(current, now)) return { grant: current, created: false };
          // Past its maximum but not yet swept: it ends now, so that the new grant can take its place.
          this.stmt.end.run(now, 'expired', null, current.id);
        }
        this.stmt.insert.run({
          id: grant.id,
          orgId: grant.orgId,
          agentId: grant.agentId,
          agentName: grant.agentName,
          conversationKey: grant.conversationKey,
          guestId: grant.guest.id,
          guest: JSON.stringify(grant.guest),
          invitedBy: JSON.stringify(grant.invitedBy),
          createdAt: grant.createdAt,
          expiresAt: grant.expiresAt,
        });
        return { grant: { ...grant, endedAt: null, endReason: null, endedBy: null }, created: true };
      })(),
    );
  }

  end(grantId: string, at: number, reason: GrantEndReason, endedBy: string | null): Promise<StoredGrant | undefined> {
    const changed = this.stmt.end.run(at, reason, endedBy, grantId).changes;
    if (changed === 0) return Promise.resolve(undefined);
    const row = this.stmt.byId.get(grantId);
    return Promise.resolve(row && fromRow(row));
  }

  activeFor(orgId: string, agentId: string, conversationKey: string, guestId: string, now: number): Promise<StoredGrant | undefined> {
    const row = this.stmt.unendedOfPair.get(agentId, conversationKey, guestId);
    const grant = row && fromRow(row);
    return Promise.resolve(grant && grant.orgId === orgId && isActive(grant, now) ? grant : undefined);
  }

  activeOfChat(agentId: string, conversationKey: string, now: number): Promise<StoredGrant[]> {
    return Promise.resolve(this.stmt.ofChat.all(agentId, conversationKey).map(fromRow).filter((g) => isActive(g, now)));
  }

  activeOfAgent(agentId: string, now: number): Promise<StoredGrant[]> {
    return Promise.resolve(this.stmt.ofAgent.all(agentId).map(fromRow).filter((g) => isActive(g, now)));
  }

  activeOfGuest(guestId: string, now: number): Promise<StoredGrant[]> {
    return Promise.resolve(this.stmt.ofGuest.all(guestId).map(fromRow).filter((g) => isActive(g, now)));
  }

  unended(): Promise<StoredGrant[]> {
    return Promise.resolve(this.stmt.unended.all().map(fromRow));
  }
}
