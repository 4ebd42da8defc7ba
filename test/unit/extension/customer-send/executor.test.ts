// @vitest-environment happy-dom
// Sending a coach's message to the customer from a crafted helpdesk page with the real adapter engine and the real
// journal (fake-indexeddb): sent once and confirmed from the transcript; the agent's typing never overwritten; an
// editor that does not take the text, or a send the helpdesk lost, reported and the text left in the box; after a
// reload the transcript and the box are looked at first and send is never pressed twice.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { comparableText, createAdapterEngine, type AdapterEngine } from '../../../../lib/adapters/engine/index.ts';
import type { AdapterConfig } from '../../../../lib/adapters/format/index.ts';
import { CustomerSendExecutor, type SendJournalLink } from '../../../../lib/extension/page/customer-send-executor.ts';
import { advanceSend, claimSend, finishSend, openSendJournal, readSend, recordArrival, type SendJournalDb } from '../../../../lib/extension/customer-send/send-journal.ts';
import { demoAdapter, renderDesk, type FixtureDesk } from './helpdesk-fixture.ts';

const TAB = 7;
const fast = (adapter: AdapterConfig, send: NonNullable<AdapterConfig['replyBox']['send']>): AdapterConfig => ({ ...adapter, replyBox: { ...adapter.replyBox, send } });
const ADAPTER = fast(demoAdapter, { click: '.hd-composer__send', takeWithinMs: 600, confirmWithinMs: 600 });

let db: SendJournalDb;
let engine: AdapterEngine;
let desk: FixtureDesk;
let calls: string[];
let dbCount = 0;

/** The journal as the background keeps it, reached directly (the message boundary has its own test). */
function journal(liveTabs = new Set([TAB])): SendJournalLink {
  return {
    async claim(request) {
      calls.push('claim');
      const verdict = await claimSend(db, request.messageId, TAB, request.seenIds, liveTabs);
      if (verdict.kind === 'fresh') return { act: true, earlier: null };
      if (verdict.kind === 'resume') return { act: true, earlier: { stage: verdict.entry.stage ?? 'claimed', seenIds: verdict.entry.seenIds ?? [] } };
      return { act: false };
    },
    async advance(messageId, stage) {
      calls.push(stage);
      return advanceSend(db, messageId, TAB, stage);
    },
    async finish(messageId, outcome, reason) {
      calls.push(reason ? `${outcome}:${reason}` : outcome);
      await finishSend(db, messageId, outcome, reason);
    },
  };
}

function executor(link = journal(), adapter = ADAPTER) {
  engine?.stop();
  engine = createAdapterEngine({ adapters: [adapter], batchMs: 5 });
  return new CustomerSendExecutor({ engine: () => engine, conversationKey: () => 'c-1', journal: link, pollMs: 10 });
}

async function arrive(messageId: string, text: string) {
  await recordArrival(db, { messageId, agentId: 'usr_agent', conversationKey: 'c-1', text, senderName: 'John Park', receivedAt: Date.now() });
  return { messageId, conversationKey: 'c-1', text };
}

beforeEach(async () => {
  history.replaceState(null, '', '/desk');
  db = await openSendJournal(`journal-test-${++dbCount}`);
  calls = [];
});

afterEach(() => {
  engine?.stop();
  db.close();
});

