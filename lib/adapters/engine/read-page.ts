// One read of a helpdesk page through an adapter: which parts exist, the active conversation, the listed ones.
// inspectPage() adds the transcript and counts: what the selector tester shows an admin.
import type { HealthPart } from '../../protocol/adapter-health.ts';
import type { AdapterConfig } from '../format/schema.ts';
import type { Author, MountKind, PageConversation, PageInspection } from './contract.ts';
import { matchesOrContains, readTranscript } from './read-message.ts';
import { readValue, regexFor } from './read-value.ts';

/** The page parts an adapter points at, as found right now. */
export interface PageParts {
  chatUrl: boolean;
  chatView: Element | null;
  /** The page shows its "no conversation open" state. */
  noConversation: boolean;
  transcript: Element | null;
  conversationList: Element | null;
  replyBox: Element | null;
  mountTargets: Record<MountKind, Element | null>;
  active: { key: string; customer: string } | null;
  agentName: string | null;
  conversations: PageConversation[] | null;
  missing: string[];
  /** The same required parts as `missing`, by name. */
  missingParts: HealthPart[];
  warnings: string[];
}

function quoted(selector: string): string {
  return JSON.stringify(selector);
}

/** True when the adapter does not restrict chat views by URL, or the URL is one. */
export function isChatUrl(adapter: AdapterConfig, url: string): boolean {
  if (!adapter.match.chatUrl) return true;
  return regexFor(adapter.match.chatUrl)?.test(url) ?? false;
}

/** The conversation list's items with their keys, first item per key, in page order. */
function conversationItems(adapter: AdapterConfig, list: Element, doc: Document): { item: Element; key: string }[] {
  const rule = adapter.conversations;
  if (!rule) return [];
  const found: { item: Element; key: string }[] = [];
  const keys = new Set<string>();
  for (const item of list.querySelectorAll(rule.item)) {
    const key = readValue(rule.key, item, doc)?.slice(0, 200);
    if (!key || keys.has(key)) continue;
    keys.add(key);
    found.push({ item, key });
  }
  return found;
}

/** The list item of each listed conversation, by key (for showing counts beside them). */
export function findConversationItems(adapter: AdapterConfig, doc: Document): Map<string, Element> {
  const list = adapter.conversations ? doc.querySelector(adapter.conversations.container) : null;
  return new Map(list ? conversationItems(adapter, list, doc).map(({ item, key }) => [key, item]) : []);
}

function readConversations(adapter: AdapterConfig, list: Element, doc: Document): PageConversation[] {
  const rule = adapter.conversations;
  if (!rule) return [];
  const result: PageConversation[] = [];
  for (const { item, key } of conversationItems(adapter, list, doc)) {
    result.push({
      key: key.slice(0, 200),
      customer: (readValue(rule.customer, item, doc) ?? '').slice(0, 200),
      active: rule.active ? matchesOrContains(item, rule.active) : false,
    });
  }
  return result;
}

export function readPageParts(adapter: AdapterConfig, doc: Document): PageParts {
  const url = doc.location?.href ?? doc.URL;
  const missing: string[] = [];
  const missingParts: HealthPart[] = [];
  const warnings: string[] = [];
  const chatUrl = isChatUrl(adapter, url);
  const chatView = doc.querySelector(adapter.page.chatView);
  if (!chatView) {
    missing.push(`chat view marker ${quoted(adapter.page.chatView)}`);
    missingParts.push('chat_view');
  }
  const noConversation = Boolean(chatView && adapter.page.noConversation && doc.querySelector(adapter.page.noConversation));
  const transcript = noConversation ? null : doc.querySelector(adapter.transcript.container);
  if (!transcript && !noConversation) {
    missing.push(`transcript container ${quoted(adapter.transcript.container)}`);
    missingParts.push('transcript');
  }

  const key = noConversation ? null : readValue(adapter.activeConversation.key, doc, doc);
  const customer = key ? readValue(adapter.activeConversation.customer, doc, doc) : null;
  if (!key && !noConversation) {
    missing.push('active conversation key');
    missingParts.push('conversation_key');
  }
  if (key && !customer) warnings.push('active conversation customer name not found');
  const active = key ? { key: key.slice(0, 200), customer: (customer ?? '').slice(0, 200) } : null;

  let conversationList: Element | null = null;
  let conversations: PageConversation[] | null = null;
  if (adapter.conversations) {
    conversationList = doc.querySelector(adapter.conversations.container);
    if (conversationList) conversations = readConversations(adapter, conversationList, doc);
    else warnings.push(`conversation list ${quoted(adapter.conversations.container)} not found`);
  }

  const replyBox = doc.querySelector(adapter.replyBox.selector);
  if (!replyBox) warnings.push(`reply box ${quoted(adapter.replyBox.selector)} not found`);
  const whisper = doc.querySelector(adapter.mounts.whisperThread.selector);
  if (!whisper) warnings.push(`whisper thread place ${quoted(adapter.mounts.whisperThread.selector)} not found`);
  const panelRule = adapter.mounts.supervisorPanel;
  const panel = panelRule ? doc.querySelector(panelRule.selector) : null;
  if (panelRule && !panel) warnings.push(`supervisor panel place ${quoted(panelRule.selector)} not found`);

  const agentName = adapter.agentName ? readValue(adapter.agentName, doc, doc) : null;
  if (adapter.agentName && !agentName) warnings.push('agent name not found');

  return {
    chatUrl,
    chatView,
    noConversation,
    transcript,
    conversationList,
    replyBox,
    mountTargets: { whisperThread: whisper, supervisorPanel: panel },
    active,
    agentName: agentName ? agentName.slice(0, 200) : null,
    conversations,
    missing,
    missingParts,
    warnings,
  };
}

/** What the adapter finds on this document right now (selector tester). Never throws on page content. */
export function inspectPage(adapter: AdapterConfig, doc: Document, now = Date.now()): PageInspection {
  const parts = readPageParts(adapter, doc);
  const messages = parts.transcript ? readTranscript(parts.transcript, adapter.transcript, doc, now).messages : null;
  const counts: Record<Author, number> = { customer: 0, agent: 0, system: 0 };
  for (const message of messages ?? []) counts[message.author] += 1;
  if (messages && messages.length === 0) parts.warnings.push('no messages found in the transcript container');
  return {
    adapterId: adapter.id,
    chatUrl: parts.chatUrl,
    chatView: parts.chatView !== null,
    agentName: parts.agentName,
    conversations: parts.conversations,
    active: parts.active,
    messages,
    counts,
    replyBox: parts.replyBox !== null,
    mounts: { whisperThread: parts.mountTargets.whisperThread !== null, supervisorPanel: parts.mountTargets.supervisorPanel !== null },
    missing: parts.chatUrl ? parts.missing : ['a chat view URL (match.chatUrl)', ...parts.missing],
    warnings: parts.warnings,
  };
}
