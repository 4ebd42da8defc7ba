// Props of the coaching components: data in, callbacks out. No extension APIs, no network: the integrator wires both.
import type { ComponentChildren } from 'preact';
import type { BoardAgent, BoardChat, PageHealthAgent, TeamRef, ThreadMessage, TranscriptEvent, UserRef } from '../../lib/protocol/index.ts';
import type { Clock } from './use-now.ts';
import type { MoodHistory, SendKind } from '../../lib/coaching/index.ts';
import type { Theme } from './theme.ts';
import type { Translate } from '../../lib/coaching/index.ts';

/** Shared by every component. */
export type CommonProps = {
  /** 'light' (default) or 'dark'; `themeFromHostPage(hostElement)` derives it from the helpdesk page. */
  theme?: Theme;
  /** UI text; pass `browser.i18n.getMessage`. Defaults to the English catalogue (`translateEnglish`). */
  t?: Translate;
  /** The clock for durations and waits (ms since the epoch). Defaults to `Date.now`. */
  now?: Clock;
};

/** Which conversation of which agent (a board chat's `agentId` and `key`). */
export type ChatRef = { agentId: string; conversationKey: string };

export type AgentCoachingPanelProps = CommonProps & {
  /** 'ready' shows the coaching of the active chat; 'unrecognised' only says that this helpdesk page is not recognised. */
  state?: 'ready' | 'unrecognised';
  /** The signed-in agent's user id: its own replies and help requests are shown as "You". */
  selfId: string;
  /** The active chat's whisper thread (any order; shown oldest first, newest in view). */
  messages: readonly ThreadMessage[];
  /**
   * Ids of the messages to mark unread. Default: messages from others whose `readBy` lacks `selfId`
   * (as the thread cache keeps them).
   */
  unreadIds?: readonly string[];
  /** Supervisors listening to this chat (the relay's `listeners` frame). Empty: nothing is shown. */
  listeners: readonly UserRef[];
  /** The customer's name, for the panel's title. */
  customerName?: string;
  /** The helpdesk's own id or topic of the chat, shown after the customer's name (e.g. "#c-1042"). */
  chatLabel?: string;
  /**
   * Controlled collapsed state; without it the panel keeps its own (starting expanded). Collapsed, the panel is one
   * line: the newest unread whisper or suggestion and how many more.
   */
  collapsed?: boolean;
  /** A line of status above the thread (reconnecting, a different helpdesk user); none when absent. */
  notice?: string;
  /** Ids of `messages` sent from here that the relay has not acknowledged yet: shown as "Sending…". */
  pendingIds?: ReadonlySet<string>;
  /** Changing this number (from 1 up) moves focus to the reply box (expand first: it is inside the body). */
  focusReply?: number;
  onCollapsedChange?: (collapsed: boolean) => void;
  /** More of the expanded view, below the reply and help request (the colleagues in this chat). */
  children?: ComponentChildren;
  /**
   * "Insert into reply" on a suggestion, or on a whisper the agent forwards: put `text` into the helpdesk's reply
   * box after what the agent typed. Never send it.
   */
  onInsertSuggestion: (text: string, message: ThreadMessage) => void;
  /** The agent's reply to its supervisors (trimmed, non-empty, at most 4000 characters). */
  onReply: (text: string) => void;
  /** "Ask for help" with its short reason (trimmed, non-empty, at most 500 characters). */
  onAskHelp: (reason: string) => void;
  /** The agent has seen these unread messages (it focused or pointed at the thread, or acted in the panel). */
  onMarkRead?: (messageIds: string[]) => void;
  /** Under each `customer` message: whether it was sent to the customer ("Sent to the customer for John"). */
  customerSendLine?: (message: ThreadMessage) => { state: 'sending' | 'sent' | 'not_sent'; text: string } | null;
};

export type UnreadCountBadgeProps = Pick<CommonProps, 'theme' | 't'> & {
  /** Unread whispers of one chat; nothing is rendered for 0. */
  count: number;
};

export type SupervisorPanelProps = CommonProps & {
  /** The signed-in supervisor's user id: its own whispers are shown as "You". */
  selfId: string;
  /** The live board (board_snapshot + board_delta applied). */
  chats: readonly BoardChat[];
  /** The teams the board covers (board_snapshot.teams), for the team filter. */
  teams: readonly TeamRef[];
  /** Agents of the board's teams whose helpdesk page is not recognised (the relay's `page_health`). */
  pageHealth?: readonly PageHealthAgent[];
  /** Board agents (for the agent filter's names and offline marks). Default: the agents of `chats`. */
  agents?: readonly BoardAgent[];
  /** Earlier mood scores per chat (`boardChatId` -> scores, oldest first): see `recordMoodScores`. */
  moodHistory?: MoodHistory;
  /** Waits at or over this many seconds raise an alert and count as long waits. Default 120. */
  waitAlertSeconds?: number;
  /** The chat being listened to: shows the listen-in view. Null or absent: the board. */
  listening?: ChatRef | null;
  /** The listened chat's transcript (see `applyTranscript`). */
  transcript?: readonly TranscriptEvent[];
  /** The listened chat's whisper thread. */
  thread?: readonly ThreadMessage[];
  /** Ids of unread messages in `thread`. Default: from others, `readBy` lacking `selfId`. */
  unreadIds?: readonly string[];
  /** A chat was chosen on the board or in an alert: start listening (send `listen_start`). */
  onListen: (chat: ChatRef) => void;
  /** Leave the listen-in view (send `listen_stop`). */
  onStopListening: (chat: ChatRef) => void;
  /** Send a whisper or a suggestion into the listened chat (trimmed, non-empty, at most 4000 characters). */
  onWhisper: (text: string, kind: SendKind, chat: ChatRef) => void;
  /** The supervisor has seen these unread thread messages. */
  onMarkRead?: (messageIds: string[], chat: ChatRef) => void;
  /** A close button (and Escape on the board) calls this; without it there is no close button. */
  onClose?: () => void;
  /** 'reconnecting' while the relay is away: says so, and that what is sent meanwhile will be sent. */
  connection?: 'connected' | 'reconnecting';
  /** Ids of `thread` messages sent from here that the relay has not acknowledged yet: shown as "Sending…". */
  pendingIds?: ReadonlySet<string>;
  /** The relay's words for the last send it refused (say, a customer send the agent no longer allows), as text. */
  refusal?: string | null;
  /** Given: an "Open in a tab" button (for the console shown in a side panel or sidebar). */
  onOpenInTab?: () => void;
};
