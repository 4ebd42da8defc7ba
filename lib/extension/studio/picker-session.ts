// The studio's picker in the helpdesk tab: waits for the admin's click on each part, keeps what was picked, builds
// the adapter draft with lib/adapters/studio and checks an adapter with the real engine. Talks to the studio window
// over one port; draws through an overlay it is given (components/studio/page-overlay.ts).
import { createAdapterEngine } from '../../adapters/engine/index.ts';
import type { AdapterConfig } from '../../adapters/format/schema.ts';
import { adapterIdFor, draftAdapter, partWords, STUDIO_PARTS, type MountPosition, type StudioDraft, type StudioPart, type StudioPicks } from '../../adapters/studio/index.ts';
import { adapterNameFor, todayIso } from './naming.ts';
import { StudioCommandSchema, type StudioCheck, type StudioCommand, type StudioEvent, type StudioState } from './studio-messages.ts';

export interface StudioOverlayBox {
  element: Element;
  label: string;
  color: string;
}

export interface StudioOverlay {
  render(boxes: readonly StudioOverlayBox[], hover: StudioOverlayBox | null, instruction: string | null): void;
  remove(): void;
}

const COLORS: Record<StudioPart, string> = {
  chatView: '#64748b',
  customerMessage: '#d97706',
  agentMessage: '#2563eb',
  systemMessage: '#7c3aed',
  replyBox: '#059669',
  conversationList: '#475569',
  conversationItem: '#0891b2',
  customerName: '#db2777',
  agentName: '#4f46e5',
  whisperThread: '#16a34a',
};

type Port = {
  postMessage(message: StudioEvent): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
};

export class PickerSession {
  private picks: StudioPicks = {};
  /** Where each pick was clicked, so "narrower" can walk back towards it. */
  private clicked: StudioPicks = {};
  private skipped = new Set<StudioPart>();
  private picking: StudioPart | null = null;
  private hovered: Element | null = null;
  private name: string;
  private whisperPosition: MountPosition = 'before';
  private draft: StudioDraft | null = null;
  private ports = new Set<Port>();
  private readonly timer: ReturnType<typeof setInterval>;
  private lastJson = '';

