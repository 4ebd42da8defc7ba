// The adapter engine: follows a helpdesk page through an adapter and reports status, conversations and transcript
// events. Observers watch only the chat containers (and their ancestors' child lists); work is batched.
import type { AdapterConfig } from '../format/schema.ts';
import type { ConversationInfo, EngineStatus, MountKind, PageInspection, TranscriptUpdate } from './contract.ts';
import { ConversationTracker } from './conversation-tracker.ts';
import { findAdapter } from './find-adapter.ts';
import { isPlaced, placeHost } from './mounts.ts';
import { readTranscript, type MessageReading } from './read-message.ts';
import { findConversationItems, inspectPage, isChatUrl, readPageParts, type PageParts } from './read-page.ts';
import { ruleElement } from './read-value.ts';
import { insertIntoReplyBox, type ReplyInsertMode, type ReplyInsertResult } from './reply-box.ts';
import { TranscriptTracker } from './transcript-tracker.ts';

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
  /** The conversation list's items by conversation key, as the page shows them now (empty without a list). */
  conversationItems(): Map<string, Element>;
  /** Keeps `host` at the adapter's place for `kind` (re-placing it after re-renders). Returns whether it is placed. */
  mount(kind: MountKind, host: HTMLElement): boolean;
  unmount(kind: MountKind): void;
  /** Processes pending page changes now instead of after the batch delay. */
  flush(): void;
  /** Stops observing and removes mounted hosts. */
  stop(): void;
}

interface ObservedParts {
  nodes: Node[];
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
  const settleMs = options.settleMs ?? 400;

  let adapter: AdapterConfig | null = null;
  let status: EngineStatus = { state: 'inactive' };
  let statusJson = JSON.stringify(status);
  let lastUrl = '';
  let missingSince: number | null = null;
  let activeKey: string | null = null;
  let tracker: TranscriptTracker | null = null;
  let edges: [Element | null, Element | null] = [null, null];
  let switching: { key: string; since: number } | null = null;
  let conversationList: ConversationInfo[] = [];
  let conversationsJson = '';
  let readings = new WeakMap<Element, MessageReading>();
  let observed: ObservedParts = { nodes: [] };
  let timer: number | null = null;
  let stopped = false;
  const conversations = new ConversationTracker();
  const hosts = new Map<MountKind, HTMLElement>();
  const placed: Record<MountKind, boolean> = { whisperThread: false, supervisorPanel: false };

  function emit<T>(callback: ((value: T) => void) | undefined, value: T): void {
    if (!callback) return;
    try {
      callback(value);
    } catch (error) {
      console.error('Undertone: a listener of the adapter engine failed:', error);
    }
  }

  function setStatus(next: EngineStatus): void {
    const json = JSON.stringify(next);
    if (json === statusJson) return;
    status = next;
    statusJson = json;
    emit(options.onStatus, next);
  }

  function isOwnHost(node: Node): boolean {
    for (const host of hosts.values()) if (host === node || host.contains(node)) return true;
    return false;
  }

  /** Forgets cached readings of message elements a mutation touched, then schedules a pass. */
  function noteMutations(records: readonly MutationRecord[]): boolean {
    let relevant = false;
    const messageSelector = adapter?.transcript.message;
    for (const record of records) {
      if (isOwnHost(record.target)) continue;
      if (record.type === 'childList') {
        const changed = [...record.addedNodes, ...record.removedNodes];
        if (changed.length > 0 && changed.every(isOwnHost)) continue;
      }
      relevant = true;
      if (!messageSelector) continue;
      const element = record.target.nodeType === 1 ? (record.target as Element) : record.target.parentElement;
      const message = element?.closest(messageSelector);
      if (message) readings.delete(message);
    }
    return relevant;
  }

  function schedule(delay = batchMs): void {
    if (stopped || timer !== null) return;
    timer = view.setTimeout(pass, delay);
  }

  const observer = new view.MutationObserver((records) => {
    try {
      if (noteMutations(records)) schedule();
    } catch {}
  });

  function unobserve(): void {
    noteMutations(observer.takeRecords());
    observer.disconnect();
    observed = { nodes: [] };
  }

