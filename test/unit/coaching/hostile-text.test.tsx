// @vitest-environment happy-dom
// Text from the wire or the page is rendered as text: hostile markup in whispers, transcripts and names creates no element.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentCoachingPanel, SupervisorPanel } from '../../../components/coaching/index.ts';
import { boardChatId } from '../../../lib/coaching/index.ts';
import { ADA, chat, click, message, mount, SAM, T0, type Mounted } from './coaching-fixtures.tsx';

const IMG = '<img src=x onerror="globalThis.__undertonePwned=1">';
const SCRIPT = '<script>globalThis.__undertonePwned=1</script>';
const HOSTILE = `${IMG}${SCRIPT}<b>bold</b>`;

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  delete (globalThis as { __undertonePwned?: number }).__undertonePwned;
});

/** Nothing but the components' own elements: no element from the hostile text, no handler attribute. */
function expectOnlyOwnElements(root: Element) {
  expect(root.querySelectorAll('img, script, b, iframe, object, embed')).toHaveLength(0);
  for (const el of root.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) expect(attr.startsWith('on')).toBe(false);
  }
  expect((globalThis as { __undertonePwned?: number }).__undertonePwned).toBeUndefined();
}

describe('hostile text', () => {
  it('stays text in the agent panel: whisper, suggestion, sender and customer names, listeners', () => {
    const hostileSupervisor = { ...SAM, name: HOSTILE };
    const messages = [
      message({ kind: 'whisper', text: HOSTILE, from: hostileSupervisor }),
      message({ kind: 'suggestion', text: SCRIPT, from: hostileSupervisor }),
    ];
    mounted = mount(
      <AgentCoachingPanel
        selfId={ADA.id}
        messages={messages}
        listeners={[hostileSupervisor]}
        customerName={IMG}
        onInsertSuggestion={() => {}}
        onReply={() => {}}
        onAskHelp={() => {}}
      />,
    );
    const root = mounted.container;
    expectOnlyOwnElements(root);
    expect(root.querySelector('.ut-msg--whisper .ut-msg-text')?.textContent).toBe(HOSTILE);
    expect(root.querySelector('.ut-msg--whisper .ut-msg-from')?.textContent).toBe(HOSTILE);
    expect(root.querySelector('.ut-msg--suggestion .ut-msg-text')?.textContent).toBe(SCRIPT);
    expect(root.querySelector('.ut-title')?.textContent).toBe(`Coaching · ${IMG}`);
    expect(root.querySelector('.ut-listeners')?.textContent).toBe(`${HOSTILE} is listening`);
  });

  it('stays text on the board and in alerts: customer and agent names, mood reasons, listeners', () => {
    const hostileChat = chat({
      key: 'k<img>',
      customer: IMG,
      agentName: SCRIPT,
      helpRequested: true,
      waitingSince: T0 - 600_000,
      listeners: [{ ...SAM, name: HOSTILE }],
      mood: { score: -0.9, level: 'angry', reasons: [HOSTILE] },
    });
    mounted = mount(
      <SupervisorPanel
        selfId={SAM.id}
        chats={[hostileChat]}
        teams={[{ id: 'team_a', name: IMG }]}
        agents={[{ id: ADA.id, name: SCRIPT, teamIds: ['team_a'], online: false }]}
        moodHistory={{ [boardChatId(hostileChat)]: [0.5] }}
        now={() => T0}
        onListen={() => {}}
        onStopListening={() => {}}
        onWhisper={() => {}}
      />,
    );
    const root = mounted.container;
    click(root.querySelector('.ut-alerts-toggle')!);
    expectOnlyOwnElements(root);
    expect(root.querySelector('.ut-chat-customer')?.textContent).toBe(IMG);
    expect(root.querySelector('.ut-chat-id')?.textContent).toBe('#k<img>');
    expect(root.querySelector('.ut-chat-agent')?.textContent).toBe(`${SCRIPT} · offline`);
    expect(root.querySelector('.ut-reasons li')?.textContent).toBe(HOSTILE);
    expect(root.querySelector('.ut-alert--help .ut-alert-text')?.textContent).toBe(`${SCRIPT} asked for help with ${IMG} #k<img>`);
    expect(root.querySelectorAll('.ut-alert')).toHaveLength(3);
    expect([...root.querySelectorAll('option')].map((o) => o.textContent)).toContain(IMG);
  });

  it('stays text in listen-in: transcript events of every author and thread messages', () => {
    const hostileChat = chat({ key: 'k1', customer: IMG, agentName: SCRIPT });
    const transcript = (['customer', 'agent', 'system'] as const).map((author, i) => ({
      id: `e${i}`,
      op: 'add' as const,
      author,
      text: HOSTILE,
      at: T0,
    }));
    mounted = mount(
      <SupervisorPanel
        selfId={SAM.id}
        chats={[hostileChat]}
        teams={[]}
        listening={{ agentId: hostileChat.agentId, conversationKey: 'k1' }}
        transcript={transcript}
        thread={[message({ kind: 'reply', text: HOSTILE, conversationKey: 'k1', from: { ...ADA, name: IMG } })]}
        now={() => T0}
        onListen={() => {}}
        onStopListening={() => {}}
        onWhisper={() => {}}
      />,
    );
    const root = mounted.container;
    expectOnlyOwnElements(root);
    expect([...root.querySelectorAll('.ut-line-text')].map((p) => p.textContent)).toEqual([HOSTILE, HOSTILE, HOSTILE]);
    expect(root.querySelector('.ut-msg-text')?.textContent).toBe(HOSTILE);
    expect(root.querySelector('.ut-listen .ut-title')?.textContent).toBe(`${IMG} with ${SCRIPT}`);
  });

  it('the components never use dangerouslySetInnerHTML or innerHTML', async () => {
    const dir = join(process.cwd(), 'components/coaching');
    const files = (await readdir(dir)).filter((f) => /\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = await readFile(join(dir, file), 'utf8');
      expect(source, file).not.toMatch(/dangerouslySetInnerHTML|innerHTML|outerHTML|insertAdjacentHTML/);
    }
  });
});
