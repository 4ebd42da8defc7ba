// HTML documents of the demo helpdesk: the sign-in page and the agent desk shell the app renders into.
import type { DemoAgent } from './cast.ts';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const head = (title: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><link rel="stylesheet" href="/assets/desk.css"></head>`;

export function signInPage(agents: readonly DemoAgent[]): string {
  const options = agents
    .map((agent) => `<button class="nw-signin__agent" name="agent" value="${escapeHtml(agent.id)}">${escapeHtml(agent.name)}</button>`)
    .join('');
  return `${head('Sign in · Northwind Desk')}
<body class="nw-signin"><main class="nw-signin__card"><h1>Northwind Desk</h1><p>Sign in as</p>
<form method="post" action="/signin">${options}</form></main></body></html>`;
}

export function deskPage(agent: DemoAgent): string {
  return `${head('Inbox · Northwind Desk')}
<body><div id="desk" data-agent-id="${escapeHtml(agent.id)}" data-agent-name="${escapeHtml(agent.name)}"></div>
<script type="module" src="/assets/desk.js"></script></body></html>`;
}