  /** Watches the chat containers (subtree) and the child lists of their ancestors (to see them replaced). */
  function observe(parts: PageParts, config: AdapterConfig): void {
    const targets = new Map<Node, MutationObserverInit>();
    const add = (node: Node | null, init: MutationObserverInit) => {
      if (!node) return;
      const previous = targets.get(node);
      if (!previous) {
        targets.set(node, init);
        return;
      }
      const filter = [...(previous.attributeFilter ?? []), ...(init.attributeFilter ?? [])];
      targets.set(node, {
        childList: previous.childList || init.childList,
        subtree: previous.subtree || init.subtree,
        characterData: previous.characterData || init.characterData,
        attributes: previous.attributes || init.attributes,
        ...(previous.attributes || init.attributes ? { attributeFilter: [...new Set(filter)] } : {}),
      });
    };
    const attributesOf = (...rules: unknown[]) =>
      rules.flatMap((rule) => (rule && typeof rule === 'object' && 'attribute' in rule && typeof rule.attribute === 'string' ? [rule.attribute] : []));
    const transcriptAttributes = ['class', ...attributesOf(config.transcript.id, config.transcript.text, config.transcript.time?.value)];
    add(parts.transcript, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: transcriptAttributes });
    if (config.conversations) {
      const listAttributes = ['class', 'aria-selected', 'aria-current', ...attributesOf(config.conversations.key, config.conversations.customer)];
      add(parts.conversationList, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: listAttributes });
    }
    for (const rule of [config.activeConversation.key, config.activeConversation.customer, config.agentName]) {
      if (!rule) continue;
      const element = ruleElement(rule, doc);
      add(element, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class', ...attributesOf(rule)] });
    }
    const anchors: (Element | null)[] = [parts.chatView, parts.transcript, parts.conversationList];
    for (const kind of hosts.keys()) anchors.push(parts.mountTargets[kind]);
    for (const anchor of anchors) {
      for (let node = anchor?.parentNode ?? null; node && node !== doc; node = node.parentNode) add(node, { childList: true });
    }
    const nodes = [...targets.keys()];
    if (nodes.length === observed.nodes.length && nodes.every((node, index) => node === observed.nodes[index])) return;
    unobserve();
    for (const [node, init] of targets) observer.observe(node, init);
    observed = { nodes };
  }

  function setPlaced(kind: MountKind, value: boolean): void {
    if (placed[kind] === value) return;
    placed[kind] = value;
    emit((state: boolean) => options.onMountChange?.(kind, state), value);
  }

  function placeMounts(parts: PageParts, config: AdapterConfig): void {
    for (const [kind, host] of hosts) {
      const rule = config.mounts[kind];
      const target = parts.mountTargets[kind];
      if (!rule || !target) {
        if (host.isConnected) host.remove();
        setPlaced(kind, false);
        continue;
      }
      if (!isPlaced(host, target, rule)) placeHost(host, target, rule);
      setPlaced(kind, host.isConnected);
    }
  }

  function endConversation(): void {
    activeKey = null;
    tracker = null;
    switching = null;
    edges = [null, null];
  }

  function reset(): void {
    unobserve();
    endConversation();
    readings = new WeakMap();
  }

  function publishConversations(parts: PageParts, time: number): void {
    const list = conversations.list(parts.conversations, parts.active, time);
    const json = JSON.stringify(list);
    if (json === conversationsJson) return;
    conversationsJson = json;
    conversationList = list;
    emit(options.onConversations, list);
  }

  function followTranscript(parts: PageParts, config: AdapterConfig, time: number): boolean {
    const container = parts.transcript;
    const key = parts.active?.key;
    if (!container || !key) return true;
    const elements = container.querySelectorAll(config.transcript.message);
    const currentEdges: [Element | null, Element | null] = [elements[0] ?? null, elements[elements.length - 1] ?? null];
    if (key !== activeKey) {
      // Right after a switch the page may still show the previous chat's messages: wait until they are replaced.
      if (activeKey !== null && currentEdges[0] === edges[0] && currentEdges[1] === edges[1]) {
        if (!switching || switching.key !== key) switching = { key, since: time };
        if (time - switching.since < settleMs) {
          schedule(settleMs);
          return false;
        }
      }
      switching = null;
      activeKey = key;
      tracker = new TranscriptTracker(config.transcript.virtualised ?? false);
      const reading = readTranscript(container, config.transcript, doc, time, readings);
      tracker.update(reading.messages, [], time);
      edges = currentEdges;
      conversations.observeTranscript(key, tracker.messages(), time);
      emit(options.onTranscript, { conversationKey: key, snapshot: true, messages: tracker.snapshot() });
      return true;
    }
    if (!tracker) return true;
    edges = currentEdges;
    const reading = readTranscript(container, config.transcript, doc, time, readings);
    const events = tracker.update(reading.messages, reading.deletedIds, time);
    if (events.length > 0) {
      conversations.observeTranscript(key, tracker.messages(), time);
      emit(options.onTranscript, { conversationKey: key, snapshot: false, events });
    }
    return true;
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
      unobserve();
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
      observe(parts, adapter);
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
          reason: `This helpdesk page is not recognised: not found: ${parts.missing.join(', ')}.`,
        });
      }
      return;
    }
    missingSince = null;
    observe(parts, adapter);
    placeMounts(parts, adapter);
    if (parts.noConversation) endConversation();
    else if (!followTranscript(parts, adapter, time)) return;
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
        reason: `This helpdesk page is not recognised: the adapter failed (${errorText(error)}).`,
      });
    }
  }

  function needsPass(): boolean {
    if ((doc.location?.href ?? doc.URL) !== lastUrl) return true;
    if (status.state === 'searching' || status.state === 'not_recognised') return true;
    if (observed.nodes.some((node) => !node.isConnected)) return true;
    for (const [kind, host] of hosts) if (placed[kind] !== host.isConnected || !host.isConnected) return true;
    return false;
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
    transcript: () => (activeKey && tracker ? { conversationKey: activeKey, snapshot: true, messages: tracker.snapshot() } : null),
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
    mount(kind, host) {
      const previous = hosts.get(kind);
      if (previous && previous !== host) previous.remove();
      hosts.set(kind, host);
      placed[kind] = false;
      pass();
      return placed[kind];
    },
    unmount(kind) {
      hosts.get(kind)?.remove();
      hosts.delete(kind);
      placed[kind] = false;
    },
    flush() {
      noteMutations(observer.takeRecords());
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
      for (const host of hosts.values()) host.remove();
      hosts.clear();
    },
  };
}
