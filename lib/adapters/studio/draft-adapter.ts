// Turns what the admin clicked in the studio into an adapter draft: one selector per part, generalised where parts
// repeat, with counts and the elements each part finds (for highlighting) and plain-words problems.
import type { AdapterConfig } from '../format/schema.ts';
import { proposeConversationKey, type KeyProposal } from './conversation-key.ts';
import { generaliseRepeated } from './generalise.ts';
import { authorsAreFragile, proposeAuthors, proposeMessageId, proposeText, proposeTime } from './message-parts.ts';
import { isRobust, proposeInside, proposeSelector, type SelectorKind } from './propose-selector.ts';

/** The parts the studio asks the admin to click, in the order it asks. */
export const STUDIO_PARTS = [
  'chatView',
  'customerMessage',
  'agentMessage',
  'systemMessage',
  'replyBox',
  'conversationList',
  'conversationItem',
  'customerName',
  'agentName',
  'whisperThread',
] as const;
export type StudioPart = (typeof STUDIO_PARTS)[number];

/** Parts an adapter cannot do without; the others may be skipped. */
export const REQUIRED_PARTS: readonly StudioPart[] = ['chatView', 'customerMessage', 'agentMessage', 'replyBox', 'customerName', 'whisperThread'];

export type StudioPicks = Partial<Record<StudioPart, Element>>;
export type MountPosition = 'before' | 'after' | 'prepend' | 'append';

export interface DraftFinding {
  /** What the studio reports about one part: the selector it proposes and how many elements that finds. */
  part: StudioPart | 'transcript' | 'messages' | 'conversationKey' | 'messageTime' | 'messageId';
  selector: string;
  kind: SelectorKind | 'address' | 'attribute';
  count: number;
  robust: boolean;
}

export interface StudioDraft {
  /** The adapter as JSON-ready data (validated by the caller with parseAdapterConfig). Null while required parts are missing. */
  adapter: AdapterConfig | null;
  findings: DraftFinding[];
  /** Elements each part finds now, for highlighting on the page. */
  highlights: Partial<Record<StudioPart, Element[]>>;
  key: KeyProposal | null;
  /** What stops a usable adapter, or makes it fragile, in words. */
  problems: string[];
  warnings: string[];
}

export interface DraftOptions {
  url: string;
  id: string;
  name: string;
  whisperPosition: MountPosition;
  checkedAgainst: string;
  /** YYYY-MM-DD */
  checkedOn: string;
}

const WORDS: Record<StudioPart, string> = {
  chatView: 'the chat area',
  customerMessage: 'a customer message',
  agentMessage: 'an agent message',
  systemMessage: 'a system line',
  replyBox: 'the reply box',
  conversationList: 'the conversation list',
  conversationItem: 'one conversation in the list',
  customerName: "the customer's name",
  agentName: "the signed-in agent's name",
  whisperThread: 'where the coaching thread goes',
};

export function partWords(part: StudioPart): string {
  return WORDS[part];
}

/** A site's adapter id from its host: `desk.acme.example` → `desk-acme-example`. */
export function adapterIdFor(url: string): string {
  let host = 'helpdesk';
  try {
    host = new URL(url).hostname;
  } catch {}
  const id = host.toLowerCase().replace(/^www\./, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 55);
  return `${/^[a-z0-9]/.test(id) ? id : `site-${id}`}`.replace(/-+$/, '') || 'helpdesk';
}

