// Customer send outcomes on a real SQLite file: the outcome survives a relay restart (thread, stream replay, and a
// repeat after the restart still changes nothing), and the history export lists it beside its message.
import { afterEach, expect, it } from 'vitest';
import { resolveConfig } from '../../../lib/relay/config.ts';
import { openSqliteHistory } from '../../../lib/relay/store/history-reader.ts';
import { startRelay, type Relay } from '../../../lib/relay/server.ts';
import { historyCsv, readHistory } from '../../../lib/rollout/history-export.ts';
import { RelayTestClient } from '../../support/relay-client.ts';
import { conversation, makeDataDir, msgId, provisionCast } from '../../support/relay-fixture.ts';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
async function connect(url: string, token: string, lastSeq?: number): Promise<RelayTestClient> {
  const c = await RelayTestClient.connect(url, token, lastSeq);
  cleanups.push(() => c.drop());
  return c;
}

it('keeps the first outcome across a relay restart and exports it with its message', async () => {
  const data = makeDataDir();
  cleanups.push(() => data.remove());
  const start = () => startRelay(resolveConfig({ port: 0, dataDir: data.dir, logLevel: 'silent' }, {}));
  let relay: Relay = await start();
  const cast = provisionCast(relay.identities);
  const ann = await connect(relay.url, cast.agentA.token);
  const sam = await connect(relay.url, cast.supervisorA.token);
  ann.send({ type: 'chat_state', ref: 's', conversations: [conversation('c1', 'Carla', { customerSend: 'allowed' })] });
  await ann.next('ack', (a) => a.ref === 's');
  const id = msgId();
  sam.send({ type: 'whisper', msgId: id, agentId: cast.agentA.id, conversationKey: 'c1', kind: 'customer', text: 'Your replacement ships today.' });
  const messageId = (await sam.next('ack', (a) => a.msgId === id)).id!;
  ann.send({ type: 'customer_send_result', ref: 'r', messageId, outcome: 'not_sent', reason: 'editor_did_not_take' });
  await ann.next('ack', (a) => a.ref === 'r');
  const first = await sam.next('customer_send_result');
  const annFirst = await ann.next('customer_send_result');
  ann.drop();
  sam.drop();
  await relay.stop();

  relay = await start();
  const stopped = relay;
  cleanups.push(() => stopped.stop());
  const samBack = await connect(relay.url, cast.supervisorA.token, 0);
  // The replay holds the message and its outcome in the stream's order.
  const replayed = await samBack.next('customer_send_result');
  expect(replayed).toEqual(first);
  samBack.send({ type: 'thread_get', ref: 't', agentId: cast.agentA.id, conversationKey: 'c1' });
  expect((await samBack.next('thread', (t) => t.ref === 't')).messages[0]!.customerSend).toEqual({ outcome: 'not_sent', reason: 'editor_did_not_take', at: first.at });

  // The agent's extension reports again after its own restart: acknowledged, nothing new for anyone.
  const annBack = await connect(relay.url, cast.agentA.token, 0);
  annBack.send({ type: 'customer_send_result', ref: 'again', messageId, outcome: 'sent' });
  await annBack.next('ack', (a) => a.ref === 'again');
  await samBack.barrier();
  await annBack.barrier();
  expect(samBack.all('customer_send_result')).toHaveLength(1);
  // The agent's replay holds its one outcome, the first.
  expect(annBack.all('customer_send_result')).toEqual([annFirst]);

  const records = readHistory(openSqliteHistory(data.dir)!, { orgId: cast.orgId });
  expect(records.map((r) => [r.kind, r.senderName])).toEqual([
    ['customer', 'Sam Supervisor'],
    ['customer_not_sent', 'Ann Agent'],
  ]);
  expect(records[1]!.text).toBe(`message ${messageId} was not sent: editor_did_not_take`);
  expect(historyCsv(records)).toContain('customer_not_sent');
});
