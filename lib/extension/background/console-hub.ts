// The background's supervisor consoles (side panel, sidebar or tab pages): each console that opens gets the status
// and a fresh board; a listen-in ends when the last console on it closes; the board subscription when none is left.
import { readAuth, readStatus } from '../extension-state.ts';
import type { ConsoleMessage } from '../console-link.ts';
import { ConsolePorts } from '../console-ports.ts';
import type { RelayLink } from './relay-link.ts';
import type { SiteSettings } from './site-settings.ts';

export class ConsoleHub {
  readonly ports: ConsolePorts;

  /** `ready`: settles once the background has read the sign-in (a console may connect to a worker just started). */
  constructor(
    private readonly link: RelayLink,
    private readonly sites: SiteSettings,
    ready: () => Promise<unknown>,
  ) {
    const supervising = () => link.role !== null && link.role !== 'agent';
    this.ports = new ConsolePorts({
      opened: (post) => {
        void ready().then(async () => {
          post(await this.statusMessage());
          if (supervising()) await link.queue({ type: 'board_subscribe' }, true);
        });
      },
      listenEnded: (chat) => {
        if (supervising()) void link.queue({ type: 'listen_stop', ...chat }, true);
      },
      allClosed: () => {
        if (supervising()) void link.queue({ type: 'board_unsubscribe' }, true);
      },
    });
  }

  async statusMessage(): Promise<ConsoleMessage> {
    const [status, auth] = await Promise.all([readStatus(), readAuth()]);
    return { type: 'status', status, user: auth?.user ?? null, waitAlertSeconds: this.sites.settings.waitAlertSeconds, theme: this.sites.settings.theme };
  }

  /** Tells every open console the status as stored now. */
  async postStatus(): Promise<void> {
    if (this.ports.open) this.ports.post(await this.statusMessage());
  }

  post(message: ConsoleMessage): void {
    this.ports.post(message);
  }

  inFront(): Promise<boolean> {
    return this.ports.inFront();
  }
}
