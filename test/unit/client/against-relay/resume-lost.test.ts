// The relay restored from an older copy of its data: the client's stored position is ahead of the relay's stream,
// the relay answers resumed: false, and the client starts over at 0, so it neither drops the replay nor ignores
// new whispers whose seq is at or below its old position; the cached thread is fetched again.
import 'fake-indexeddb/auto';
import WebSocket from 'ws';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { RelayConnection, getThread, openClientDb, readLastSeq, type StreamFrame, type WebSocketLike } from '../../../../lib/client/index.ts';
import type { RelayFrame } from '../../../../lib/protocol/index.ts';
import { RelayProcess, type Provisioned } from '../../../e2e/harness/relay.ts';
import { until as untilWithin } from '../../../support/until.ts';

// In the unit project although the relay is real: Node has no IndexedDB, and fake-indexeddb (a stand-in) belongs to
// unit tests. The browsers' real IndexedDB under the same client code is covered by the e2e tests (resilience, coaching).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/** Steps against the real relay get more time: it runs on two shared cores. */
const until = (check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) => untilWithin(check, what, timeoutMs);

let relay: RelayProcess;
let people: Provisioned;
const snapshot = mkdtempSync(join(tmpdir(), 'undertone-relay-copy-'));

beforeAll(async () => {
  relay = await RelayProcess.start();
  people = await relay.provision();
});

afterAll(async () => {
  await relay?.dispose();
  rmSync(snapshot, { recursive: true, force: true });
});


function client(token: string, name: string, entries: StreamFrame[], frames: RelayFrame[] = []) {
  return openClientDb(name).then((db) => {
    const connection = new RelayConnection({
      relayUrl: relay.httpUrl,
      token,
      db,
      createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
      backoff: { baseMs: 100, capMs: 300 },
      onStreamEntry: (f) => entries.push(f),
      onFrame: (f) => frames.push(f),
    });
    connection.start();
    return { connection, db };
  });
}

const texts = (entries: StreamFrame[]) => entries.flatMap((e) => (e.type === 'message' ? [e.message.text] : []));

it('starts over from 0 when the relay cannot resume, and shows what the restored relay sends', async () => {
  const [agentToken, supervisorToken] = await Promise.all([relay.issueToken(people.agent.id), relay.issueToken(people.supervisor.id)]);
  const seen: StreamFrame[] = [];
  const frames: RelayFrame[] = [];
  const agent = await client(agentToken, 'resume-lost-agent', seen, frames);
  const supervisor = await client(supervisorToken, 'resume-lost-supervisor', []);
  try {
    await until(() => agent.connection.status.synced && supervisor.connection.status.synced, 'both connected');
    const whisper = (text: string) =>
      supervisor.connection.queue({ type: 'whisper', msgId: crypto.randomUUID(), agentId: people.agent.id, conversationKey: 'conv-1', kind: 'whisper', text });

    await whisper('kept in the copy');
    await until(() => texts(seen).includes('kept in the copy'), 'the first whisper');
    await relay.stop();
    for (const file of readdirSync(relay.dataDir)) cpSync(join(relay.dataDir, file), join(snapshot, file), { recursive: true });
    await relay.restart();
    await until(() => agent.connection.status.synced && supervisor.connection.status.synced, 'reconnected');
    await whisper('lost with the restore 1');
    await whisper('lost with the restore 2');
    await until(() => texts(seen).includes('lost with the restore 2'), 'the later whispers');
    const aheadAt = await readLastSeq(agent.db);
    expect(aheadAt).toBeGreaterThanOrEqual(3);

    // The relay's data is replaced by the older copy: its stream for the agent ends at the first whisper.
    await relay.stop();
    for (const file of readdirSync(relay.dataDir)) rmSync(join(relay.dataDir, file), { recursive: true, force: true });
    cpSync(snapshot, relay.dataDir, { recursive: true });
    await relay.restart();
    await until(() => frames.some((f) => f.type === 'welcome' && !f.resumed), 'a welcome that could not resume');
    await until(() => agent.connection.status.synced && supervisor.connection.status.synced, 'reconnected to the restored relay');
    await until(async () => (await readLastSeq(agent.db)) < aheadAt, 'the position to start over');

    await whisper('after the restore');
    await until(() => texts(seen).includes('after the restore'), 'a whisper whose seq is below the old position');
    // The thread was fetched again from the restored relay: what it has, without what it lost.
    await until(async () => {
      const thread = await getThread(agent.db, people.agent.id, 'conv-1');
      const shown = thread?.messages.map((m) => m.text) ?? [];
      return shown.includes('kept in the copy') && shown.includes('after the restore') && !shown.includes('lost with the restore 1');
    }, 'the thread as the restored relay has it');
    expect(texts(seen).filter((t) => t === 'after the restore')).toHaveLength(1);
  } finally {
    agent.connection.stop();
    supervisor.connection.stop();
  }
});
