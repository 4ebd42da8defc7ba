// The studio window's own look, on top of the shared page style.
export const STUDIO_CSS = `
.parts { padding-left: 20px; }
.parts li { margin: 8px 0; padding: 6px 8px; border-radius: 6px; border: 1px solid transparent; }
.parts li.active { border-color: #2563eb; background: rgba(37, 99, 235, .08); }
.parts li.picked .part-state { color: #15803d; }
.part-actions button { margin: 4px 6px 0 0; padding: 3px 10px; }
.finding { font-size: 12px; margin-top: 2px; word-break: break-all; }
.fragile { color: #b45309; }
.optional, .hint, .page-name { font-size: 12px; opacity: .8; }
.good { color: #15803d; }
textarea { width: 100%; box-sizing: border-box; font: 12px ui-monospace, monospace; }
.messages { font-size: 12px; padding-left: 18px; }
.messages .author { font-weight: 600; }
.messages .time { opacity: .7; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; font-size: 13px; }
dd { margin: 0; }
`;
