// Public surface of the coaching UI: Preact components (props in, callbacks out), their stylesheet and theme.
// The logic they show (board order, mood trend, alerts, transcript updates, UI text) is in lib/coaching/.
// Mount them in a shadow root whose stylesheet is `coachingCss`; pass `withSafeSubstitutions(browser.i18n.getMessage)` as `t`.
//
//   const root = host.attachShadow({ mode: 'closed' });   // in a helpdesk page: its scripts must not read it
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
export { themeForBackground, themeFromHostPage, type Theme } from './theme.ts';
export type { Clock } from './use-now.ts';
