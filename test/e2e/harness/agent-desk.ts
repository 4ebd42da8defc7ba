// An agent at work on the demo helpdesk in a real browser (signed in, the demo site added, the desk open) while a
// supervisor client in the test process watches the board at the relay level.
import type { BrowserName } from './browsers.ts';
import { launchSignedIn } from './extension-setup.ts';
import type { DemoStage } from './file-stage.ts';
import type { ExtensionBrowser } from './firefox.ts';
import { SupervisorClient } from './supervisor-client.ts';
import type { UiPage } from './ui-page.ts';

export interface WatchedDesk {
  browser: ExtensionBrowser;
  supervisor: SupervisorClient;
  desk: UiPage;
}

/** Signs the stage's agent in on `name`, subscribes its supervisor to the board, and opens `demoAgent`'s desk. */
export async function openWatchedDesk(name: BrowserName, { relay, people, helpdesk }: DemoStage, demoAgent: string): Promise<WatchedDesk> {
  const browser = await launchSignedIn(name, relay.httpUrl, await relay.enrollmentCode(people.agent.id));
  let supervisor: SupervisorClient | undefined;
  try {
    supervisor = await watchBoard({ relay, people });
    const desk = await browser.openPage(helpdesk.deskUrl(demoAgent));
    return { browser, supervisor, desk };
  } catch (error) {
    supervisor?.stop();
    await browser.close();
    throw error;
  }
}

/** The stage's supervisor as a client in the test process, subscribed to the board. */
export async function watchBoard({ relay, people }: Pick<DemoStage, 'relay' | 'people'>): Promise<SupervisorClient> {
  const supervisor = await SupervisorClient.connect(relay.httpUrl, await relay.issueToken(people.supervisor.id));
  supervisor.send({ type: 'board_subscribe' });
  return supervisor;
}
