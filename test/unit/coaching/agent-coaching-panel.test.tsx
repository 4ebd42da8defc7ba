// @vitest-environment happy-dom
// The agent's panel: thread order and kinds, unread marks, insert/reply/help callbacks, keyboard, collapsed and notice states.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AgentCoachingPanel, UnreadCountBadge, type AgentCoachingPanelProps } from '../../../components/coaching/index.ts';
import { ADA, buttonNamed, click, message, mount, press, q, SAM, type, type Mounted } from './coaching-fixtures.tsx';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

function panel(over: Partial<AgentCoachingPanelProps> = {}) {
  const props: AgentCoachingPanelProps = {
    selfId: ADA.id,
    messages: [],
    listeners: [],
    onInsertSuggestion: vi.fn(),
    onReply: vi.fn(),
    onAskHelp: vi.fn(),
    onMarkRead: vi.fn(),
    ...over,
  };
  mounted = mount(<AgentCoachingPanel {...props} />);
  return { props, root: mounted.container };
}

describe('AgentCoachingPanel thread', () => {
  it('shows messages oldest first in a polite log, each kind and the agent’s own replies told apart', () => {
    const suggestion = message({ kind: 'suggestion', text: 'Offer a refund', createdAt: 3000 });
    const whisper = message({ kind: 'whisper', text: 'Stay calm', createdAt: 1000 });
    const reply = message({ kind: 'reply', text: 'On it', createdAt: 2000 });
    const help = message({ kind: 'help', text: 'Customer wants a manager', createdAt: 4000 });
    const { root } = panel({ messages: [suggestion, help, whisper, reply] });
    const log = q(root, '[role="log"]');
    expect(log.getAttribute('aria-live')).toBe('polite');
    expect(log.getAttribute('aria-label')).toBe('Coaching thread');
    const items = [...root.querySelectorAll('.ut-msg')];
    expect(items.map((li) => li.getAttribute('data-kind'))).toEqual(['whisper', 'reply', 'suggestion', 'help']);
    expect(items.map((li) => li.querySelector('.ut-msg-kind')?.textContent)).toEqual(['Whisper', 'Reply', 'Suggestion', 'Help request']);
    expect(items[1]?.classList.contains('ut-msg--own')).toBe(true);
    expect(items[1]?.querySelector('.ut-msg-from')?.textContent).toBe('You');
    expect(items[0]?.querySelector('.ut-msg-from')?.textContent).toBe(SAM.name);
    expect(items[3]?.classList.contains('ut-msg--help')).toBe(true);
  });

  it('marks messages from others that the agent has not read, and reports them read on focus', () => {
    const seen = message({ kind: 'whisper', readBy: [ADA.id] });
    const fresh = message({ kind: 'whisper' });
    const own = message({ kind: 'reply' });
    const { root, props } = panel({ messages: [seen, fresh, own] });
    const unread = [...root.querySelectorAll('[data-unread="true"]')].map((li) => li.getAttribute('data-message-id'));
    expect(unread).toEqual([fresh.id]);
    expect(root.querySelector(`[data-message-id="${fresh.id}"] .ut-msg-new`)?.textContent).toBe('New');
    q(root, '[role="log"]').dispatchEvent(new FocusEvent('focus'));
    expect(props.onMarkRead).toHaveBeenCalledWith([fresh.id]);
  });

  it('takes unread ids from the integrator when given', () => {
    const a = message({ kind: 'whisper' });
    const b = message({ kind: 'whisper' });
    const { root } = panel({ messages: [a, b], unreadIds: [a.id] });
    expect([...root.querySelectorAll('[data-unread="true"]')].map((li) => li.getAttribute('data-message-id'))).toEqual([a.id]);
  });

  it('offers "Insert into reply" on suggestions and whispers from others (forwarding a whisper), and it only calls back', () => {
    const suggestion = message({ kind: 'suggestion', text: 'Try: I can refund that today.' });
    const whisper = message({ kind: 'whisper', text: 'Policy allows a refund up to 90 days.' });
    const own = message({ kind: 'reply' });
    const help = message({ kind: 'help' });
    const { root, props } = panel({ messages: [whisper, suggestion, own, help] });
    const buttons = [...root.querySelectorAll('button')].filter((b) => b.textContent === 'Insert into reply');
    expect(buttons).toHaveLength(2);
    const insertOf = (m: { id: string }) => q(root, `[data-message-id="${m.id}"] .ut-insert`) as HTMLButtonElement;
    click(insertOf(whisper));
    expect(props.onInsertSuggestion).toHaveBeenLastCalledWith('Policy allows a refund up to 90 days.', whisper);
    click(insertOf(suggestion));
    expect(props.onInsertSuggestion).toHaveBeenLastCalledWith('Try: I can refund that today.', suggestion);
    expect(props.onReply).not.toHaveBeenCalled();
  });

  it('shows an empty thread in words', () => {
    const { root } = panel();
    expect(q(root, '.ut-empty').textContent).toBe('No whispers yet.');
  });
});

