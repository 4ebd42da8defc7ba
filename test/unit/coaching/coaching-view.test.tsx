// @vitest-environment happy-dom
// The in-page view of the agent's thread: a render asked for from inside the thread's own effects (marking read
// when expanded calls back, which renders again) leaves one thread in the page, never two; the colleagues of the
// chat are in the expanded view only.
import { expect, it } from 'vitest';
import { CoachingView } from '../../../components/in-page/coaching-view.tsx';
import { translateEnglish } from '../../../lib/coaching/index.ts';
import type { ThreadMessage } from '../../../lib/protocol/index.ts';
import { ADA, message } from './coaching-fixtures.tsx';

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

it('keeps one thread when actions render again from inside its effects', async () => {
  const view = new CoachingView(translateEnglish);
  document.body.append(view.agentHost.host);
  let collapsed = true;
  let messages: ThreadMessage[] = [message({ kind: 'whisper' }), message({ kind: 'whisper' })];
  const marked: string[][] = [];
  const draw = () =>
    view.renderAgent(ADA.id, { conversationKey: 'c1', messages, listeners: [], pendingIds: new Set(), guests: [], guestNotices: [], customerSend: { mode: null, shown: {} } }, { collapsed, focusReply: 0 }, {
      insert() {},
      searchColleagues: () => Promise.resolve({ ok: true, users: [] }),
      invite() {},
      removeGuest() {},
      reply() {},
      askHelp() {},
      allowCustomerSend() {},
      markRead(ids) {
        marked.push(ids);
        messages = messages.map((m) => (ids.includes(m.id) ? { ...m, readBy: [ADA.id] } : m));
        draw();
      },
      collapse(next) {
        collapsed = next;
        draw();
      },
    });
  draw();
  await settle();
  // The root is closed; the view's container is the part of it the components render into.
  const root = view.agentHost.container;
  expect(root.querySelectorAll('.ut-agent')).toHaveLength(1);
  expect(root.querySelector('.ut-bring-colleague')).toBeNull();
  (root.querySelector('.ut-toggle') as HTMLButtonElement).click();
  await settle();
  await settle();
  expect(root.querySelectorAll('.ut-agent')).toHaveLength(1);
  expect(root.querySelectorAll('.ut-msg')).toHaveLength(2);
  expect(root.querySelectorAll('.ut-agent-body .ut-bring-colleague')).toHaveLength(1);
  expect(marked).toHaveLength(1);
  expect(root.querySelectorAll('[data-unread="true"]')).toHaveLength(0);
  view.remove();
  expect(view.agentHost.host.isConnected).toBe(false);
});
