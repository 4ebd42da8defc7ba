// The demo helpdesk: seeded simulation (replayable, controllable) and its HTTP server (pages, API, control endpoint).
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoHelpdesk, type DemoHelpdesk } from '../../../demo/server.ts';
import { DemoSimulation, type DemoEvent } from '../../../demo/simulation.ts';

const fixedClock = () => 1_795_000_000_000;
let desk: DemoHelpdesk | null = null;
let simulation: DemoSimulation | null = null;

afterEach(async () => {
  simulation?.stop();
  simulation = null;
  await desk?.close();
  desk = null;
});

describe('demo simulation', () => {
  it('replays the same world for the same seed', () => {
    const first = new DemoSimulation({ seed: 7, autoplay: false, now: fixedClock });
    const second = new DemoSimulation({ seed: 7, autoplay: false, now: fixedClock });
    const other = new DemoSimulation({ seed: 8, autoplay: false, now: fixedClock });
    expect(first.all()).toEqual(second.all());
    expect(first.all()).not.toEqual(other.all());
    expect(first.conversationsOf('alice')).toHaveLength(3);
    expect(first.conversationsOf('alice').some((conversation) => conversation.angry)).toBe(true);
    for (const world of [first, second, other]) world.stop();
  });

  it('lets a test drive customers, agents, edits, deletions and chat endings, telling only that agent', () => {
    simulation = new DemoSimulation({ seed: 1, autoplay: false, now: fixedClock });
    const alice: DemoEvent[] = [];
    const bruno: DemoEvent[] = [];
    simulation.listen('alice', (event) => alice.push(event));
    simulation.listen('bruno', (event) => bruno.push(event));
    const chat = simulation.startConversation('alice', { customer: 'Test Customer', angry: true });
    const message = simulation.customerWrites(chat.id, 'Hello now');
    simulation.agentReplies('alice', chat.id, '  On it  ');
    simulation.editMessage(chat.id, message.id, 'Hello now!!');
    simulation.deleteMessage(chat.id, message.id);
    const ended = simulation.endConversation(chat.id);
    expect(ended.status).toBe('ended');
    expect(() => simulation!.customerWrites(chat.id, 'again')).toThrow(/has ended/);
    expect(() => simulation!.agentReplies('bruno', simulation!.conversationsOf('alice')[0]!.id, 'x')).toThrow(/another agent/);
    simulation.closeConversation(chat.id);
    expect(bruno).toEqual([]);
    expect(alice.map((event) => event.type)).toEqual(['conversation', 'conversation', 'conversation', 'conversation', 'conversation', 'conversation', 'removed']);
    const last = alice[5];
    const texts = last?.type === 'conversation' ? last.conversation.messages.map((entry) => [entry.author, entry.text, entry.deleted]) : [];
    expect(texts.slice(1, 4)).toEqual([
      ['customer', expect.any(String), false],
      ['customer', '', true],
      ['agent', 'On it', false],
    ]);
  });
});

describe('demo helpdesk server', () => {
  it('serves the sign-in page, the desk for a signed-in agent, its state and the control endpoint', async () => {
    desk = await startDemoHelpdesk({ port: 0, seed: 3, autoplay: false });
    const signIn = await fetch(`${desk.url}/`);
    expect(await signIn.text()).toContain('Alice Martin');
    const redirect = await fetch(`${desk.url}/desk`, { redirect: 'manual' });
    expect(redirect.status).toBe(303);
    const page = await fetch(`${desk.url}/desk?agent=alice`);
    expect(page.headers.get('set-cookie')).toMatch(/^nw_agent=alice/);
    expect(await page.text()).toContain('/assets/desk.js');
    const script = await fetch(`${desk.url}/assets/desk.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect((await script.text()).length).toBeGreaterThan(1000);

    const state = (await (await fetch(`${desk.url}/api/state`, { headers: { cookie: 'nw_agent=alice' } })).json()) as {
      conversations: { id: string; messages: unknown[] }[];
    };
    const chat = state.conversations[0]!;
    const control = (body: unknown) => fetch(`${desk!.url}/api/control`, { method: 'POST', body: JSON.stringify(body) });
    const written = (await (await control({ action: 'customer_message', conversationId: chat.id, text: 'Now please' })).json()) as { id: string; text: string };
    expect(written.text).toBe('Now please');
    const after = desk.simulation.conversationsOf('alice').find((conversation) => conversation.id === chat.id)!;
    expect(after.messages.at(-1)).toMatchObject({ id: written.id, author: 'customer', text: 'Now please' });

    const reply = await fetch(`${desk.url}/api/conversations/${chat.id}/messages`, {
      method: 'POST',
      headers: { cookie: 'nw_agent=alice', 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Done' }),
    });
    expect(reply.status).toBe(200);
    const unknown = await control({ action: 'dance' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/^unknown action/);
    const unauthenticated = await fetch(`${desk.url}/api/state`);
    expect(unauthenticated.status).toBe(401);
  });
});