describe('sending to the customer from the page', () => {
  it('inserts, waits for the editor, presses send once, confirms from the transcript', async () => {
    desk = renderDesk({ messages: [['customer', 'Where is my parcel?']] });
    const offer = await arrive('msg_1', 'It left our warehouse today.\n— John, Accounts');
    await executor().offer(offer);
    expect(desk.posted.map(comparableText)).toEqual([comparableText('It left our warehouse today. — John, Accounts')]);
    expect(desk.clicks).toBe(1);
    expect(calls).toEqual(['claim', 'inserted', 'pressing', 'sent']);
    expect(await readSend(db, 'msg_1')).toMatchObject({ state: 'done', outcome: 'sent' });
  });

  it('never overwrites what the agent is typing: not sent, the draft untouched, nothing pressed', async () => {
    desk = renderDesk();
    desk.type('Let me chec');
    const offer = await arrive('msg_2', 'Thanks for waiting!');
    await executor().offer(offer);
    expect(calls).toEqual(['claim', 'not_sent:agent_typing']);
    expect(desk.editor.textContent).toBe('Let me chec');
    expect(desk.clicks).toBe(0);
    expect(await readSend(db, 'msg_2')).toMatchObject({ state: 'done', outcome: 'not_sent', reason: 'agent_typing' });
  });

  it('leaves the text in the box and says so when the editor does not take it; send is never pressed', async () => {
    desk = renderDesk();
    desk.deaf = true;
    const offer = await arrive('msg_3', 'Your refund is on its way.');
    await executor().offer(offer);
    expect(calls).toEqual(['claim', 'inserted', 'not_sent:editor_did_not_take']);
    expect(comparableText(desk.editor.textContent ?? '')).toBe(comparableText('Your refund is on its way.'));
    expect(desk.clicks).toBe(0);
  });

  it('waits out an editor that takes input only after a pause longer than the poll', async () => {
    desk = renderDesk({ takeMs: 300 });
    await executor().offer(await arrive('msg_4', 'One moment please.'));
    expect(calls).toEqual(['claim', 'inserted', 'pressing', 'sent']);
    expect(desk.posted).toHaveLength(1);
  });

  it('reports not confirmed when the helpdesk shows nothing after send, and keeps the text in the box', async () => {
    desk = renderDesk();
    desk.dropSends = true;
    await executor().offer(await arrive('msg_5', 'We have escalated this.'));
    expect(calls).toEqual(['claim', 'inserted', 'pressing', 'not_sent:not_confirmed']);
    expect(desk.clicks).toBe(1);
    expect(comparableText(desk.editor.textContent ?? '')).toBe(comparableText('We have escalated this.'));
  });

  it('does not take an older agent message with the same words as the confirmation', async () => {
    desk = renderDesk({ messages: [['agent', 'Thanks!']] });
    desk.dropSends = true;
    await executor().offer(await arrive('msg_6', 'Thanks!'));
    expect(calls.at(-1)).toBe('not_sent:not_confirmed');
  });

  it('acts on one message once: a second offer while it runs, and any offer after its outcome, do nothing', async () => {
    desk = renderDesk();
    const offer = await arrive('msg_7', 'Glad to help.');
    const run = executor();
    await Promise.all([run.offer(offer), run.offer(offer)]);
    await run.offer(offer);
    await executor().offer(offer);
    expect(calls).toEqual(['claim', 'inserted', 'pressing', 'sent', 'claim', 'claim']);
    expect(desk.posted).toHaveLength(1);
  });
});

describe('after a reload or a restart', () => {
  async function interrupted(messageId: string, text: string, stage: 'claimed' | 'inserted' | 'pressing', seenIds: string[] = []) {
    const offer = await arrive(messageId, text);
    await claimSend(db, messageId, TAB, seenIds, new Set([TAB]));
    if (stage !== 'claimed') await advanceSend(db, messageId, TAB, stage);
    return offer;
  }

  it('once send may have been pressed it is never pressed again: not confirmed unless the transcript shows it', async () => {
    desk = renderDesk();
    await executor().offer(await interrupted('msg_8', 'Your order shipped.', 'pressing'));
    expect(calls).toEqual(['claim', 'not_sent:not_confirmed']);
    expect(desk.clicks).toBe(0);
  });

  it('takes a new agent message with the text in the transcript as the send having happened', async () => {
    desk = renderDesk({ messages: [['agent', 'Your order shipped.']] });
    await executor().offer(await interrupted('msg_9', 'Your order shipped.', 'pressing', ['m-0']));
    expect(calls).toEqual(['claim', 'sent']);
    expect(desk.clicks).toBe(0);
  });

  it('an attempt that never pressed send starts again on an emptied box (the reload lost the text)', async () => {
    desk = renderDesk();
    await executor().offer(await interrupted('msg_10', 'Anything else?', 'inserted'));
    expect(calls).toEqual(['claim', 'inserted', 'pressing', 'sent']);
    expect(desk.posted).toHaveLength(1);
  });

  it('an attempt that left its text in the box goes on from there without inserting it twice', async () => {
    desk = renderDesk();
    desk.type('Anything else?');
    await executor().offer(await interrupted('msg_11', 'Anything else?', 'inserted'));
    expect(calls).toEqual(['claim', 'pressing', 'sent']);
    expect(desk.posted.map(comparableText)).toEqual(['Anythingelse?']);
  });

  it('another live tab acting on it keeps this one out; a tab that is gone does not', async () => {
    desk = renderDesk();
    const offer = await arrive('msg_12', 'Hello from John.');
    await claimSend(db, 'msg_12', 99, [], new Set([99]));
    await executor(journal(new Set([TAB, 99]))).offer(offer);
    expect(calls).toEqual(['claim']);
    await executor(journal(new Set([TAB]))).offer(offer);
    expect(calls).toEqual(['claim', 'claim', 'inserted', 'pressing', 'sent']);
  });
});

describe('pressing Enter instead of a button', () => {
  it('sends with Enter after the pause the adapter gives', async () => {
    desk = renderDesk();
    desk.editor.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key !== 'Enter') return;
      event.preventDefault();
      (document.querySelector('.hd-composer__send') as HTMLButtonElement).click();
    });
    const adapter = fast(demoAdapter, { key: 'enter', settleMs: 150, confirmWithinMs: 600 });
    await executor(journal(), adapter).offer(await arrive('msg_13', 'Sent with Enter.'));
    expect(calls).toEqual(['claim', 'inserted', 'pressing', 'sent']);
    expect(desk.clicks).toBe(1);
  });
});
