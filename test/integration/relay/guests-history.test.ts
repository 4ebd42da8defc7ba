// Guests in the coaching history export: each grant and its end (with the reason) are rows beside the messages,
// in time order, read from a running relay's SQLite file.
import { afterEach, expect, it } from 'vitest';
import { historyCsv, readHistory } from '../../../lib/rollout/history-export.ts';
import { openSqliteHistory } from '../../../lib/relay/store/history-reader.ts';
import { RelayTestClient } from '../../support/relay-client.ts';
import { msgId, startRelayFixture, type RelayFixture } from '../../support/relay-fixture.ts';

let fx: RelayFixture;
const clients: RelayTestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.drop();
  await fx?.close();
});

it('records who brought whom into which chat, what the guest said, and how the access ended', async () => {
  fx = await startRelayFixture();
  const ann = await RelayTestClient.connect(fx.url, fx.cast.agentA.token);
  const bob = await RelayTestClient.connect(fx.url, fx.cast.supervisorB.token);
  clients.push(ann, bob);
  ann.send({ type: 'invite', ref: 'i', conversationKey: 'c1', userId: fx.cast.supervisorB.id });
  await ann.next('ack', (a) => a.ref === 'i');
  await bob.next('guest_grants');
  const id = msgId();
  bob.send({ type: 'whisper', msgId: id, agentId: fx.cast.agentA.id, conversationKey: 'c1', kind: 'whisper', text: 'Check the VAT line.' });
  await bob.next('ack', (a) => a.msgId === id);
  ann.send({ type: 'uninvite', ref: 'u', conversationKey: 'c1', userId: fx.cast.supervisorB.id });
  await ann.next('ack', (a) => a.ref === 'u');

  const reader = openSqliteHistory(fx.dataDir);
  expect(reader).not.toBeNull();
  const records = readHistory(reader!, { orgId: fx.cast.orgId });
  expect(records.map((r) => [r.kind, r.senderName, r.conversationKey])).toEqual([
    ['guest_joined', 'Ann Agent', 'c1'],
    ['whisper', 'Bob Supervisor', 'c1'],
    ['guest_left', 'Ann Agent', 'c1'],
  ]);
  expect(records[0]!.text).toBe(`Bob Supervisor (Returns) [${fx.cast.supervisorB.id}] was brought into the chat`);
  expect(records[2]!.text).toBe(`Bob Supervisor (Returns) [${fx.cast.supervisorB.id}] left: removed from the chat`);
  expect(records[0]!.agentTeams).toEqual(['Billing']);
  expect(historyCsv(records)).toContain('guest_left');

  // Another organisation's export holds none of it; a team filter keeps the agent's team only.
  expect(readHistory(openSqliteHistory(fx.dataDir)!, { orgId: fx.cast.otherOrgId })).toEqual([]);
  expect(readHistory(openSqliteHistory(fx.dataDir)!, { orgId: fx.cast.orgId, teamId: fx.cast.teamB })).toEqual([]);
});
