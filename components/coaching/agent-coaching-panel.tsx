// The agent's view, docked in the active chat's pane: whisper thread, suggestions to insert, reply, ask for help.
import { useId, useRef, useState } from 'preact/hooks';
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

export function AgentCoachingPanel(props: AgentCoachingPanelProps) {
  const { t = translateEnglish, theme = 'light', selfId, messages, listeners } = props;
  const [ownCollapsed, setOwnCollapsed] = useState(false);
  const collapsed = props.collapsed ?? ownCollapsed;
  const toggle = useRef<HTMLButtonElement>(null);
  const bodyId = useId();

  if (props.state === 'unrecognised') {
    return (
      <section class="ut-root ut-agent ut-agent--unrecognised" data-theme={theme} aria-label={t('agentPanelLabel')}>
        <h2 class="ut-title">{t('unrecognisedTitle')}</h2>
        <p class="ut-notice">{t('unrecognisedBody')}</p>
      </section>
    );
  }

  const unreadList = props.unreadIds ?? unreadIdsOf(messages, selfId);
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

  return (
    <section
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
        <h2 class="ut-title">{title}</h2>
        {collapsed && unread.size > 0 && <span class="ut-count">{t('collapsedUnread', String(unread.size))}</span>}
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
      <div class="ut-agent-body" id={bodyId} hidden={collapsed}>
        {!collapsed && (
          <>
            <ListenersNote listeners={listeners} t={t} />
            <WhisperThread
              messages={messages}
              selfId={selfId}
              unread={unread}
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
          </>
        )}
      </div>
    </section>
  );
}
