// The supervisor's console: live figures, alerts folded into a count, a searchable board sorted by attention, and
// the listen-in view of one chat with its composer pinned at the bottom. Fills its host (side panel, sidebar, tab).
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { BoardChat } from '../../lib/protocol/index.ts';
import { AlertsList } from './alerts-list.tsx';
import { boardAlerts } from '../../lib/coaching/index.ts';
import { BoardFilters } from './board-filters.tsx';
import { DEFAULT_WAIT_ALERT_SECONDS, filterChats, searchChats, sortByAttention, translateEnglish, type BoardFilter } from '../../lib/coaching/index.ts';
import { BoardSearchBox } from './board-search-box.tsx';
import { ChatBoard } from './chat-board.tsx';
import type { ChatRef, SupervisorPanelProps } from './coaching-props.ts';
import { ListenInView } from './listen-in-view.tsx';
import { LiveFiguresStrip } from './live-figures-strip.tsx';
import { PageHealthNote } from './page-health-note.tsx';
import { useNow } from './use-now.ts';
import { unreadIdsOf } from './whisper-thread.tsx';

const refOf = (chat: BoardChat): ChatRef => ({ agentId: chat.agentId, conversationKey: chat.key });

/** Agents for the agent filter: the board's agent list when given, else the agents of the chats; by name. */
function filterAgentsOf(props: SupervisorPanelProps) {
  const byId = new Map<string, { id: string; name: string; teamIds: string[] }>();
  for (const a of props.agents ?? []) byId.set(a.id, { id: a.id, name: a.name, teamIds: a.teamIds });
  for (const c of props.chats) if (!byId.has(c.agentId)) byId.set(c.agentId, { id: c.agentId, name: c.agentName, teamIds: c.teamIds });
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function SupervisorPanel(props: SupervisorPanelProps) {
  const { t = translateEnglish, theme = 'light', chats, listening = null } = props;
  const now = useNow(props.now);
  const waitAlertMs = (props.waitAlertSeconds ?? DEFAULT_WAIT_ALERT_SECONDS) * 1000;
  const moodHistory = props.moodHistory ?? {};
  const [filter, setFilter] = useState<BoardFilter>({ teamId: null, agentId: null });
  const [query, setQuery] = useState('');
  const [alertsOpen, setAlertsOpen] = useState(false);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const root = useRef<HTMLElement>(null);
  // Where keyboard focus goes once the integrator has switched views: the composer after choosing a chat, the
  // board after leaving listen-in. Only for switches the panel itself asked for.
  const focusNext = useRef<'composer' | 'board' | null>(null);
  const viewKey = listening ? `${listening.agentId}/${listening.conversationKey}` : '';
  useLayoutEffect(() => {
    const want = focusNext.current;
    if (!want || (want === 'composer') !== Boolean(viewKey)) return;
    focusNext.current = null;
    const selector = want === 'composer' ? '.ut-whisper-composer textarea' : '.ut-board';
    root.current?.querySelector<HTMLElement>(selector)?.focus();
  }, [viewKey]);
  const agents = useMemo(() => filterAgentsOf(props), [props.agents, props.chats]);
  const offline = new Set((props.agents ?? []).filter((a) => !a.online).map((a) => a.id));

  const shown = sortByAttention(searchChats(filterChats(chats, filter), query), now, waitAlertMs);
  const alerts = boardAlerts(chats, { now, waitAlertMs, moodHistory }).filter((a) => !dismissed.has(a.id));
  const listenedChat = listening ? chats.find((c) => c.agentId === listening.agentId && c.key === listening.conversationKey) : undefined;
  const thread = props.thread ?? [];
  const unreadList = props.unreadIds ?? unreadIdsOf(thread, props.selfId);
  const narrowed = filter.teamId !== null || filter.agentId !== null || query.trim() !== '';

  const listen = (chat: BoardChat) => {
    focusNext.current = 'composer';
    props.onListen(refOf(chat));
  };
  const stop = () => {
    if (!listening) return;
    focusNext.current = 'board';
    props.onStopListening(listening);
  };

  return (
    <section
      ref={root}
      class={`ut-root ut-super${listening ? ' ut-super--listening' : ''}`}
      data-theme={theme}
      aria-label={t('consoleLabel')}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && alertsOpen) {
          event.stopPropagation();
          setAlertsOpen(false);
        } else if (event.key === 'Escape' && !listening && props.onClose) {
          event.stopPropagation();
          props.onClose();
        }
      }}
    >
      <header class="ut-super-head">
        <h2 class="ut-title">{t('consoleTitle')}</h2>
        <button
          type="button"
          class={`ut-button ut-alerts-toggle${alerts.length ? ' ut-alerts-toggle--on' : ''}`}
          aria-expanded={alertsOpen ? 'true' : 'false'}
          data-count={String(alerts.length)}
          onClick={() => setAlertsOpen(!alertsOpen)}
        >
          {alertsOpen ? t('alertsHide') : t('alertsButton', String(alerts.length))}
        </button>
        {props.onOpenInTab && (
          <button type="button" class="ut-button ut-open-tab" onClick={props.onOpenInTab}>
            {t('consoleOpenInTab')}
          </button>
        )}
        {props.onClose && (
          <button type="button" class="ut-button" onClick={props.onClose}>
            {t('closePanel')}
          </button>
        )}
      </header>
      {props.connection === 'reconnecting' && (
        <p class="ut-reconnecting" role="status">
          {t('reconnecting')}
        </p>
      )}
      <PageHealthNote agents={props.pageHealth ?? []} t={t} />
      <LiveFiguresStrip chats={chats} now={now} waitAlertMs={waitAlertMs} t={t} />
      {alertsOpen && (
        <AlertsList
          alerts={alerts}
          t={t}
          onListen={(alert) => {
            setAlertsOpen(false);
            listen(alert.chat);
          }}
          onDismiss={(alert) => setDismissed(new Set([...dismissed, alert.id]))}
        />
      )}
      <div class="ut-super-main">
        <div class="ut-super-board">
          <BoardSearchBox query={query} onChange={setQuery} t={t} />
          <BoardFilters teams={props.teams} agents={agents} filter={filter} onChange={setFilter} t={t} />
          <p class="ut-hint">{t('boardCount', [String(shown.length), String(chats.length)])}</p>
          {shown.length === 0 ? (
            <p class="ut-empty">{narrowed && chats.length ? t('boardEmptyFiltered') : t('boardEmpty')}</p>
          ) : (
            <ChatBoard
              chats={shown}
              offlineAgents={offline}
              moodHistory={moodHistory}
              now={now}
              waitAlertMs={waitAlertMs}
              t={t}
              {...(listening ? { listeningId: viewKey } : {})}
              onListen={listen}
            />
          )}
        </div>
        {listening && (
          <ListenInView
            key={viewKey}
            listening={listening}
            chat={listenedChat}
            transcript={props.transcript ?? []}
            thread={thread}
            pendingIds={props.pendingIds ?? new Set()}
            refusal={props.refusal ?? null}
            selfId={props.selfId}
            unread={new Set(unreadList)}
            now={now}
            t={t}
            onStop={stop}
            onWhisper={(text, kind) => props.onWhisper(text, kind, listening)}
            onSeen={() => {
              if (unreadList.length) props.onMarkRead?.([...unreadList], listening);
            }}
          />
        )}
      </div>
    </section>
  );
}
