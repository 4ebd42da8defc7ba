// Watches only what the adapter reads: the chat containers (subtree) and the child lists of their ancestors (to see
// them replaced). Changes inside Undertone's own hosts are ignored; changed messages lose their cached reading.
import type { AdapterConfig } from '../format/schema.ts';
import type { MountKind } from './contract.ts';
import type { PageParts } from './read-page.ts';
import { ruleElement } from './read-value.ts';

export type PageObserverParts = {
  view: Window & typeof globalThis;
  doc: Document;
  /** Is the node one of Undertone's own hosts (or inside one)? */
  owns(node: Node): boolean;
  /** The adapter's message selector now, if any. */
  messageSelector(): string | undefined;
  /** A message element changed: its cached reading is stale. */
  forget(message: Element): void;
  /** Something relevant changed: a pass should follow. */
  changed(): void;
};

export class PageObserver {
  private observed: Node[] = [];
  private readonly observer: MutationObserver;

  constructor(private readonly p: PageObserverParts) {
    this.observer = new p.view.MutationObserver((records) => {
      try {
        if (this.note(records)) p.changed();
      } catch {}
    });
  }

  /** A watched node left the page: the parts must be found again. */
  anyDetached(): boolean {
    return this.observed.some((node) => !node.isConnected);
  }

  /** Applies the changes still queued (without scheduling a pass). */
  takeRecords(): void {
    this.note(this.observer.takeRecords());
  }

  unobserve(): void {
    this.takeRecords();
    this.observer.disconnect();
    this.observed = [];
  }

  disconnect(): void {
    this.observer.disconnect();
  }

  /** Watches the parts found now; nothing changes when they are the same nodes as before. */
  observe(parts: PageParts, config: AdapterConfig, mountKinds: Iterable<MountKind>): void {
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
      const element = ruleElement(rule, this.p.doc);
      add(element, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class', ...attributesOf(rule)] });
    }
    const anchors: (Element | null)[] = [parts.chatView, parts.transcript, parts.conversationList];
    for (const kind of mountKinds) anchors.push(parts.mountTargets[kind]);
    for (const anchor of anchors) {
      for (let node = anchor?.parentNode ?? null; node && node !== this.p.doc; node = node.parentNode) add(node, { childList: true });
    }
    const nodes = [...targets.keys()];
    if (nodes.length === this.observed.length && nodes.every((node, index) => node === this.observed[index])) return;
    this.unobserve();
    for (const [node, init] of targets) this.observer.observe(node, init);
    this.observed = nodes;
  }

  /** Forgets cached readings of message elements a mutation touched; true when any change was the page's own. */
  private note(records: readonly MutationRecord[]): boolean {
    let relevant = false;
    const messageSelector = this.p.messageSelector();
    for (const record of records) {
      if (this.p.owns(record.target)) continue;
      if (record.type === 'childList') {
        const changed = [...record.addedNodes, ...record.removedNodes];
        if (changed.length > 0 && changed.every((node) => this.p.owns(node))) continue;
      }
      relevant = true;
      if (!messageSelector) continue;
      const element = record.target.nodeType === 1 ? (record.target as Element) : record.target.parentElement;
      const message = element?.closest(messageSelector);
      if (message) this.p.forget(message);
    }
    return relevant;
  }
}
