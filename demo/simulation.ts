// The demo helpdesk's world: agents' conversations with simulated customers who write at random (seeded) intervals,
// some angry; chats start, end, get edited. Everything is also drivable on demand for tests.
import { ANGRY_LINES, CALM_LINES, CUSTOMER_NAMES, DEMO_AGENTS, GOODBYES, OPENERS, TOPICS } from './cast.ts';
import { seededRandom, type SeededRandom } from './seeded-random.ts';

export interface DemoMessage {
  id: string;
  author: 'customer' | 'agent' | 'system';
  text: string;
  at: number;
  edited: boolean;
  deleted: boolean;
}

export interface DemoConversation {
  id: string;
  agentId: string;
  customer: string;
  angry: boolean;
  topic: string;
  status: 'open' | 'ended';
  startedAt: number;
  messages: DemoMessage[];
}

/** What an agent's page is told: a conversation changed (full copy), was closed, or the page should reload all. */
export type DemoEvent =
  | { type: 'conversation'; conversation: DemoConversation }
  | { type: 'removed'; conversationId: string }
  | { type: 'resync' };

export interface DemoSimulationOptions {
  seed?: number;
  /** Customers act on their own at random intervals (default true). */
  autoplay?: boolean;
  /** Multiplies every random delay (default 1; 0.1 is ten times faster). */
  pace?: number;
  now?: () => number;
}

export class DemoSimulation {
  private random: SeededRandom;
  private readonly conversations = new Map<string, DemoConversation>();
  private readonly listeners = new Map<string, Set<(event: DemoEvent) => void>>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private nextConversation = 1040;
  private nextMessage = 1;
  private autoplay: boolean;
  private readonly pace: number;
  private readonly now: () => number;
  private loop: ReturnType<typeof setTimeout> | null = null;

  constructor(options: DemoSimulationOptions = {}) {
    this.random = seededRandom(options.seed ?? 1);
    this.autoplay = options.autoplay ?? true;
    this.pace = options.pace ?? 1;
    this.now = options.now ?? (() => Date.now());
    this.populate();
    if (this.autoplay) this.scheduleLoop();
  }

