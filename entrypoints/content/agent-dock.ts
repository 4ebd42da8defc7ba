// The agent's docked whisper thread in a helpdesk tab: loads the coaching UI on first use, places it at the adapter's
// place within its height budget, keeps it collapsed or expanded as the agent chose (in every chat and after
// reloads), answers the reply box's shortcuts, says when the relay is away, goes at once on sign-out, and pauses
// (one line saying who is who) when the helpdesk page is signed in as someone else than the Undertone user.
import type { ShownStatus } from '../../lib/extension/extension-state.ts';
import type { TabContext } from '../../lib/extension/messages.ts';
import type { AdapterEngine } from '../../lib/adapters/engine/index.ts';
import { AgentThread } from '../../lib/extension/page/agent-thread.ts';
import type { CoachingViewHandle } from '../../lib/extension/page/coaching-ui-contract.ts';
import { dockTexts } from '../../lib/extension/page/dock-texts.ts';
import type { OtherHelpdeskUser } from '../../lib/extension/helpdesk-user.ts';
import { loadCoachingUi } from '../../lib/extension/page/coaching-ui-loader.ts';
import { followThreadCollapsed, readThreadCollapsed, writeThreadCollapsed } from '../../lib/extension/page/thread-preferences.ts';
import { newestSuggestion, threadShortcutOf } from '../../lib/extension/page/thread-shortcuts.ts';
import { fitThread } from '../../components/in-page/thread-fit.ts';

export type AgentDockPage = {
  engine(): AdapterEngine | null;
  conversationKey(): string | null;
};

export class AgentDock {
  readonly thread: AgentThread;
  private view: CoachingViewHandle | null = null;
  private fit: ReturnType<typeof fitThread> | null = null;
  private starting = false;
  private stopped = false;
  private context: TabContext | null = null;
  private status: ShownStatus | null = null;
  private customer: string | null = null;
  private collapsed = true;
  private focusReply = 0;
  /** Set while the helpdesk page is signed in as someone else: the thread is paused. */
  private other: OtherHelpdeskUser | null = null;
  private readonly texts = dockTexts((key, substitutions) => browser.i18n.getMessage(key, substitutions));
  private readonly stopFollowing: () => void;

  constructor(private readonly page: AgentDockPage) {
    this.thread = new AgentThread(() => {
      const user = this.context?.user;
      return user ? { id: user.id, name: user.name, role: user.role } : null;
    }, () => this.render());
    void readThreadCollapsed().then((collapsed) => {
      this.collapsed = collapsed;
      this.render();
    });
    this.stopFollowing = followThreadCollapsed((collapsed) => {
      if (collapsed === this.collapsed) return;
      this.collapsed = collapsed;
      this.render();
    });
    document.addEventListener('keydown', this.onKeyDown, true);
  }

  private get isAgent(): boolean {
    return this.context?.user?.role === 'agent' && this.status?.signedIn !== false;
  }

  setContext(context: TabContext): void {
    const wasPaused = this.other !== null;
    this.context = context;
    this.status = context.status;
    this.other = context.otherHelpdeskUser ?? null;
    if (this.view) this.view.theme = context.theme;
    if (!this.isAgent) this.takeDown();
    else if (this.other && !wasPaused) this.thread.clear();
    else if (!this.other && wasPaused && this.view) void this.thread.show(this.page.conversationKey());
    this.render();
  }

  /** A status from the background: signed out removes the thread from the page at once. */
  setStatus(status: ShownStatus): void {
    this.status = status;
    if (!status.signedIn) {
      this.context = this.context ? { ...this.context, user: null } : null;
      this.takeDown();
      return;
    }
    this.render();
  }

  /** The chat on screen changed. */
  show(conversationKey: string | null, customer: string | null): void {
    this.customer = customer;
    // The same chat with its customer's name read later: only the title changes.
    if (this.isAgent && !this.other && conversationKey !== this.thread.current.conversationKey) void this.thread.show(conversationKey);
    else this.render();
    this.fit?.update();
  }

