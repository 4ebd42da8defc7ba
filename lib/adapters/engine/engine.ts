// The adapter engine: follows a helpdesk page through an adapter and reports status, conversations and transcript
// events, in batched passes. Watching the page (page-observer.ts), following the transcript (transcript-follower.ts)
// and keeping Undertone's hosts in place (mounted-hosts.ts) are its parts.
import type { AdapterConfig, SendAction } from '../format/schema.ts';
import type { ConversationInfo, EngineStatus, MountKind, PageInspection, PageMessage, TranscriptUpdate } from './contract.ts';
import { ConversationTracker } from './conversation-tracker.ts';
import { findAdapter } from './find-adapter.ts';
import { MountedHosts } from './mounted-hosts.ts';
import { PageObserver } from './page-observer.ts';
import { findConversationItems, inspectPage, isChatUrl, readPageParts, type PageParts } from './read-page.ts';
import { insertIntoReplyBox, type ReplyInsertMode, type ReplyInsertResult } from './reply-box.ts';
import { pressSend, readReplyDraft, sendControlReady, type PressResult } from './reply-send.ts';
import { readTranscript } from './read-message.ts';
import { TranscriptFollower } from './transcript-follower.ts';

export interface AdapterEngineOptions {
  /** Candidate adapters, first match wins: put custom adapters before the built-in ones. */
  adapters: readonly AdapterConfig[];
  document?: Document;
  onStatus?: (status: EngineStatus) => void;
  /** The open conversations (ConversationState without mood), whenever they change. */
  onConversations?: (conversations: ConversationInfo[]) => void;
  /** A snapshot when a conversation becomes active, then incremental add/edit/remove events. */
  onTranscript?: (update: TranscriptUpdate) => void;
  /** A mount host was placed on the page (true) or its place disappeared (false). */
  onMountChange?: (kind: MountKind, placed: boolean) => void;
  /** Delay that batches page mutations into one pass (default 100 ms). */
  batchMs?: number;
  /** Cheap check for navigation and replaced containers (default 1000 ms). */
  heartbeatMs?: number;
  /** How long required parts may be missing before the page counts as not recognised (default 5000 ms). */
  graceMs?: number;
  /** After a chat switch, how long to wait for the old transcript to be replaced (default 400 ms). */
  settleMs?: number;
  now?: () => number;
}

