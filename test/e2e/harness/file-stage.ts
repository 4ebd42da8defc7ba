// What the tests of one e2e file share: a relay process with the standard people provisioned, and the demo helpdesk
// when the file drives it. Call with top-level await: started as the file is collected, stopped after its last test.
import { afterAll } from 'vitest';
import { Helpdesk } from './helpdesk.ts';
import { RelayProcess, type Provisioned } from './relay.ts';

export type RelayStage = { relay: RelayProcess; people: Provisioned };
export type DemoStage = RelayStage & { helpdesk: Helpdesk };

/** A relay with the standard people for every test of the file. */
export async function relayForFile(): Promise<RelayStage> {
  const relay = await RelayProcess.start();
  afterAll(async () => {
    await relay.dispose();
  });
  return { relay, people: await relay.provision() };
}

/** A relay with the standard people and the demo helpdesk for every test of the file. */
export async function relayAndDemoForFile(): Promise<DemoStage> {
  const [relay, helpdesk] = await Promise.all([RelayProcess.start(), Helpdesk.start()]);
  afterAll(async () => {
    await helpdesk.close();
    await relay.dispose();
  });
  return { relay, helpdesk, people: await relay.provision() };
}

/** The demo agent each browser signs in as, so that the two browsers' runs never share a chat. */
export function demoAgentFor(browser: 'chromium' | 'firefox'): 'alice' | 'bruno' {
  return browser === 'chromium' ? 'alice' : 'bruno';
}