  /** The page is recognised and the user is an agent: load the UI and dock the thread. */
  start(): void {
    if (this.view || this.starting || !this.isAgent) return;
    this.starting = true;
    void loadCoachingUi().then(
      (ui) => {
        this.starting = false;
        if (this.stopped || !this.isAgent) return;
        this.view ??= ui.createView((key, substitutions) => browser.i18n.getMessage(key, substitutions));
        if (this.context) this.view.theme = this.context.theme;
        const host = this.view.agentHost.host;
        this.page.engine()?.mount('whisperThread', host);
        this.fit = fitThread(host, {
          budget: () => this.page.engine()?.mountMaxHeight('whisperThread'),
          transcript: () => this.page.engine()?.transcriptElement() ?? null,
        });
        this.fit.update();
        if (this.other) this.render();
        else void this.thread.show(this.page.conversationKey());
      },
      (error: unknown) => {
        this.starting = false;
        console.warn('Undertone could not show coaching on this page:', error);
      },
    );
  }

  stop(): void {
    this.stopped = true;
    this.stopFollowing();
    document.removeEventListener('keydown', this.onKeyDown, true);
    this.takeDown();
  }

  /** Removes the thread from the page and forgets what it showed (sign-out, or no longer an agent). */
  private takeDown(): void {
    this.fit?.stop();
    this.fit = null;
    this.page.engine()?.unmount('whisperThread');
    this.view?.remove();
    this.view = null;
    this.thread.clear();
  }

  private render(): void {
    const self = this.context?.user?.id;
    if (!self || !this.isAgent || !this.view) return;
    if (this.other) return this.view.renderPaused(this.texts.otherHelpdeskUser(this.other));
    const state = this.thread.current;
    const away = this.status !== null && this.status.signedIn && this.status.state !== 'connected';
    this.view.renderAgent(
      self,
      state,
      {
        ...(this.customer ? { customerName: this.customer } : {}),
        ...(state.conversationKey ? { chatLabel: this.texts.chatIdMark(state.conversationKey) } : {}),
        ...(away ? { notice: this.texts.reconnecting() } : {}),
        collapsed: this.collapsed,
        focusReply: this.focusReply,
      },
      {
        insert: (text) => this.insert(text),
        searchColleagues: (query) => this.thread.searchColleagues(query),
        invite: (userId) => void this.thread.invite(userId),
        removeGuest: (userId) => void this.thread.removeGuest(userId),
        reply: (text) => void this.thread.reply(text),
        askHelp: (reason) => void this.thread.askHelp(reason),
        markRead: (ids) => void this.thread.markRead(ids),
        allowCustomerSend: (allowed) => void this.thread.allowCustomerSend(allowed),
        collapse: (collapsed) => {
          this.collapsed = collapsed;
          void writeThreadCollapsed(collapsed);
          this.render();
        },
      },
    );
  }

  private insert(text: string): void {
    const result = this.page.engine()?.insertReply(text, 'append');
    if (result && !result.ok) console.warn(`Undertone: could not insert the suggestion: ${result.reason}`);
  }

  /** Alt+Shift+I and Alt+Shift+C from the helpdesk's reply box. */
  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const shortcut = threadShortcutOf(event);
    const self = this.context?.user?.id;
    if (!shortcut || !self || !this.view || this.other || !this.page.engine()?.inReplyBox(event.target as Node)) return;
    event.preventDefault();
    event.stopPropagation();
    if (shortcut === 'insert-suggestion') {
      const suggestion = newestSuggestion(this.thread.current.messages, self);
      if (!suggestion) return;
      this.insert(suggestion.text);
      if (!suggestion.readBy.includes(self)) void this.thread.markRead([suggestion.id]);
      return;
    }
    this.collapsed = false;
    void writeThreadCollapsed(false);
    this.focusReply += 1;
    this.render();
  };
}