  constructor(
    private readonly overlay: StudioOverlay,
    private readonly secret: string,
    private readonly doc: Document = document,
  ) {
    this.name = adapterNameFor(doc.title, doc.location.href);
    this.picking = this.nextPart(null);
    const view = doc.defaultView!;
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'dblclick', 'auxclick']) view.addEventListener(type, this.onPointer, true);
    view.addEventListener('mousemove', this.onMove, true);
    view.addEventListener('keydown', this.onKey, true);
    // Counts follow the page (new messages, a chat switch) while the studio is open.
    this.timer = setInterval(() => this.update(), 1_000);
  }

  /** A studio window connected: it must say the session's secret before anything else. */
  connect(port: Port): void {
    let trusted = false;
    port.onMessage.addListener((raw) => {
      const parsed = StudioCommandSchema.safeParse(raw);
      if (!parsed.success) return port.postMessage({ type: 'error', message: 'The studio sent a request the page does not understand.' });
      const command = parsed.data;
      if (!trusted) {
        if (command.type !== 'hello' || command.secret !== this.secret) return port.postMessage({ type: 'error', message: 'This studio window does not belong to this page: start the studio again from the toolbar.' });
        trusted = true;
        this.ports.add(port);
        this.lastJson = '';
        return this.update();
      }
      if (command.type !== 'hello') this.handle(command, port);
    });
    port.onDisconnect.addListener(() => this.ports.delete(port));
  }

  stop(): void {
    clearInterval(this.timer);
    const view = this.doc.defaultView!;
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click', 'dblclick', 'auxclick']) view.removeEventListener(type, this.onPointer, true);
    view.removeEventListener('mousemove', this.onMove, true);
    view.removeEventListener('keydown', this.onKey, true);
    this.overlay.remove();
  }

  private handle(command: Exclude<StudioCommand, { type: 'hello' }>, port: Port): void {
    switch (command.type) {
      case 'pick':
        this.picking = command.part;
        this.skipped.delete(command.part);
        break;
      case 'skip':
        this.skipped.add(command.part);
        delete this.picks[command.part];
        if (this.picking === command.part) this.picking = this.nextPart(command.part);
        break;
      case 'clear':
        delete this.picks[command.part];
        break;
      case 'wider': {
        const parent = this.picks[command.part]?.parentElement;
        if (parent && parent !== this.doc.body && parent !== this.doc.documentElement) this.picks[command.part] = parent;
        break;
      }
      case 'narrower': {
        const current = this.picks[command.part];
        const origin = this.clicked[command.part];
        if (current && origin && current !== origin) {
          let step: Element = origin;
          while (step.parentElement && step.parentElement !== current) step = step.parentElement;
          this.picks[command.part] = step;
        }
        break;
      }
      case 'stop_picking':
        this.picking = null;
        this.hovered = null;
        break;
      case 'options':
        this.name = command.name;
        this.whisperPosition = command.whisperPosition;
        break;
      case 'check':
        port.postMessage({ type: 'check', result: this.check(command.adapter as AdapterConfig) });
        return;
      case 'close':
        this.stop();
        return;
    }
    this.update(true);
  }

  /** Runs the real adapter engine on this page with the adapter and reports what it reads. */
  private check(adapter: AdapterConfig): StudioCheck {
    const engine = createAdapterEngine({ adapters: [adapter], document: this.doc, graceMs: 0 });
    try {
      engine.flush();
      const inspection = engine.inspect();
      const status = engine.status();
      return {
        status,
        key: inspection?.active?.key ?? null,
        customer: inspection?.active?.customer ?? null,
        agentName: inspection?.agentName ?? null,
        conversations: inspection?.conversations ?? [],
        messages: (inspection?.messages ?? []).slice(-30),
        counts: inspection?.counts ?? { customer: 0, agent: 0, system: 0 },
        missing: inspection?.missing ?? ['no adapter applies to this address'],
        warnings: inspection?.warnings ?? [],
        replyBox: inspection?.replyBox ?? false,
        whisperThread: inspection?.mounts.whisperThread ?? false,
      };
    } finally {
      engine.stop();
    }
  }

  private nextPart(after: StudioPart | null): StudioPart | null {
    const start = after ? STUDIO_PARTS.indexOf(after) + 1 : 0;
    return STUDIO_PARTS.slice(start).find((part) => !this.picks[part] && !this.skipped.has(part)) ?? null;
  }

  private isOwn(target: EventTarget | null): boolean {
    return target instanceof Element && target.localName === 'undertone-studio';
  }

  private readonly onPointer = (event: Event): void => {
    if (!this.picking || this.isOwn(event.target) || !event.isTrusted) return;
    // While picking, the page must not act on the click (follow a link, open a chat, send a reply).
    event.preventDefault();
    event.stopImmediatePropagation();
    if (event.type !== 'click') return;
    const target = event.composedPath().find((node): node is Element => node instanceof Element) ?? null;
    if (!target || target === this.doc.documentElement || target === this.doc.body) return;
    const part = this.picking;
    this.picks[part] = target;
    this.clicked[part] = target;
    this.hovered = null;
    this.picking = this.nextPart(part);
    this.update(true);
  };

  private readonly onMove = (event: MouseEvent): void => {
    if (!this.picking) return;
    const target = event.target instanceof Element && !this.isOwn(event.target) ? event.target : null;
    if (target === this.hovered) return;
    this.hovered = target;
    this.draw();
  };

  private readonly onKey = (event: KeyboardEvent): void => {
    if (this.picking && event.key === 'Escape') {
      event.preventDefault();
      this.picking = null;
      this.hovered = null;
      this.update(true);
    }
  };

  private update(force = false): void {
    const url = this.doc.location.href;
    this.draft = draftAdapter(this.doc, this.picks, {
      url,
      id: adapterIdFor(url),
      name: this.name,
      whisperPosition: this.whisperPosition,
      checkedAgainst: `${this.doc.title || 'the agent chat screen'} (${new URL(url).origin}), taught in the Undertone studio`,
      checkedOn: todayIso(),
    });
    this.draw();
    const state: StudioState = {
      type: 'state',
      url,
      title: this.doc.title,
      picking: this.picking,
      picked: STUDIO_PARTS.filter((part) => this.picks[part]),
      skipped: [...this.skipped],
      name: this.name,
      whisperPosition: this.whisperPosition,
      adapter: this.draft.adapter,
      findings: this.draft.findings,
      key: this.draft.key ? { value: this.draft.key.value, source: this.draft.key.source } : null,
      problems: this.draft.problems,
      warnings: this.draft.warnings,
    };
    const json = JSON.stringify(state);
    if (!force && json === this.lastJson) return;
    this.lastJson = json;
    for (const port of this.ports) port.postMessage(state);
  }

  private draw(): void {
    const boxes: StudioOverlayBox[] = [];
    const highlights = this.draft?.highlights ?? {};
    const counts = new Map((this.draft?.findings ?? []).map((finding) => [finding.part, finding.count]));
    for (const part of STUDIO_PARTS) {
      const elements = highlights[part] ?? (this.picks[part] ? [this.picks[part]] : []);
      const count = part === 'conversationItem' ? counts.get('conversationItem') : undefined;
      for (const element of elements) boxes.push({ element, label: `${partWords(part)}${count ? ` (${count} found)` : ''}`, color: COLORS[part] });
    }
    // Every message the draft finds, beyond the clicked examples.
    const messages = this.draft?.adapter ? [...this.doc.querySelectorAll(this.draft.adapter.transcript.message)] : [];
    const examples = new Set([...(highlights.customerMessage ?? []), ...(highlights.agentMessage ?? []), ...(highlights.systemMessage ?? [])]);
    for (const element of messages) if (!examples.has(element)) boxes.push({ element, label: '', color: '#94a3b8' });
    const hover = this.picking && this.hovered ? { element: this.hovered, label: `${partWords(this.picking)}?`, color: COLORS[this.picking] } : null;
    const messageCount = counts.get('messages');
    const instruction = this.picking
      ? `Undertone studio: click ${partWords(this.picking)}. Esc stops picking.`
      : messageCount !== undefined
        ? `Undertone studio: ${messageCount} messages found. Continue in the studio window.`
        : 'Undertone studio: continue in the studio window.';
    this.overlay.render(boxes, hover, instruction);
  }
}
