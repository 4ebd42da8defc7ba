// The Northwind Desk demo helpdesk in the test process on a free port, and its control endpoint.
import { startDemoHelpdesk, type DemoHelpdesk } from '../../../demo/server.ts';
import type { DemoConversation, DemoMessage } from '../../../demo/simulation.ts';

export class Helpdesk {
  private constructor(readonly desk: DemoHelpdesk) {}

  /** Customers stay quiet (no autoplay): every message in a test is one the test sends. */
  static async start(): Promise<Helpdesk> {
    return new Helpdesk(await startDemoHelpdesk({ port: 0, autoplay: false, seed: 7 }));
  }

  get url(): string {
    return this.desk.url;
  }

  /** The desk signed in as a demo agent (alice, bruno, chen). */
  deskUrl(agent: string, conversationId?: string): string {
    return `${this.desk.url}/desk${conversationId ? `/conversations/${conversationId}` : ''}?agent=${agent}`;
  }

  async control<T = unknown>(body: Record<string, unknown>): Promise<T> {
    const response = await fetch(`${this.desk.url}/api/control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const value = (await response.json()) as T & { error?: string };
    if (!response.ok) throw new Error(`demo control ${JSON.stringify(body)} failed: ${value.error ?? response.status}`);
    return value;
  }

  customerWrites(conversationId: string, text: string): Promise<DemoMessage> {
    return this.control({ action: 'customer_message', conversationId, text });
  }

  conversationsOf(agent: string): DemoConversation[] {
    return this.desk.simulation.conversationsOf(agent);
  }

  close(): Promise<void> {
    return this.desk.close();
  }
}
