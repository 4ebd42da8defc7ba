// The background's one relay connection, from the stored sign-in: connect, sign in (enrollment code or single sign-on), sign
// out, and send (live frames now, durable frames through the outbox); it knows who is signed in and their role.
import { ClientFrameSchema, DEFAULT_LIMITS, describeIssues, type ClientFrame, type ErrorCode, type RelayFrame, type Role } from '../../protocol/index.ts';
import {
  RelayConnection,
  clearClientDb,
  enrollDevice,
  getThread,
  redeemSsoCode,
  type ClientDb,
  type ConnectionStatus,
  type EnrollOutcome,
  type OutboxFrame,
  type RelayUrlOptions,
  type StreamFrame,
  type WebSocketLike,
} from '../../client/index.ts';
import { readAuth, readSignIn, writeAuth } from '../extension-state.ts';
import type { QueueResult, SignInResult, ThreadAnswer } from '../messages.ts';
import { forgetIntents, intentsToReplay, rememberIntent } from '../session-intents.ts';

const DURABLE = new Set(['whisper', 'reply', 'help', 'read', 'customer_send_result']);

/** What the link reports: status changes (null when signed out), relay frames, stream entries, a new welcome. */
export type RelayLinkEvents = {
  status(status: ConnectionStatus | null): Promise<unknown>;
  frame(frame: RelayFrame): Promise<void>;
  /** `status` reads the connection's status when called (after the entry was routed, it may be synced by then). */
  streamEntry(frame: StreamFrame, status: () => ConnectionStatus): void;
  welcomed(): void;
  /** Signed out, or signed in as another person: forget what the previous person's tabs reported. */
  userChanged(): void;
};

export class RelayLink {
  private connection: RelayConnection | null = null;
  userId: string | null = null;
  role: Role | null = null;
  maxFrameBytes = DEFAULT_LIMITS.maxFrameBytes;

  constructor(
    private readonly db: Promise<ClientDb>,
    private readonly events: RelayLinkEvents,
    /** Read at each use: whether policy allows a plain ws:// or http:// relay on the local network. */
    private readonly urlOptions: () => RelayUrlOptions = () => ({}),
  ) {}

  /** The connection's current status; null when signed out. */
  get status(): ConnectionStatus | null {
    return this.connection?.status ?? null;
  }

  /** The connected user as the relay last described it, if connected. */
  get relayUser(): ConnectionStatus['user'] | null {
    return this.connection?.status.user ?? null;
  }

  /** (Re)connects from the stored sign-in; without one, reports signed out. */
  async connect(): Promise<void> {
    this.connection?.stop();
    this.connection = null;
    const auth = await readAuth();
    if (!auth) {
      this.userId = null;
      await this.events.status(null);
      return;
    }
    this.userId = auth.user.id;
    this.role = auth.user.role;
    const db = await this.db;
    const current: RelayConnection = new RelayConnection({
      relayUrl: auth.relayUrl,
      urlOptions: this.urlOptions(),
      token: auth.token,
      db,
      createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
      client: { name: 'undertone-extension', version: browser.runtime.getManifest().version },
      onStatus: (status) => {
        if (this.connection === current) void this.events.status(status);
      },
      onWelcome: (welcome) => {
        this.role = welcome.user.role;
        this.maxFrameBytes = welcome.limits.maxFrameBytes;
        void intentsToReplay().then((frames) => {
          frames.forEach((frame) => current.send(frame));
          this.events.welcomed();
        });
      },
      onStreamEntry: (frame) => this.events.streamEntry(frame, () => current.status),
      onFrame: (frame) => void this.events.frame(frame),
      // A queued send the relay refused for good (say, a customer send the agent no longer allows): the pages that sent
      // it hear the relay's words, with the send's msgId, as they would an error on their own socket.
      onOutboxResult: (result) => {
        if (!result.ok) void this.events.frame({ type: 'error', code: result.code as ErrorCode, message: result.message, msgId: result.key });
      },
    });
    this.connection = current;
    current.start();
  }

  /** Signs in with an enrollment code, or (`codeVerifier` given) with the relay's one-time single sign-on code. */
  async signIn(relayUrl: string, code: string, codeVerifier?: string): Promise<SignInResult> {
    const device = navigator.userAgent.includes('Firefox') ? 'Firefox' : 'Chrome';
    // Single sign-on needs an encrypted relay (or loopback): only enrollment codes work over a plain LAN relay.
    const outcome: EnrollOutcome = codeVerifier
      ? await redeemSsoCode(relayUrl, code, codeVerifier, device)
      : await enrollDevice(relayUrl, code, device, fetch, this.urlOptions());
    if (!outcome.ok) return outcome;
    const previous = await readSignIn();
    if (previous?.user.id !== outcome.enrollment.user.id) {
      this.events.userChanged();
      await clearClientDb(await this.db);
      await forgetIntents();
    }
    const { token, tokenId, user } = outcome.enrollment;
    await writeAuth({ relayUrl: outcome.relayUrl, token, tokenId, user });
    await this.connect();
    return { ok: true, user };
  }

  async signOut(): Promise<void> {
    this.connection?.stop();
    this.connection = null;
    this.userId = null;
    this.role = null;
    this.events.userChanged();
    await writeAuth(null);
    await clearClientDb(await this.db);
    await forgetIntents();
    await this.events.status(null);
  }

  /** Sends a live frame now (false when not connected). */
  sendNow(frame: ClientFrame): boolean {
    return this.connection?.send(frame) ?? false;
  }

  reconnectNow(): void {
    this.connection?.reconnectNow();
  }

  /** Only an agent publishes chat state and transcripts; the relay would refuse them from anyone else. */
  agentSend(frame: ClientFrame): boolean {
    if (this.role !== 'agent' || !this.connection) return false;
    if (frame.type === 'chat_state') void rememberIntent(frame);
    return this.connection.send(frame);
  }

  /** Validates a frame from a page and sends it: `live` now or not at all, otherwise through the outbox. */
  async queue(raw: unknown, live: boolean): Promise<QueueResult> {
    const parsed = ClientFrameSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, message: `That message is not valid: ${describeIssues(parsed.error)}` };
    const frame = parsed.data;
    if (!this.connection) return { ok: false, message: 'Not signed in: sign in from the Undertone options page first.' };
    if (live) {
      await rememberIntent(frame);
      return this.connection.send(frame) ? { ok: true } : { ok: false, message: 'Not connected to the relay right now.' };
    }
    if (!DURABLE.has(frame.type)) return { ok: false, message: `A ${frame.type} frame is not kept in the outbox.` };
    await this.connection.queue(frame as OutboxFrame);
    return { ok: true };
  }

  /** The cached thread at once; a fresh copy from the relay arrives later as a `thread` frame. */
  async thread(agentId: string | undefined, conversationKey: string | null, listenersOf: (key: string) => ThreadAnswer['listeners']): Promise<ThreadAnswer> {
    const owner = agentId ?? this.userId;
    if (!owner) return { messages: [], listeners: [] };
    // An agent names another agent only as a guest of that agent's chat.
    const frame: ClientFrame = { type: 'thread_get', conversationKey, ...(agentId && (this.role !== 'agent' || agentId !== this.userId) ? { agentId } : {}) };
    this.connection?.send(frame);
    const messages = (await getThread(await this.db, owner, conversationKey))?.messages ?? [];
    return { messages, listeners: this.role === 'agent' && conversationKey ? listenersOf(conversationKey) : [] };
  }
}