/** The pattern of pages an adapter made on `url` applies to: the whole host, any port. */
export function sitePatternFor(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.hostname}/*`;
}

function finding(part: DraftFinding['part'], selector: string, kind: DraftFinding['kind'], count: number): DraftFinding {
  return { part, selector, kind, count, robust: kind === 'address' || kind === 'attribute' || isRobust(kind) };
}

function countOf(doc: Document, selector: string): number {
  try {
    return doc.querySelectorAll(selector).length;
  } catch {
    return 0;
  }
}

/** Builds the adapter from the picks made so far. Never throws on page content. */
export function draftAdapter(doc: Document, picks: StudioPicks, options: DraftOptions): StudioDraft {
  const findings: DraftFinding[] = [];
  const highlights: StudioDraft['highlights'] = {};
  const problems: string[] = [];
  const warnings: string[] = [];
  const single = (part: StudioPart) => {
    const element = picks[part];
    if (!element) return null;
    const proposal = proposeSelector(element);
    findings.push(finding(part, proposal.selector, proposal.kind, countOf(doc, proposal.selector)));
    highlights[part] = [element];
    if (!isRobust(proposal.kind)) warnings.push(fragility(WORDS[part], proposal.kind, proposal.selector));
    return proposal.selector;
  };

  const chatView = single('chatView');
  const replyBox = single('replyBox');
  const agentName = single('agentName');
  const whisper = single('whisperThread');

  // Messages: every message like the clicked ones, inside the chat area (or the whole page without one).
  const scope = picks.chatView ?? doc.body;
  const examples = (['customerMessage', 'agentMessage', 'systemMessage'] as const).flatMap((part) => (picks[part] ? [picks[part]] : []));
  let transcript: AdapterConfig['transcript'] | null = null;
  if (picks.customerMessage && picks.agentMessage) {
    const repeated = generaliseRepeated(examples, scope);
    if (!repeated) problems.push('The clicked messages have nothing in common the studio could use: click the whole message bubble of each.');
    else {
      const [customer, agent, system] = repeated.examples;
      highlights.customerMessage = [customer!];
      highlights.agentMessage = [agent!];
      if (system) highlights.systemMessage = [system];
      findings.push(finding('transcript', repeated.containerSelector.selector, repeated.containerSelector.kind, 1));
      findings.push(finding('messages', repeated.selector, repeated.kind, repeated.elements.length));
      if (!isRobust(repeated.kind)) warnings.push(fragility('messages', repeated.kind, repeated.selector));
      const authors = proposeAuthors({ customer: customer!, agent: agent!, ...(system ? { system } : {}) }, repeated.elements);
      if (!authors) problems.push('Customer and agent messages look the same to the studio: nothing on the page tells them apart.');
      else if (authorsAreFragile(authors)) warnings.push('Authors are told apart by generated class names: check them again after the helpdesk\'s next release.');
      const peers = repeated.elements;
      const clicked = picks.customerMessage;
      const text = proposeText(clicked, customer!, peers);
      const time = proposeTime(customer!, peers) ?? proposeTime(agent!, peers);
      const id = proposeMessageId(peers);
      if (time) findings.push(finding('messageTime', typeof time.rule.value === 'string' ? time.rule.value : `${time.rule.value.selector ?? '(message)'} [${time.rule.value.attribute}]`, 'attribute', peers.filter((m) => time.element === m || m.querySelector(typeof time.rule.value === 'string' ? time.rule.value : (time.rule.value.selector ?? '*'))).length));
      if (id) findings.push(finding('messageId', `[${id.attribute}]`, 'attribute', peers.length));
      else warnings.push('The messages carry no id of their own: an edited message will be seen as removed and added again.');
      // The time shown inside the message words is not part of them.
      const timeInside = time && time.element !== customer && (!text || customer!.querySelector(text.selector)?.contains(time.element));
      const timeSelector = time && time.element !== customer ? proposeInside(time.element, customer!, peers)?.selector : undefined;
      if (authors) {
        transcript = {
          container: repeated.containerSelector.selector,
          message: repeated.selector,
          ...(id ? { id } : {}),
          author: authors,
          ...(text ? { text: text.selector } : {}),
          ...(time ? { time: time.rule } : {}),
          ...(timeInside && timeSelector ? { ignore: [timeSelector] } : {}),
        } as AdapterConfig['transcript'];
      }
    }
  }

  // The conversation list and its items; the clicked item is the open conversation.
  let conversations: AdapterConfig['conversations'] | undefined;
  const list = single('conversationList');
  const item = picks.conversationItem;
  let activeItem: Element | null = null;
  if (picks.conversationList && item) {
    const repeated = generaliseRepeated([item], picks.conversationList);
    if (!repeated) warnings.push('The clicked conversation was not found as one of a list: the board will show only the open chat.');
    else {
      activeItem = repeated.examples[0]!;
      highlights.conversationItem = repeated.elements;
      findings.push(finding('conversationItem', repeated.selector, repeated.kind, repeated.elements.length));
      if (!isRobust(repeated.kind)) warnings.push(fragility('conversations in the list', repeated.kind, repeated.selector));
      conversations = { container: list!, item: repeated.selector } as AdapterConfig['conversations'];
    }
  }

  const key = picks.chatView ? proposeConversationKey(options.url, picks.chatView, activeItem) : null;
  if (picks.chatView) {
    if (key) findings.push(finding('conversationKey', key.source === 'attribute' ? `${key.key.selector} [${key.key.attribute}]` : `address ${key.source}: ${key.key.pattern}`, key.source === 'attribute' ? 'attribute' : 'address', 1));
    else problems.push('No conversation id was found in the address or on the chat area: open a conversation whose address or page shows its id.');
  }

  let customerName: string | null = null;
  if (picks.customerName) customerName = single('customerName');
  if (conversations && activeItem) {
    const listed = activeItem;
    const nameText = picks.customerName?.textContent?.trim();
    const nameNode = nameText ? [...listed.querySelectorAll('*')].find((node) => node.children.length === 0 && node.textContent?.trim() === nameText) : undefined;
    const inside = nameNode ? proposeInside(nameNode, listed, highlights.conversationItem ?? []) : null;
    const active = proposeActive(listed, highlights.conversationItem ?? []);
    if (key?.listKey && inside) {
      conversations = { ...conversations, key: key.listKey, customer: inside.selector, ...(active ? { active } : {}) } as AdapterConfig['conversations'];
    } else {
      if (!key?.listKey) warnings.push('The conversation list does not show the same id as the open chat: the board will show only the open chat.');
      if (!inside) warnings.push("The customer's name was not found in the clicked conversation of the list: the board will show only the open chat.");
      conversations = undefined;
    }
  }

  for (const part of REQUIRED_PARTS) if (!picks[part]) problems.push(`Click ${WORDS[part]}.`);
  const ready = chatView && replyBox && whisper && customerName && transcript && key && problems.length === 0;
  const adapter: AdapterConfig | null = ready
    ? {
        format: 'undertone-adapter/1',
        id: options.id,
        name: options.name,
        checked: { against: options.checkedAgainst, on: options.checkedOn },
        match: { urls: [sitePatternFor(options.url)], ...(key!.chatUrl ? { chatUrl: key!.chatUrl } : {}) },
        page: { chatView: chatView! },
        ...(agentName ? { agentName } : {}),
        ...(conversations ? { conversations } : {}),
        activeConversation: { key: key!.key, customer: customerName! },
        transcript: transcript!,
        replyBox: { selector: replyBox! },
        mounts: { whisperThread: { selector: whisper!, position: options.whisperPosition } },
      }
    : null;
  return { adapter, findings, highlights, key, problems, warnings };
}

function fragility(what: string, kind: SelectorKind, selector: string): string {
  const how = kind === 'position' ? 'by position on the page' : 'by generated class names';
  return `${what[0]!.toUpperCase()}${what.slice(1)}: found ${how} (${selector}), which may change with the helpdesk's next release.`;
}

/** What marks the open conversation in the list: a state class, aria-current or aria-selected only it has. */
function proposeActive(item: Element, all: readonly Element[]): string | null {
  const others = all.filter((other) => other !== item);
  const candidates: string[] = [];
  for (const name of ['aria-current', 'aria-selected', 'data-active', 'data-selected', 'data-state']) {
    const value = item.getAttribute(name);
    if (value && value !== 'false') candidates.push(`[${name}=${JSON.stringify(value)}]`);
  }
  for (const name of item.classList) if (/^[a-zA-Z_-][\w-]*$/.test(name)) candidates.push(`.${name}`);
  return candidates.find((selector) => item.matches(selector) && others.every((other) => !other.matches(selector))) ?? null;
}
