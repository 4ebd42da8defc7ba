// Public surface of the coaching UI: Preact components (props in, callbacks out), their stylesheet, text and theme.
// Mount them in a shadow root whose stylesheet is `coachingCss`; pass `browser.i18n.getMessage` as `t`.
//
//   const root = host.attachShadow({ mode: 'open' });
//   const style = document.createElement('style');
//   style.textContent = coachingCss;
//   const mount = document.createElement('div');
//   root.append(style, mount);
//   render(<AgentCoachingPanel theme={themeFromHostPage(host)} t={browser.i18n.getMessage} … />, mount);
//
// The components keep only UI state (drafts, collapsed, filters, the board's active row, dismissed alerts); data
// comes in as props and every action leaves as a callback. Nothing is rendered as HTML: wire and page text is text.
export { AgentCoachingPanel } from './agent-coaching-panel.tsx';
export { UnreadCountBadge } from './unread-count-badge.tsx';
export { SupervisorPanel } from './supervisor-panel.tsx';
export type { AgentCoachingPanelProps, ChatRef, CommonProps, SupervisorPanelProps, UnreadCountBadgeProps } from './coaching-props.ts';
export { coachingCss } from './coaching-style.ts';
export { englishMessages, formatLocaleMessage, translateEnglish, type MessageKey, type Translate } from './translate.ts';
export { themeForBackground, themeFromHostPage, type Theme } from './theme.ts';
export { boardChatId, filterChats, sortByAttention, DEFAULT_WAIT_ALERT_SECONDS, type BoardFilter } from './board-order.ts';
export { moodTrend, recordMoodScores, type MoodHistory, type MoodTrend } from './mood-trend.ts';
export { boardAlerts, type BoardAlert, type BoardAlertKind } from './board-alerts.ts';
export { applyTranscript } from './transcript-events.ts';
export { formatElapsed } from './elapsed-time.ts';
export type { Clock } from './use-now.ts';
