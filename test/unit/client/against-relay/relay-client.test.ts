// The extension's relay client against a real relay process: enrollment, whispers, resume, outbox across restarts.
import 'fake-indexeddb/auto';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  RelayConnection,
  enrollDevice,
  getThread,
  listOutbox,
  openClientDb,
  type ClientDb,
  type StreamFrame,
  type WebSocketLike,
} from '../../../../lib/client/index.ts';
import { RelayProcess, type Provisioned } from '../../../e2e/harness/relay.ts';
import { until as untilWithin } from '../../../support/until.ts';

// In the unit project although the relay is real: Node has no IndexedDB, and fake-indexeddb (a stand-in) belongs to
// unit tests. The browsers' real IndexedDB under the same client code is covered by the e2e tests (resilience, coaching).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/** Steps against the real relay get more time: it runs on two shared cores. */
const until = (check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) => untilWithin(check, what, timeoutMs);

let relay: RelayProcess;
let people: Provisioned;
let agentToken: string;
let supervisorToken: string;
let dbCount = 0;
const open: RelayConnection[] = [];

beforeAll(async () => {
  relay = await RelayProcess.start();
  people = await relay.provision();
  agentToken = await relay.issueToken(people.agent.id);
  supervisorToken = await relay.issueToken(people.supervisor.id);
});

afterAll(async () => {
  await relay?.dispose();
});

afterEach(() => {
  for (const c of open.splice(0)) c.stop();
});

function connect(token: string, db: ClientDb, entries: StreamFrame[] = []): RelayConnection {
  const connection = new RelayConnection({
    relayUrl: relay.httpUrl,
    token,
    db,
    createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
    backoff: { baseMs: 100, capMs: 400 },
    onStreamEntry: (f) => entries.push(f),
  });
  open.push(connection);
  connection.start();
  return connection;
}


const whisper = (text: string) => ({
  type: 'whisper' as const,
  msgId: crypto.randomUUID(),
  agentId: people.agent.id,
  conversationKey: 'conv-42',
  kind: 'whisper' as const,
  text,
});

const messageTexts = (entries: StreamFrame[]) => entries.flatMap((e) => (e.type === 'message' ? [e.message.text] : []));

describe('relay client against a real relay', () => {
  it('enrolls with a code, and explains a used code and an unreachable relay', async () => {
    const code = await relay.enrollmentCode(people.agent.id);
    const first = await enrollDevice(relay.httpUrl, code, 'laptop');
    expect(first.ok && first.enrollment.user.name).toBe('Alice Agent');
    const again = await enrollDevice(relay.httpUrl, code);
    expect(again.ok ? 'ok' : again.message).toMatch(/already used/);
    const wrong = await enrollDevice(relay.httpUrl, 'not-a-code');
    expect(wrong.ok ? 'ok' : wrong.message).toMatch(/not valid/);
    const unreachable = await enrollDevice('http://127.0.0.1:1', code);
    expect(unreachable.ok ? 'ok' : unreachable.message).toMatch(/Cannot reach the relay/);
  });

  it('delivers a supervisor whisper to the agent once, cached in its thread', async () => {
    const agentDb = await openClientDb(`it-${dbCount++}`);
    const agentEntries: StreamFrame[] = [];
    const agent = connect(agentToken, agentDb, agentEntries);
    const supervisor = connect(supervisorToken, await openClientDb(`it-${dbCount++}`));
    await until(() => agent.status.synced && supervisor.status.synced, 'both synced');
    await supervisor.queue(whisper('slow down and apologise'));
    await until(() => messageTexts(agentEntries).includes('slow down and apologise'), 'whisper at the agent');
    const thread = await getThread(agentDb, people.agent.id, 'conv-42');
    expect(thread?.messages.filter((m) => m.text === 'slow down and apologise')).toHaveLength(1);
  });

  it('gives an agent who was offline what it missed, once, after a restart of its client', async () => {
    const agentDb = await openClientDb(`it-${dbCount++}`);
    const before: StreamFrame[] = [];
    const agent = connect(agentToken, agentDb, before);
    await until(() => agent.status.synced, 'agent synced');
    agent.stop();
    const supervisorDb = await openClientDb(`it-${dbCount++}`);
    const supervisor = connect(supervisorToken, supervisorDb);
    await supervisor.queue(whisper('missed one'));
    await supervisor.queue(whisper('missed two'));
    await until(async () => (await listOutbox(supervisorDb)).length === 0, 'whispers acked');
    // A new client on the same database, as after the service worker was stopped.
    const after: StreamFrame[] = [];
    const revived = connect(agentToken, agentDb, after);
    await until(() => revived.status.synced, 'revived synced');
    const texts = messageTexts(after);
    expect(texts.filter((t) => t === 'missed one')).toHaveLength(1);
    expect(texts.indexOf('missed one')).toBeLessThan(texts.indexOf('missed two'));
    revived.stop();
    const third: StreamFrame[] = [];
    const again = connect(agentToken, agentDb, third);
    await until(() => again.status.synced, 'third synced');
    expect(messageTexts(third)).toEqual([]);
  });

  it('keeps whispers queued while the relay is down and delivers them in order once it is back', async () => {
    const agentEntries: StreamFrame[] = [];
    const agent = connect(agentToken, await openClientDb(`it-${dbCount++}`), agentEntries);
    const supervisorDb = await openClientDb(`it-${dbCount++}`);
    const supervisor = connect(supervisorToken, supervisorDb);
    await until(() => agent.status.synced && supervisor.status.synced, 'both synced');
    await relay.stop();
    await until(() => supervisor.status.state !== 'connected', 'supervisor noticed');
    const queued = ['queued first', 'queued second', 'queued third'];
    for (const text of queued) await supervisor.queue(whisper(text));
    expect((await listOutbox(supervisorDb)).map((e) => (e.frame as { text: string }).text)).toEqual(queued);
    await relay.restart();
    await until(() => queued.every((t) => messageTexts(agentEntries).includes(t)), 'queued whispers at the agent', 20_000);
    const texts = messageTexts(agentEntries).filter((t) => queued.includes(t));
    expect(texts).toEqual(queued);
    expect(await listOutbox(supervisorDb)).toEqual([]);
  });
});