export interface AdapterEngine {
  status(): EngineStatus;
  conversations(): ConversationInfo[];
  /** The active conversation's known messages as a snapshot, or null when there is none. */
  transcript(): TranscriptUpdate | null;
  /** What the adapter finds on the page right now (selector tester); null when no adapter applies. */
  inspect(): PageInspection | null;
  /** Puts text into the reply box without sending it. */
  insertReply(text: string, mode?: ReplyInsertMode): ReplyInsertResult;
  /** The adapter's send action for the reply box, or null when it has none (then Undertone never sends). */
  sendAction(): SendAction | null;
  /** What the reply box holds now, without white space ('' when empty), or null when it is not on the page. */
  replyDraft(): string | null;
  /** Whether the send action can be used now (its button is there and enabled). */
  sendReady(): boolean;
  /** Presses the send action once (click on the button, or Enter in the editor). */
  pressSend(): PressResult;
  /** The transcript's messages as the page shows them now (empty when it is not found). */
  pageMessages(): PageMessage[];
  /** The conversation list's items by conversation key, as the page shows them now (empty without a list). */
  conversationItems(): Map<string, Element>;
  /** The transcript's container as the page has it now, or null. */
  transcriptElement(): Element | null;
  /** Whether `node` is (inside) the helpdesk's reply box. */
  inReplyBox(node: Node | null): boolean;
  /** The adapter's height budget for a mount ("25%" of its column or "240px"); undefined: the default. */
  mountMaxHeight(kind: MountKind): string | undefined;
  /** Keeps `host` at the adapter's place for `kind` (re-placing it after re-renders). Returns whether it is placed. */
  mount(kind: MountKind, host: HTMLElement): boolean;
  unmount(kind: MountKind): void;
  /** Processes pending page changes now instead of after the batch delay. */
  flush(): void;
  /** Stops observing and removes mounted hosts. */
  stop(): void;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createAdapterEngine(options: AdapterEngineOptions): AdapterEngine {
  const doc = options.document ?? document;
  const maybeView = doc.defaultView as (Window & typeof globalThis) | null;
  if (!maybeView) throw new Error('the adapter engine needs a document with a window');
  const view = maybeView;
  const now = options.now ?? (() => Date.now());
  const batchMs = options.batchMs ?? 100;
  const graceMs = options.graceMs ?? 5000;

  let adapter: AdapterConfig | null = null;
  let status: EngineStatus = { state: 'inactive' };
  let statusJson = JSON.stringify(status);
  let lastUrl = '';
  let missingSince: number | null = null;
  let conversationList: ConversationInfo[] = [];
  let conversationsJson = '';
  let timer: number | null = null;
  let stopped = false;

  function emit<T>(callback: ((value: T) => void) | undefined, value: T): void {
    if (!callback) return;
    try {
      callback(value);
    } catch (error) {
      console.error('Undertone: a listener of the adapter engine failed:', error);
    }
  }

  const conversations = new ConversationTracker();
  const hosts = new MountedHosts((kind, placed) => emit((state: boolean) => options.onMountChange?.(kind, state), placed));
  const follower = new TranscriptFollower(doc, options.settleMs ?? 400, conversations, (update) => emit(options.onTranscript, update));
  const observer = new PageObserver({
    view,
    doc,
    owns: (node) => hosts.owns(node),
    messageSelector: () => adapter?.transcript.message,
    forget: (message) => follower.forget(message),
    changed: () => schedule(),
  });

  function setStatus(next: EngineStatus): void {
    const json = JSON.stringify(next);
    if (json === statusJson) return;
    status = next;
    statusJson = json;
    emit(options.onStatus, next);
  }

  function schedule(delay = batchMs): void {
    if (stopped || timer !== null) return;
    timer = view.setTimeout(pass, delay);
  }

  function reset(): void {
    observer.unobserve();
    follower.reset();
  }

  function publishConversations(parts: PageParts, time: number): void {
    const list = conversations.list(parts.conversations, parts.active, time);
    const json = JSON.stringify(list);
    if (json === conversationsJson) return;
    conversationsJson = json;
    conversationList = list;
    emit(options.onConversations, list);
  }

  function passUnsafe(): void {
    const time = now();
    const url = doc.location?.href ?? doc.URL;
    if (url !== lastUrl) {
      lastUrl = url;
      missingSince = time;
    }
    const next = findAdapter(options.adapters, url);
    if (next !== adapter) {
      reset();
      adapter = next;
      missingSince = time;
    }
    if (!adapter) {
      observer.unobserve();
      setStatus({ state: 'inactive' });
      return;
    }
    if (!isChatUrl(adapter, url)) {
      reset();
      setStatus({ state: 'idle', adapterId: adapter.id });
      return;
    }
    const parts = readPageParts(adapter, doc);
    if (parts.missing.length > 0) {
      observer.observe(parts, adapter, hosts.kinds());
      if (missingSince === null) missingSince = time;
      if (time - missingSince < graceMs) {
        setStatus({ state: 'searching', adapterId: adapter.id, missing: parts.missing });
        schedule(Math.max(batchMs, graceMs - (time - missingSince)));
      } else {
        setStatus({
          state: 'not_recognised',
          adapterId: adapter.id,
          adapterName: adapter.name,
          missing: parts.missing,
          parts: parts.missingParts,
          reason: `This helpdesk page is not recognised: not found: ${parts.missing.join(', ')}.`,
        });
      }
      return;
    }
    missingSince = null;
    observer.observe(parts, adapter, hosts.kinds());
    hosts.place(parts, adapter);
    if (parts.noConversation) follower.end();
    else {
      const settleAfter = follower.follow(parts, adapter, time);
      if (settleAfter !== null) {
        schedule(settleAfter);
        return;
      }
    }
    publishConversations(parts, time);
    setStatus({ state: 'recognised', adapterId: adapter.id, adapterName: adapter.name, agentName: parts.agentName });
  }

  function pass(): void {
    if (timer !== null) view.clearTimeout(timer);
    timer = null;
    if (stopped) return;
    try {
      passUnsafe();
    } catch (error) {
      setStatus({
        state: 'not_recognised',
        adapterId: adapter?.id ?? '',
        adapterName: adapter?.name ?? '',
        missing: [],
        parts: ['adapter_run'],
        reason: `This helpdesk page is not recognised: the adapter failed (${errorText(error)}).`,
      });
    }
  }

  function needsPass(): boolean {
    if ((doc.location?.href ?? doc.URL) !== lastUrl) return true;
    if (status.state === 'searching' || status.state === 'not_recognised') return true;
    return observer.anyDetached() || hosts.needsPlacing();
  }

  const heartbeat = view.setInterval(() => {
    try {
      if (needsPass()) schedule(0);
    } catch {}
  }, options.heartbeatMs ?? 1000);
  const onNavigate = () => schedule(0);
  view.addEventListener('popstate', onNavigate);
  view.addEventListener('hashchange', onNavigate);
  const navigation = (view as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener?.('navigatesuccess', onNavigate);

  pass();

  return {
    status: () => status,
    conversations: () => conversationList,
    conversationItems: () => (adapter ? findConversationItems(adapter, doc) : new Map()),
    transcript: () => follower.snapshot(),
    transcriptElement: () => (adapter ? doc.querySelector(adapter.transcript.container) : null),
    inReplyBox(node) {
      const box = adapter ? doc.querySelector(adapter.replyBox.selector) : null;
      return Boolean(box && node && (box === node || box.contains(node)));
    },
    mountMaxHeight: (kind) => adapter?.mounts[kind]?.maxHeight,
    inspect: () => {
      const current = findAdapter(options.adapters, doc.location?.href ?? doc.URL);
      return current ? inspectPage(current, doc, now()) : null;
    },
    insertReply(text, mode = 'append') {
      if (!adapter) return { ok: false, reason: 'no adapter applies to this page' };
      const box = doc.querySelector(adapter.replyBox.selector);
      if (!box) return { ok: false, reason: 'the reply box was not found on this page' };
      try {
        return insertIntoReplyBox(box, text, mode);
      } catch (error) {
        return { ok: false, reason: `the reply box refused the text (${errorText(error)})` };
      }
    },
    sendAction: () => adapter?.replyBox.send ?? null,
    replyDraft: () => (adapter ? readReplyDraft(doc.querySelector(adapter.replyBox.selector)) : null),
    sendReady() {
      const action = adapter?.replyBox.send;
      return Boolean(adapter && action && sendControlReady(action, doc, doc.querySelector(adapter.replyBox.selector)));
    },
    pressSend() {
      const action = adapter?.replyBox.send;
      if (!adapter || !action) return { ok: false, reason: 'the adapter has no send action' };
      try {
        return pressSend(action, doc, doc.querySelector(adapter.replyBox.selector));
      } catch (error) {
        return { ok: false, reason: `the send action failed (${errorText(error)})` };
      }
    },
    pageMessages() {
      const container = adapter ? doc.querySelector(adapter.transcript.container) : null;
      return adapter && container ? readTranscript(container, adapter.transcript, doc, now()).messages : [];
    },
    mount(kind, host) {
      hosts.set(kind, host);
      pass();
      return hosts.isPlaced(kind);
    },
    unmount(kind) {
      hosts.remove(kind);
    },
    flush() {
      observer.takeRecords();
      pass();
    },
    stop() {
      stopped = true;
      if (timer !== null) view.clearTimeout(timer);
      view.clearInterval(heartbeat);
      view.removeEventListener('popstate', onNavigate);
      view.removeEventListener('hashchange', onNavigate);
      navigation?.removeEventListener?.('navigatesuccess', onNavigate);
      observer.disconnect();
      hosts.removeAll();
    },
  };
}