  /** Receives the events for one agent's conversations; returns the unsubscribe function. */
  listen(agentId: string, listener: (event: DemoEvent) => void): () => void {
    let set = this.listeners.get(agentId);
    if (!set) {
      set = new Set();
      this.listeners.set(agentId, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  conversationsOf(agentId: string): DemoConversation[] {
    return [...this.conversations.values()].filter((conversation) => conversation.agentId === agentId).map(copy);
  }

  all(): DemoConversation[] {
    return [...this.conversations.values()].map(copy);
  }

  isPlaying(): boolean {
    return this.autoplay;
  }

  pause(): void {
    this.autoplay = false;
    if (this.loop) clearTimeout(this.loop);
    this.loop = null;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  resume(): void {
    if (this.autoplay) return;
    this.autoplay = true;
    this.scheduleLoop();
  }

  /** Starts over with a new seed: every agent gets a fresh set of chats. */
  reset(seed: number): void {
    this.pause();
    this.random = seededRandom(seed);
    this.conversations.clear();
    this.nextConversation = 1040;
    this.nextMessage = 1;
    this.populate();
    this.broadcastAll({ type: 'resync' });
  }

  /** Tells every page to reload its state and re-render from scratch (every node replaced). */
  resync(): void {
    this.broadcastAll({ type: 'resync' });
  }

  startConversation(agentId: string, options: { customer?: string; angry?: boolean; topic?: string } = {}): DemoConversation {
    if (!DEMO_AGENTS.some((agent) => agent.id === agentId)) throw new Error(`unknown agent "${agentId}"`);
    const topic = options.topic ?? this.random.pick(TOPICS);
    const conversation: DemoConversation = {
      id: `c-${this.nextConversation++}`,
      agentId,
      customer: options.customer ?? this.random.pick(CUSTOMER_NAMES),
      angry: options.angry ?? this.random.chance(0.35),
      topic,
      status: 'open',
      startedAt: this.now(),
      messages: [],
    };
    this.conversations.set(conversation.id, conversation);
    const agentName = DEMO_AGENTS.find((agent) => agent.id === agentId)?.name ?? agentId;
    this.append(conversation, 'system', `Chat assigned to ${agentName}`);
    const opener = this.random.pick(OPENERS[topic] ?? OPENERS.order ?? ['Hello?']);
    this.append(conversation, 'customer', opener.replace('{n}', String(this.random.between(4000, 9999))));
    this.publish(conversation);
    return copy(conversation);
  }

  /** The customer writes (a line in character when no text is given). */
  customerWrites(conversationId: string, text?: string): DemoMessage {
    const conversation = this.open(conversationId);
    const line = text ?? this.random.pick(conversation.angry ? ANGRY_LINES : CALM_LINES);
    const message = this.append(conversation, 'customer', line);
    this.publish(conversation);
    return { ...message };
  }

  agentReplies(agentId: string, conversationId: string, text: string): DemoMessage {
    const conversation = this.open(conversationId);
    if (conversation.agentId !== agentId) throw new Error(`conversation ${conversationId} belongs to another agent`);
    const clean = text.trim().slice(0, 4000);
    if (!clean) throw new Error('a reply needs some text');
    const message = this.append(conversation, 'agent', clean);
    this.publish(conversation);
    if (this.autoplay) {
      this.after(this.random.between(3000, 9000), () => {
        if (conversation.status === 'open' && this.conversations.has(conversation.id)) this.customerWrites(conversation.id);
      });
    }
    return { ...message };
  }

  editMessage(conversationId: string, messageId: string, text: string): DemoMessage {
    const message = this.message(conversationId, messageId);
    message.text = text;
    message.edited = true;
    this.publish(this.find(conversationId));
    return { ...message };
  }

  deleteMessage(conversationId: string, messageId: string): DemoMessage {
    const message = this.message(conversationId, messageId);
    message.deleted = true;
    message.text = '';
    this.publish(this.find(conversationId));
    return { ...message };
  }

  /** The customer leaves: the chat stays listed as ended until the agent closes it. */
  endConversation(conversationId: string): DemoConversation {
    const conversation = this.open(conversationId);
    this.append(conversation, 'customer', this.random.pick(GOODBYES));
    this.append(conversation, 'system', `${conversation.customer} left the chat`);
    conversation.status = 'ended';
    this.publish(conversation);
    if (this.autoplay) this.after(30_000, () => this.conversations.has(conversationId) && this.closeConversation(conversationId));
    return copy(conversation);
  }

  closeConversation(conversationId: string): void {
    const conversation = this.find(conversationId);
    this.conversations.delete(conversationId);
    this.emit(conversation.agentId, { type: 'removed', conversationId });
  }

  stop(): void {
    this.pause();
    this.listeners.clear();
  }

  private populate(): void {
    for (const agent of DEMO_AGENTS) {
      for (let index = 0; index < 3; index++) {
        const conversation = this.startConversation(agent.id, { angry: index === 1 });
        const stored = this.find(conversation.id);
        const history = this.random.between(1, 4);
        for (let turn = 0; turn < history; turn++) {
          this.append(stored, 'agent', this.random.pick(['Let me check that for you.', 'Thanks for waiting.', 'I am looking into it now.']));
          this.append(stored, 'customer', this.random.pick(stored.angry ? ANGRY_LINES : CALM_LINES));
        }
      }
    }
  }

  /** One random step of the world, then the next one after a random delay. */
  private scheduleLoop(): void {
    if (!this.autoplay) return;
    this.loop = setTimeout(() => {
      try {
        this.step();
      } finally {
        this.scheduleLoop();
      }
    }, this.random.between(1500, 6000) * this.pace);
  }

  private step(): void {
    const open = [...this.conversations.values()].filter((conversation) => conversation.status === 'open');
    const roll = this.random.next();
    if (roll < 0.1 || open.length === 0) {
      const agent = this.random.pick(DEMO_AGENTS);
      if (this.conversationsOf(agent.id).length < 5) this.startConversation(agent.id);
      return;
    }
    const conversation = this.random.pick(open);
    if (roll < 0.16 && conversation.messages.length >= 8) {
      this.endConversation(conversation.id);
      return;
    }
    if (roll < 0.22) {
      const last = [...conversation.messages].reverse().find((message) => message.author === 'customer' && !message.deleted);
      if (last && !last.edited) {
        this.editMessage(conversation.id, last.id, `${last.text} (edited: sorry, typo)`);
        return;
      }
    }
    this.customerWrites(conversation.id);
  }

  private after(delay: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, delay * this.pace);
    this.timers.add(timer);
  }

  private append(conversation: DemoConversation, author: DemoMessage['author'], text: string): DemoMessage {
    const message: DemoMessage = { id: `m-${this.nextMessage++}`, author, text, at: this.now(), edited: false, deleted: false };
    conversation.messages.push(message);
    return message;
  }

  private find(conversationId: string): DemoConversation {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new Error(`no conversation "${conversationId}"`);
    return conversation;
  }

  private open(conversationId: string): DemoConversation {
    const conversation = this.find(conversationId);
    if (conversation.status !== 'open') throw new Error(`conversation ${conversationId} has ended`);
    return conversation;
  }

  private message(conversationId: string, messageId: string): DemoMessage {
    const message = this.find(conversationId).messages.find((candidate) => candidate.id === messageId);
    if (!message) throw new Error(`no message "${messageId}" in ${conversationId}`);
    return message;
  }

  private publish(conversation: DemoConversation): void {
    this.emit(conversation.agentId, { type: 'conversation', conversation: copy(conversation) });
  }

  private emit(agentId: string, event: DemoEvent): void {
    for (const listener of this.listeners.get(agentId) ?? []) listener(event);
  }

  private broadcastAll(event: DemoEvent): void {
    for (const set of this.listeners.values()) for (const listener of set) listener(event);
  }
}

function copy(conversation: DemoConversation): DemoConversation {
  return { ...conversation, messages: conversation.messages.map((message) => ({ ...message })) };
}
