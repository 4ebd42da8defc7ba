// The selector tester's view of a page: what the adapter found, with no customer text left in it.
import { describe, expect, it } from 'vitest';
import { pageCheckOf } from '../../../lib/extension/page/page-check.ts';
import type { PageInspection } from '../../../lib/adapters/engine/contract.ts';

const inspection: PageInspection = {
  adapterId: 'northwind-demo',
  chatUrl: true,
  chatView: true,
  agentName: 'Alice Agent',
  conversations: [
    { key: 'c-1', customer: 'Dana Secret', active: true },
    { key: 'c-2', customer: 'Eli Private', active: false },
  ],
  active: { key: 'c-1', customer: 'Dana Secret' },
  messages: [
    { id: 'm1', pageId: true, author: 'customer', text: 'my card is 4111 1111 1111 1111', at: null },
    { id: 'm2', pageId: true, author: 'agent', text: 'Thanks Dana', at: null },
    { id: 'm3', pageId: true, author: 'system', text: 'Dana Secret rated the chat', at: null },
    { id: 'm4', pageId: true, author: 'customer', text: 'where is my refund', at: null },
  ],
  counts: { customer: 2, agent: 1, system: 1 },
  replyBox: true,
  mounts: { whisperThread: true, supervisorPanel: false },
  missing: [],
  warnings: ['agent name ".who" not found'],
};

describe('page check', () => {
  it('keeps counts, ids, found or missing and authors, and no customer text or name', () => {
    const check = pageCheckOf(inspection);
    expect(check).toMatchObject({
      adapterId: 'northwind-demo',
      agentFound: true,
      chatCount: 2,
      active: { key: 'c-1', customerFound: true },
      transcriptFound: true,
      lastAuthors: ['agent', 'system', 'customer'],
      counts: { customer: 2, agent: 1, system: 1 },
      replyBox: true,
    });
    const json = JSON.stringify(check);
    for (const secret of ['Dana', 'Eli', 'Alice', '4111', 'refund']) expect(json).not.toContain(secret);
  });

  it('says what was not found', () => {
    const check = pageCheckOf({ ...inspection, agentName: null, conversations: null, active: null, messages: null });
    expect(check).toMatchObject({ agentFound: false, chatCount: null, active: null, transcriptFound: false, lastAuthors: [] });
  });
});
