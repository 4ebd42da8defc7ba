// A ready coaching scene for scripts (screenshots, benchmarks): a real relay, the demo helpdesk, an agent browser in
// its chat and a supervisor browser with the console open, listening to that chat. Chromium only; dispose() stops all.
import { ChromiumWithExtension } from './chromium.ts';
import { launchSignedIn, openConsolePage } from './extension-setup.ts';
import { Helpdesk } from './helpdesk.ts';
import { RelayProcess, type Provisioned } from './relay.ts';
import { poll, type UiPage } from './ui-page.ts';

export type CoachingScene = {
  relay: RelayProcess;
  helpdesk: Helpdesk;
  people: Provisioned;
  agent: ChromiumWithExtension;
  supervisor: ChromiumWithExtension;
  agentDesk: UiPage;
  /** The supervisor's console page (its UI in the `undertone-supervisor` element's shadow root). */
  supervisorConsole: UiPage;
  conversation: string;
  dispose(): Promise<void>;
};

export async function startCoachingScene(options: { demoAgent?: string; customer?: string } = {}): Promise<CoachingScene> {
  const demoAgent = options.demoAgent ?? 'alice';
  const [relay, helpdesk] = await Promise.all([RelayProcess.start(), Helpdesk.start()]);
  const browsers: ChromiumWithExtension[] = [];
  const dispose = async () => {
    await Promise.all(browsers.map((b) => b.close()));
    await helpdesk.close();
    await relay.dispose();
  };
  try {
    const people = await relay.provision();
    const [agent, supervisor] = (await Promise.all([
      launchSignedIn('chromium', relay.httpUrl, await relay.enrollmentCode(people.agent.id)),
      launchSignedIn('chromium', relay.httpUrl, await relay.enrollmentCode(people.supervisor.id)),
    ])) as ChromiumWithExtension[];
    browsers.push(agent!, supervisor!);
    const started = await helpdesk.control<{ id: string }>({ action: 'start_conversation', agent: demoAgent, customer: options.customer ?? 'Riley Brooks', angry: true, topic: 'refund' });
    const agentDesk = await agent!.openPage(helpdesk.deskUrl(demoAgent, started.id));
    await agentDesk.clickIn('undertone-coaching', '.ut-toggle');
    const supervisorConsole = await openConsolePage(supervisor!);
    const row = `.ut-chat[data-chat-id="${people.agent.id}/${started.id}"]`;
    await poll(() => supervisorConsole.inShadow('undertone-supervisor', (root, r) => Boolean(root?.querySelector(r as string)), row), Boolean, 20_000, 'the chat on the board');
    await supervisorConsole.clickIn('undertone-supervisor', row);
    await poll(() => agentDesk.inShadow('undertone-coaching', (root) => root?.innerHTML ?? ''), (html) => html.includes('Sam Supervisor'), 15_000, 'the listen-in to start');
    return { relay, helpdesk, people, agent: agent!, supervisor: supervisor!, agentDesk, supervisorConsole, conversation: started.id, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