describe('AgentCoachingPanel reply and help', () => {
  it('sends a trimmed reply with Enter or the button, keeps Shift+Enter for new lines, and ignores blank text', () => {
    const { root, props } = panel();
    const box = q<HTMLTextAreaElement>(root, 'textarea');
    const send = buttonNamed(root, 'Send');
    expect(send.disabled).toBe(true);
    type(box, '   ');
    press(box, 'Enter');
    expect(props.onReply).not.toHaveBeenCalled();
    type(box, '  Thanks, will do  ');
    press(box, 'Enter', { shiftKey: true });
    expect(props.onReply).not.toHaveBeenCalled();
    press(box, 'Enter');
    expect(props.onReply).toHaveBeenCalledWith('Thanks, will do');
    expect(box.value).toBe('');
    type(box, 'second');
    click(buttonNamed(root, 'Send'));
    expect(props.onReply).toHaveBeenLastCalledWith('second');
  });

  it('Escape in the reply box clears it first, then collapses the panel', () => {
    const { root } = panel();
    const box = q<HTMLTextAreaElement>(root, 'textarea');
    type(box, 'draft');
    press(box, 'Escape');
    expect(box.value).toBe('');
    expect(root.querySelector('.ut-agent--collapsed')).toBeNull();
    press(box, 'Escape');
    expect(root.querySelector('.ut-agent--collapsed')).not.toBeNull();
    expect(q(root, '.ut-toggle').getAttribute('aria-expanded')).toBe('false');
  });

  it('asks for help with a short reason; Escape cancels without sending', () => {
    const { root, props } = panel();
    click(buttonNamed(root, 'Ask for help'));
    let reason = q<HTMLInputElement>(root, '.ut-help-form input');
    expect(reason.maxLength).toBe(500);
    type(reason, 'angry customer');
    press(reason, 'Escape');
    expect(root.querySelector('.ut-help-form')).toBeNull();
    expect(props.onAskHelp).not.toHaveBeenCalled();
    expect(root.querySelector('.ut-agent--collapsed')).toBeNull();

    click(buttonNamed(root, 'Ask for help'));
    reason = q<HTMLInputElement>(root, '.ut-help-form input');
    type(reason, '  wants a manager ');
    click(buttonNamed(root, 'Raise hand'));
    expect(props.onAskHelp).toHaveBeenCalledWith('wants a manager');
    expect(root.querySelector('.ut-help-form')).toBeNull();
  });

  it('says a help request is open until a supervisor whispers', () => {
    const help = message({ kind: 'help', createdAt: 10 });
    const { root } = panel({ messages: [help] });
    expect(root.querySelector('.ut-help-pending')?.textContent).toContain('You asked for help');
    mounted!.rerender(
      <AgentCoachingPanel
        selfId={ADA.id}
        messages={[help, message({ kind: 'whisper', createdAt: 20 })]}
        listeners={[]}
        onInsertSuggestion={() => {}}
        onReply={() => {}}
        onAskHelp={() => {}}
      />,
    );
    expect(root.querySelector('.ut-help-pending')).toBeNull();
  });
});

