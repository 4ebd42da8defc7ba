// The coaching components' stylesheet, for the integrator to put into the shadow root that hosts them.
// Every rule is scoped to `.ut-root` and its descendants; `all: initial` stops the host page's inherited styles.

export const coachingCss = `
.ut-root {
  all: initial;
  display: block;
  box-sizing: border-box;
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ut-fg);
  background: var(--ut-bg);
  color-scheme: light;
  --ut-bg: #ffffff; --ut-fg: #1b1b1f; --ut-muted: #4b5563; --ut-border: #c4c9d1; --ut-raise: #f4f5f7;
  --ut-accent: #1d4ed8; --ut-accent-fg: #ffffff; --ut-focus: #1d4ed8;
  --ut-whisper-bg: #eef2ff; --ut-whisper-edge: #4338ca;
  --ut-suggest-bg: #ecfdf5; --ut-suggest-edge: #047857;
  --ut-own-bg: #f3f4f6; --ut-own-edge: #6b7280;
  --ut-help-bg: #fff7ed; --ut-help-edge: #c2410c; --ut-help-fg: #9a3412;
  --ut-good: #047857; --ut-neutral: #4b5563; --ut-risk: #a15c07; --ut-angry: #b91c1c;
  --ut-customer-bg: #f3f4f6; --ut-agent-bg: #eff6ff; --ut-system-fg: #4b5563;
}
.ut-root[data-theme="dark"] {
  color-scheme: dark;
  --ut-bg: #17181c; --ut-fg: #ececef; --ut-muted: #b0b5bf; --ut-border: #4a4e57; --ut-raise: #22242a;
  --ut-accent: #8ab4ff; --ut-accent-fg: #0b1220; --ut-focus: #8ab4ff;
  --ut-whisper-bg: #232a45; --ut-whisper-edge: #a5b4fc;
  --ut-suggest-bg: #123026; --ut-suggest-edge: #6ee7b7;
  --ut-own-bg: #26282e; --ut-own-edge: #9ca3af;
  --ut-help-bg: #3a2416; --ut-help-edge: #fdba74; --ut-help-fg: #fed7aa;
  --ut-good: #6ee7b7; --ut-neutral: #c2c7d0; --ut-risk: #fcd34d; --ut-angry: #fca5a5;
  --ut-customer-bg: #23252b; --ut-agent-bg: #1b2740; --ut-system-fg: #b0b5bf;
}
.ut-root *, .ut-root *::before, .ut-root *::after { box-sizing: border-box; }
.ut-root [hidden] { display: none !important; }
.ut-thread, .ut-transcript { scrollbar-width: thin; scrollbar-color: var(--ut-border) transparent; }
.ut-root :focus { outline: none; }
.ut-root :focus-visible { outline: 2px solid var(--ut-focus); outline-offset: 2px; }
.ut-sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.ut-root h2, .ut-root h3, .ut-root p, .ut-root ol, .ut-root ul { margin: 0; padding: 0; }
.ut-root ol, .ut-root ul { list-style: none; }
.ut-title { font-size: 14px; font-weight: 650; flex: 1 1 auto; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.ut-subtitle { font-size: 12px; font-weight: 650; color: var(--ut-muted); text-transform: uppercase; letter-spacing: .03em; }
.ut-empty, .ut-hint, .ut-notice { color: var(--ut-muted); }
.ut-hint { font-size: 11px; }
.ut-label { display: block; font-weight: 600; margin: 0 0 2px; }
.ut-button { font: inherit; color: var(--ut-fg); background: var(--ut-raise); border: 1px solid var(--ut-border); border-radius: 6px; padding: 4px 10px; cursor: pointer; min-height: 28px; }
.ut-button:hover { border-color: var(--ut-accent); }
.ut-button:disabled { opacity: .55; cursor: default; }
.ut-button--primary { background: var(--ut-accent); border-color: var(--ut-accent); color: var(--ut-accent-fg); font-weight: 600; }
.ut-link { background: none; border: none; color: var(--ut-accent); padding: 2px 0; text-decoration: underline; min-height: 0; }
.ut-input { font: inherit; color: var(--ut-fg); background: var(--ut-bg); border: 1px solid var(--ut-border); border-radius: 6px; padding: 5px 7px; width: 100%; min-width: 0; }
.ut-textarea { resize: vertical; min-height: 2.6em; max-height: 10em; }
.ut-select { font: inherit; color: var(--ut-fg); background: var(--ut-bg); border: 1px solid var(--ut-border); border-radius: 6px; padding: 3px 6px; max-width: 100%; }
.ut-actions { display: flex; gap: 6px; margin-top: 6px; flex-wrap: wrap; }
.ut-count { font-size: 12px; font-weight: 650; color: var(--ut-accent-fg); background: var(--ut-accent); border-radius: 9px; padding: 0 7px; }
.ut-root.ut-badge { display: inline-block; background: var(--ut-accent); color: var(--ut-accent-fg); font: 600 11px/16px system-ui, sans-serif; min-width: 16px; padding: 0 5px; border-radius: 8px; text-align: center; vertical-align: middle; }

/* Agent panel: sized by its host, scrolling inside itself. */
.ut-agent { width: 100%; max-width: 100%; min-width: 0; max-height: var(--ut-thread-max, 100%); display: flex; flex-direction: column; gap: 6px; padding: 8px; border: 1px solid var(--ut-border); border-radius: 8px; overflow: hidden; }
.ut-agent--collapsed { padding: 2px 8px; gap: 0; }
.ut-agent-head { display: flex; align-items: center; gap: 8px; min-height: 28px; min-width: 0; flex: none; }
.ut-agent--collapsed .ut-title { flex: 0 1 auto; max-width: 45%; }
.ut-agent-body { display: flex; flex-direction: column; gap: 6px; min-height: 0; flex: 1 1 auto; overflow-y: auto; overscroll-behavior: contain; scrollbar-width: thin; }
.ut-agent .ut-thread { flex: none; max-height: none; min-height: 0; overflow: visible; }
.ut-peek { all: unset; flex: 1 1 auto; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; cursor: pointer; border-left: 3px solid var(--ut-whisper-edge); padding-left: 6px; }
.ut-peek[data-kind="suggestion"] { border-left-color: var(--ut-suggest-edge); }
.ut-peek:focus-visible { outline: 2px solid var(--ut-focus); outline-offset: 2px; }
.ut-peek-kind { font-weight: 700; }
.ut-more { flex: none; }
.ut-agent-notice { flex: none; font-size: 12px; font-weight: 600; color: var(--ut-help-fg); background: var(--ut-help-bg); border-radius: 6px; padding: 2px 8px; overflow-wrap: anywhere; }
.ut-agent--unrecognised { display: block; }
.ut-agent--unrecognised .ut-title { white-space: normal; margin-bottom: 4px; }
.ut-listeners { font-size: 12px; color: var(--ut-muted); display: flex; align-items: center; gap: 6px; }
.ut-listeners-dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; background: var(--ut-good); flex: none; }
.ut-help-pending { font-size: 12px; color: var(--ut-help-fg); background: var(--ut-help-bg); border-radius: 6px; padding: 4px 8px; }

/* Thread */
.ut-thread { overflow-y: auto; min-height: 3em; max-height: 18em; flex: 1 1 auto; border-radius: 6px; padding: 2px; }
.ut-thread-list { display: flex; flex-direction: column; gap: 6px; }
.ut-msg { border-left: 4px solid var(--ut-whisper-edge); background: var(--ut-whisper-bg); border-radius: 6px; padding: 5px 8px; }
.ut-msg--suggestion { border-left-color: var(--ut-suggest-edge); background: var(--ut-suggest-bg); }
.ut-msg--reply { border-left-color: var(--ut-own-edge); background: var(--ut-own-bg); }
.ut-msg--help { border-left-color: var(--ut-help-edge); background: var(--ut-help-bg); }
.ut-msg--own { margin-left: 16px; }
.ut-msg--unread { box-shadow: inset 0 0 0 1px var(--ut-accent); }
.ut-msg-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px; font-size: 12px; }
.ut-msg-kind { font-weight: 700; }
.ut-msg--help .ut-msg-kind { color: var(--ut-help-fg); }
.ut-msg-from { color: var(--ut-muted); overflow-wrap: anywhere; }
.ut-msg-new { font-size: 11px; font-weight: 700; color: var(--ut-accent-fg); background: var(--ut-accent); border-radius: 8px; padding: 0 6px; }
.ut-msg-time { margin-left: auto; color: var(--ut-muted); font-size: 11px; }
.ut-msg-text { white-space: pre-wrap; overflow-wrap: anywhere; margin-top: 2px; }
.ut-insert { margin-top: 4px; }

/* Composer */
.ut-composer { display: flex; flex-direction: column; gap: 2px; }
.ut-composer-row { display: flex; gap: 6px; align-items: flex-end; }
.ut-mode { border: none; margin: 0 0 4px; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: center; }
.ut-mode legend { float: left; font-weight: 600; margin-right: 6px; padding: 0; }
.ut-mode label { display: inline-flex; align-items: center; gap: 4px; cursor: pointer; }
.ut-help-form { display: flex; flex-direction: column; gap: 2px; }

/* Supervisor console: fills its host from 320 px to full screen; the board and the listen-in scroll inside, the
   composer stays at the bottom. Side by side from 720 px wide, one at a time below. */
.ut-super { display: flex; flex-direction: column; gap: 8px; padding: 10px; overflow: hidden; width: 100%; height: 100%; container-type: inline-size; }
.ut-super-head { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.ut-alerts-toggle--on { border-color: var(--ut-help-edge); background: var(--ut-help-bg); color: var(--ut-help-fg); font-weight: 650; }
.ut-reconnecting { flex: none; font-weight: 600; color: var(--ut-help-fg); background: var(--ut-help-bg); border: 1px solid var(--ut-help-edge); border-radius: 6px; padding: 4px 8px; }
.ut-page-health { flex: none; color: var(--ut-help-fg); background: var(--ut-help-bg); border: 1px solid var(--ut-help-edge); border-radius: 6px; padding: 4px 8px; }
.ut-page-health summary { font-weight: 600; cursor: pointer; }
.ut-page-health ul { margin: 4px 0 0; padding-left: 18px; }
.ut-figures { flex: none; margin: 0; display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 6px; }
.ut-figure { background: var(--ut-raise); border-radius: 6px; padding: 4px 6px; min-width: 0; }
.ut-figure dt { font-size: 11px; color: var(--ut-muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.ut-figure dd { margin: 0; font-size: 16px; font-weight: 700; font-variant-numeric: tabular-nums; }
.ut-figure--alarm dd { color: var(--ut-angry); }
.ut-alerts-box { flex: none; max-height: 40%; overflow-y: auto; }
.ut-super-main { display: flex; gap: 10px; flex: 1 1 auto; min-height: 0; }
.ut-super-board { display: flex; flex-direction: column; gap: 6px; flex: 1 1 auto; min-width: 0; min-height: 0; }
.ut-super-board .ut-board { overflow-y: auto; flex: 1 1 auto; min-height: 0; scrollbar-width: thin; }
.ut-super--listening .ut-super-board { display: none; }
.ut-search-input { width: 100%; }
.ut-chat[data-listening="true"] { box-shadow: inset 0 0 0 2px var(--ut-accent); }
.ut-chat-id { color: var(--ut-muted); font-size: 12px; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
@container (min-width: 720px) {
  .ut-super--listening .ut-super-board { display: flex; flex: 0 0 clamp(280px, 38%, 440px); }
}
.ut-filters { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; }
.ut-filters label { display: inline-flex; align-items: center; gap: 4px; font-weight: 600; }
.ut-board { display: flex; flex-direction: column; gap: 4px; border-radius: 6px; padding: 2px; }
.ut-chat { position: relative; border: 1px solid var(--ut-border); border-radius: 6px; padding: 6px 8px; cursor: pointer; background: var(--ut-bg); }
.ut-chat:hover { border-color: var(--ut-accent); }
.ut-board:focus-visible { outline: none; }
.ut-board:focus-visible .ut-chat[aria-selected="true"] { outline: 2px solid var(--ut-focus); outline-offset: 1px; }
.ut-chat[data-tier="0"] { border-left: 4px solid var(--ut-help-edge); }
.ut-chat[data-tier="1"] { border-left: 4px solid var(--ut-angry); }
.ut-chat[data-tier="2"] { border-left: 4px solid var(--ut-risk); }
.ut-chat[data-tier="3"] { border-left: 4px solid var(--ut-accent); }
.ut-chat-line { display: flex; flex-wrap: wrap; gap: 2px 10px; align-items: baseline; }
.ut-chat-customer { font-weight: 650; overflow-wrap: anywhere; }
.ut-chat-agent, .ut-chat-meta, .ut-chat-listeners { color: var(--ut-muted); font-size: 12px; overflow-wrap: anywhere; }
.ut-flag { font-size: 11px; font-weight: 700; border-radius: 8px; padding: 0 6px; }
.ut-flag--help { color: var(--ut-help-fg); background: var(--ut-help-bg); border: 1px solid var(--ut-help-edge); }
.ut-mood { font-size: 12px; font-weight: 650; }
.ut-mood--good { color: var(--ut-good); }
.ut-mood--neutral { color: var(--ut-neutral); }
.ut-mood--at_risk { color: var(--ut-risk); }
.ut-mood--angry { color: var(--ut-angry); }
.ut-wait--long { color: var(--ut-angry); font-weight: 650; }
.ut-reasons { display: none; margin-top: 4px; font-size: 12px; color: var(--ut-fg); background: var(--ut-raise); border: 1px solid var(--ut-border); border-radius: 6px; padding: 4px 8px; }
.ut-reasons li { list-style: disc inside; overflow-wrap: anywhere; }
.ut-chat:hover .ut-reasons, .ut-board:focus .ut-chat[aria-selected="true"] .ut-reasons { display: block; }
.ut-alerts { display: flex; flex-direction: column; gap: 4px; }
.ut-alert { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; border-radius: 6px; padding: 4px 8px; background: var(--ut-raise); border-left: 4px solid var(--ut-accent); }
.ut-alert--help { background: var(--ut-help-bg); border-left-color: var(--ut-help-edge); }
.ut-alert--mood_drop { border-left-color: var(--ut-angry); }
.ut-alert-text { flex: 1 1 12em; overflow-wrap: anywhere; }
.ut-listen { display: flex; flex-direction: column; gap: 6px; flex: 1 1 auto; min-width: 0; min-height: 0; }
.ut-listen .ut-transcript { flex: 3 1 0; min-height: 5em; max-height: none; }
.ut-listen .ut-thread { flex: 2 1 0; min-height: 3em; max-height: none; }
.ut-listen .ut-composer { flex: none; }
.ut-msg-sending { font-size: 11px; font-style: italic; color: var(--ut-muted); }
.ut-msg[data-pending="true"] { opacity: .75; }
.ut-listen-head { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; }
.ut-transcript { overflow-y: auto; max-height: 22em; min-height: 4em; border: 1px solid var(--ut-border); border-radius: 6px; padding: 6px; }
.ut-transcript-list { display: flex; flex-direction: column; gap: 4px; }
.ut-line { border-radius: 6px; padding: 3px 8px; background: var(--ut-customer-bg); max-width: 92%; }
.ut-line--agent { background: var(--ut-agent-bg); align-self: flex-end; }
.ut-line--system { background: none; color: var(--ut-system-fg); font-style: italic; align-self: center; }
.ut-line-head { font-size: 11px; font-weight: 700; color: var(--ut-muted); display: flex; gap: 6px; }
.ut-line-text { white-space: pre-wrap; overflow-wrap: anywhere; }
@container (max-width: 400px) {
  .ut-figures { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .ut-listen .ut-mode .ut-hint { display: none; }
}
@media (max-width: 480px) {
  .ut-super { padding: 8px; }
}
@media (prefers-reduced-motion: no-preference) { .ut-chat, .ut-button { transition: border-color .12s; } }
`;
