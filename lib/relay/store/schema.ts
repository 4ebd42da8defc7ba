// SQLite schema of the relay's embedded store, applied in order; `user_version` records how far a file got.

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE orgs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (org_id, name)
  );
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
    created_at INTEGER NOT NULL
  );
  CREATE INDEX users_org ON users (org_id);
  CREATE TABLE team_members (
    team_id TEXT NOT NULL REFERENCES teams(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (team_id, user_id)
  ) WITHOUT ROWID;
  CREATE INDEX team_members_user ON team_members (user_id);
  CREATE TABLE enrollment_codes (
    id TEXT PRIMARY KEY,
    code_hash TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
  );
  CREATE TABLE tokens (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users(id),
    device_name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
  );
  CREATE INDEX tokens_user ON tokens (user_id);
  CREATE INDEX tokens_revoked ON tokens (revoked_at) WHERE revoked_at IS NOT NULL;
  CREATE TABLE messages (
    seq_id INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    org_id TEXT NOT NULL,
    sender_id TEXT NOT NULL,
    sender_name TEXT NOT NULL,
    sender_role TEXT NOT NULL,
    msg_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    conversation_key TEXT,
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (sender_id, msg_id)
  );
  CREATE INDEX messages_thread ON messages (agent_id, conversation_key, seq_id);
  CREATE INDEX messages_created ON messages (created_at);
  CREATE TABLE message_reads (
    message_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (message_id, user_id)
  ) WITHOUT ROWID;
  CREATE TABLE stream (
    user_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    message_id TEXT,
    receipt TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, seq)
  ) WITHOUT ROWID;
  CREATE INDEX stream_created ON stream (created_at);
  CREATE TABLE stream_heads (
    user_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // Retention walks messages by their rowid and each user's stream by seq (both follow creation time), so the
  // creation-time indexes were only slowing every write.
  `
  DROP INDEX IF EXISTS messages_created;
  DROP INDEX IF EXISTS stream_created;
  `,
  // Colleagues brought into one chat: a grant per (agent, conversation, guest), kept after it ends for the
  // history export. At most one active grant per guest and chat.
  `
  CREATE TABLE guest_grants (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    agent_name TEXT NOT NULL,
    conversation_key TEXT NOT NULL,
    guest_id TEXT NOT NULL,
    guest TEXT NOT NULL,
    invited_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    ended_at INTEGER,
    end_reason TEXT CHECK (end_reason IN ('removed', 'chat_ended', 'expired')),
    ended_by TEXT
  );
  CREATE UNIQUE INDEX guest_grants_active ON guest_grants (agent_id, conversation_key, guest_id) WHERE ended_at IS NULL;
  CREATE INDEX guest_grants_guest ON guest_grants (guest_id) WHERE ended_at IS NULL;
  CREATE INDEX guest_grants_org ON guest_grants (org_id, created_at);
  `,
  // Single sign-on: an organisation's identity provider and group rules, and which provider account is which user.
  `
  CREATE TABLE sso_configs (
    org_id TEXT PRIMARY KEY REFERENCES orgs(id),
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    client_secret TEXT NOT NULL,
    groups_claim TEXT NOT NULL,
    scopes TEXT NOT NULL,
    rules TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE sso_accounts (
    org_id TEXT NOT NULL REFERENCES orgs(id),
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    user_id TEXT NOT NULL UNIQUE REFERENCES users(id),
    last_sign_in_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, issuer, subject)
  ) WITHOUT ROWID;
  `,
  // Other names a user has in the organisation's helpdesks (a JSON list), set by an admin: the extension pauses
  // coaching on a helpdesk page signed in as someone else.
  `
  ALTER TABLE users ADD COLUMN helpdesk_names TEXT NOT NULL DEFAULT '[]';
  `,
  // Adapter health: each user's latest report per helpdesk site (missing page parts, unusable custom adapters),
  // replaced by the next report; a healthy site has no row.
  `
  CREATE TABLE adapter_health (
    org_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    site TEXT NOT NULL,
    report TEXT NOT NULL,
    reported_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, user_id, site)
  ) WITHOUT ROWID;
  `,
  // Send to customer: the first outcome the agent reported for each `customer` message, and stream entries that
  // carry such an outcome (its relay frame's JSON without type and seq).
  `
  CREATE TABLE customer_sends (
    message_id TEXT PRIMARY KEY,
    outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'not_sent')),
    reason TEXT,
    at INTEGER NOT NULL
  ) WITHOUT ROWID;
  ALTER TABLE stream ADD COLUMN customer_send TEXT;
  `,
];