describe('AgentCoachingPanel states', () => {
  it('names the listening supervisors quietly, once each', () => {
    const lee = { id: 'usr_lee', name: 'Lee Park', role: 'supervisor' as const };
    const { root } = panel({ listeners: [SAM, lee, SAM] });
    expect(q(root, '.ut-listeners').textContent).toBe('Sam Cho, Lee Park are listening');
    mounted!.unmount();
    const one = panel({ listeners: [SAM] });
    expect(q(one.root, '.ut-listeners').textContent).toBe('Sam Cho is listening');
    expect(q(one.root, '.ut-listeners').getAttribute('role')).toBe('status');
  });

  it('collapses to one line: the newest unread whisper or suggestion and how many more; expands from the toggle or that line', () => {
    const onCollapsedChange = vi.fn();
    const older = message({ kind: 'whisper', text: 'Older whisper', createdAt: 1000 });
    const newest = message({ kind: 'suggestion', text: 'Newest suggestion', createdAt: 3000 });
    const reply = message({ kind: 'reply', text: 'My reply', createdAt: 4000, from: ADA });
    const { root, props } = panel({ messages: [older, newest, reply], unreadIds: [older.id, newest.id], collapsed: true, onCollapsedChange });
    expect(root.querySelector('[role="log"]')).toBeNull();
    expect(q(root, '.ut-peek').textContent).toBe('Suggestion: Newest suggestion');
    expect(q(root, '.ut-more').textContent).toBe('1 more');
    // Collapsed, nothing is marked read: the agent has not seen the whispers.
    expect(props.onMarkRead).not.toHaveBeenCalled();
    click(q(root, '.ut-peek'));
    expect(onCollapsedChange).toHaveBeenLastCalledWith(false);
    mounted!.rerender(<AgentCoachingPanel {...props} collapsed={false} />);
    expect(root.querySelector('[role="log"]')).not.toBeNull();
    // Shown expanded: marked read.
    expect(props.onMarkRead).toHaveBeenCalledWith([older.id, newest.id]);
    const toggle = q<HTMLButtonElement>(root, '.ut-toggle');
    expect(toggle.textContent).toBe('Hide coaching');
    click(toggle);
    expect(onCollapsedChange).toHaveBeenLastCalledWith(true);
  });

  it('shows no peek line when nothing is unread, and the "n more" only past the first', () => {
    const one = message({ kind: 'whisper', text: 'Only one' });
    const { root } = panel({ messages: [one], collapsed: true });
    expect(q(root, '.ut-peek').textContent).toBe('Whisper: Only one');
    expect(root.querySelector('.ut-more')).toBeNull();
    mounted!.unmount();
    const read = panel({ messages: [message({ kind: 'whisper', readBy: [ADA.id] })], collapsed: true });
    expect(read.root.querySelector('.ut-peek')).toBeNull();
  });

  it('moves focus to the reply box when asked', () => {
    const { root, props } = panel({ messages: [] });
    mounted!.rerender(<AgentCoachingPanel {...props} focusReply={1} />);
    expect(document.activeElement).toBe(q(root, '.ut-agent-reply textarea'));
  });

  it('follows a controlled collapsed prop', () => {
    const { root } = panel({ collapsed: true });
    expect(root.querySelector('.ut-agent--collapsed')).not.toBeNull();
    click(q(root, '.ut-toggle'));
    expect(root.querySelector('.ut-agent--collapsed')).not.toBeNull();
  });

  it('shows only the not-recognised notice on pages no adapter reads', () => {
    const { root } = panel({ state: 'unrecognised', messages: [message({ kind: 'whisper' })] });
    expect(root.textContent).toContain('This helpdesk page is not recognised');
    expect(root.querySelector('[role="log"], textarea, button')).toBeNull();
  });

  it('uses the given theme and text function', () => {
    const t = vi.fn((key: string) => `«${key}»`);
    const { root } = panel({ theme: 'dark', t });
    expect(q(root, '.ut-root').getAttribute('data-theme')).toBe('dark');
    expect(q(root, '.ut-title').textContent).toBe('«agentPanelTitle»');
    expect(t).toHaveBeenCalledWith('send');
    expect(buttonNamed(root, '«send»').type).toBe('submit');
  });
});

describe('UnreadCountBadge', () => {
  it('shows a count with words for screen readers, and nothing for zero', () => {
    mounted = mount(<UnreadCountBadge count={3} />);
    expect(mounted.container.textContent).toBe('33 unread whispers');
    expect(q(mounted.container, '.ut-sr-only').textContent).toBe('3 unread whispers');
    mounted.rerender(<UnreadCountBadge count={1} />);
    expect(q(mounted.container, '.ut-sr-only').textContent).toBe('1 unread whisper');
    mounted.rerender(<UnreadCountBadge count={120} theme="dark" />);
    expect(q(mounted.container, '[aria-hidden="true"]').textContent).toBe('99+');
    mounted.rerender(<UnreadCountBadge count={0} />);
    expect(mounted.container.innerHTML).toBe('');
  });
});
