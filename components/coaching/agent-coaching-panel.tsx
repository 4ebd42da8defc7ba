// The agent's view, docked in the active chat's pane: whisper thread, suggestions to insert, reply, ask for help.
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ThreadMessage } from '../../lib/protocol/index.ts';
import type { AgentCoachingPanelProps } from './coaching-props.ts';
import { HelpRequest } from './help-request.tsx';
import { ListenersNote, listenerNames } from './listeners-note.tsx';
import { MessageComposer } from './message-composer.tsx';
import { translateEnglish } from '../../lib/coaching/index.ts';
import { threadOrder, unreadIdsOf, WhisperThread } from './whisper-thread.tsx';

/** The relay's limit for a reply or whisper text. */
export const MESSAGE_TEXT_MAX = 4000;

/** True while the agent's latest help request has had no whisper or suggestion after it. */
export function helpPending(messages: readonly ThreadMessage[]): boolean {
  let pending = false;
  for (const m of threadOrder(messages)) {
    if (m.kind === 'help') pending = true;
    else if (m.kind === 'whisper' || m.kind === 'suggestion') pending = false;
  }
  return pending;
}

/** The newest unread whisper or suggestion: what the collapsed thread shows in its one line. */
export function newestUnreadCoaching(messages: readonly ThreadMessage[], unread: ReadonlySet<string>): ThreadMessage | null {
  const ordered = threadOrder(messages);
  for (let i = ordered.length - 1; i >= 0; i -= 1) {
    const m = ordered[i]!;
    if (unread.has(m.id) && (m.kind === 'whisper' || m.kind === 'suggestion')) return m;
  }
  return null;
}

export function AgentCoachingPanel(props: AgentCoachingPanelProps) {
  const { t = translateEnglish, theme = 'light', selfId, messages, listeners } = props;
  const [ownCollapsed, setOwnCollapsed] = useState(false);
  const collapsed = props.collapsed ?? ownCollapsed;
  const toggle = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLElement>(null);
  const bodyId = useId();
  const unreadList = props.unreadIds ?? unreadIdsOf(messages, selfId);
  const unreadKey = unreadList.join(',');
  // Whispers shown expanded are read: the agent has them on screen.
  useEffect(() => {
    if (!collapsed && props.state !== 'unrecognised' && unreadList.length) props.onMarkRead?.([...unreadList]);
  }, [collapsed, unreadKey]);
  // The integrator asks for the reply box (a keyboard shortcut from the helpdesk's own reply box).
  useLayoutEffect(() => {
    if (!props.focusReply) return;
    root.current?.querySelector<HTMLTextAreaElement>('.ut-agent-reply textarea')?.focus();
  }, [props.focusReply, collapsed]);

  if (props.state === 'unrecognised') {
    return (
      <section class="ut-root ut-agent ut-agent--unrecognised" data-theme={theme} aria-label={t('agentPanelLabel')}>
        <h2 class="ut-title">{t('unrecognisedTitle')}</h2>
        <p class="ut-notice">{t('unrecognisedBody')}</p>
      </section>
    );
  }

  const unread = new Set(unreadList);
  const setCollapsed = (next: boolean) => {
    if (props.collapsed === undefined) setOwnCollapsed(next);
    props.onCollapsedChange?.(next);
  };
  const markSeen = () => {
    if (unreadList.length) props.onMarkRead?.([...unreadList]);
  };
  const title = props.customerName ? t('agentPanelTitleFor', props.customerName) : t('agentPanelTitle');
  const names = listenerNames(listeners);
  const peek = collapsed ? newestUnreadCoaching(messages, unread) : null;

  return (
    <section
      ref={root}
      class={`ut-root ut-agent${collapsed ? ' ut-agent--collapsed' : ''}`}
      data-theme={theme}
      aria-label={t('agentPanelLabel')}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !collapsed) {
          event.stopPropagation();
          setCollapsed(true);
          toggle.current?.focus();
        }
      }}
    >
      <header class="ut-agent-head">
        <h2 class="ut-title" title={props.chatLabel ? `${title} ${props.chatLabel}` : title}>
          {title}
          {props.chatLabel && <span class="ut-chat-id"> {props.chatLabel}</span>}
        </h2>
        {peek && (
          <button type="button" class="ut-peek" data-kind={peek.kind} onClick={() => setCollapsed(false)} title={peek.text}>
            <span class="ut-peek-kind">{t(peek.kind === 'suggestion' ? 'kindSuggestion' : 'kindWhisper')}:</span> <span class="ut-peek-text">{peek.text}</span>
          </button>
        )}
        {peek && unread.size > 1 && <span class="ut-count ut-more">{t('collapsedMore', String(unread.size - 1))}</span>}
        {collapsed && names.length > 0 && (
          <span class="ut-listeners-dot" role="img" aria-label={names.length === 1 ? t('listeningOne', names[0]!) : t('listeningMany', names.join(', '))} title={names.join(', ')} />
        )}
        <button
          ref={toggle}
          type="button"
          class="ut-button ut-toggle"
          aria-expanded={collapsed ? 'false' : 'true'}
          aria-controls={bodyId}
          onClick={() => setCollapsed(!collapsed)}
        >
          {collapsed ? t('expand') : t('collapse')}
        </button>
      </header>
      {props.notice && (
        <p class="ut-agent-notice" role="status">
          {props.notice}
        </p>
      )}
      <div class="ut-agent-body" id={bodyId} hidden={collapsed}>
        {!collapsed && (
          <>
            <ListenersNote listeners={listeners} t={t} />
            <WhisperThread
              messages={messages}
              selfId={selfId}
              unread={unread}
              {...(props.pendingIds ? { pendingIds: props.pendingIds } : {})}
              {...(props.customerSendLine ? { customerSendLine: props.customerSendLine } : {})}
              t={t}
              onSeen={markSeen}
              onInsert={(m) => {
                markSeen();
                props.onInsertSuggestion(m.text, m);
              }}
            />
            {unread.size > 0 && props.onMarkRead && (
              <button type="button" class="ut-button ut-link" onClick={markSeen}>
                {t('markRead')}
              </button>
            )}
            {helpPending(messages) && (
              <p class="ut-help-pending" role="status">
                {t('helpPending')}
              </p>
            )}
            <MessageComposer
              class="ut-agent-reply"
              label={t('replyLabel')}
              placeholder={t('replyPlaceholder')}
              maxLength={MESSAGE_TEXT_MAX}
              t={t}
              onSubmit={(text) => {
                markSeen();
                props.onReply(text);
              }}
            />
            <HelpRequest
              t={t}
              onAskHelp={(reason) => {
                markSeen();
                props.onAskHelp(reason);
              }}
            />
            {props.children}
          </>
        )}
      </div>
    </section>
  );
}
