// Takes the README's screenshots from the real extension on the demo helpdesk: the agent's chat with its whisper
// thread, and the supervisor's console (board and listen-in) wide and at phone width.
// Run: npm run screenshots (writes docs/screenshots/*.png).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from './harness/paths.ts';
import { startCoachingScene } from './harness/coaching-scene.ts';
import { poll } from './harness/ui-page.ts';

const OUT = resolve(ROOT, 'docs/screenshots');
const PANEL = 'undertone-supervisor';
const DOCK = 'undertone-coaching';

const scene = await startCoachingScene({ customer: 'Riley Brooks' });
try {
  const { helpdesk, conversation, agentDesk, supervisorConsole, agent, supervisor } = scene;
  for (const text of ['I was charged twice for order 5521.', 'This is UNACCEPTABLE. I want a refund and a manager NOW!!']) {
    await helpdesk.customerWrites(conversation, text);
  }
  await helpdesk.control({ action: 'agent_reply', agent: 'alice', conversationId: conversation, text: 'I am sorry about that, let me look at the order.' });
  await supervisorConsole.fillIn(PANEL, '.ut-whisper-composer textarea', 'Acknowledge the double charge first, then offer the refund.');
  await supervisorConsole.clickIn(PANEL, '.ut-whisper-composer button[type="submit"]');
  await supervisorConsole.clickIn(PANEL, '.ut-mode input[value="suggestion"]');
  await supervisorConsole.fillIn(PANEL, '.ut-whisper-composer textarea', 'I can see the second charge; I have refunded it now, it will show within 3 days.');
  await supervisorConsole.clickIn(PANEL, '.ut-whisper-composer button[type="submit"]');
  await poll(() => agentDesk.textsIn(DOCK, '.ut-msg-text'), (texts) => texts.length >= 2, 15_000, 'the whispers in the agent pane');
  await agentDesk.fillIn(DOCK, '.ut-agent .ut-composer textarea', 'Thanks, doing that now.');
  await agentDesk.clickIn(DOCK, '.ut-agent .ut-composer button[type="submit"]');
  await poll(() => supervisorConsole.textsIn(PANEL, '.ut-msg-text'), (texts) => texts.includes('Thanks, doing that now.'), 15_000, 'the reply in the panel');
  // The expanded thread scrolls inside its height budget: show it from its top (who listens, the whisper, the suggestion).
  await agentDesk.inShadow(DOCK, (root) => {
    const body = root?.querySelector('.ut-agent-body');
    if (body) body.scrollTop = 0;
    return null;
  });
  await new Promise((r) => setTimeout(r, 500));

  mkdirSync(OUT, { recursive: true });
  const consoleUrl = `${supervisor.extensionOrigin}/console.html`;
  const shots = [
    { page: agent.rawPage(helpdesk.url), size: { width: 1366, height: 820 }, file: 'agent-view.png' },
    { page: supervisor.rawPage(consoleUrl), size: { width: 1366, height: 820 }, file: 'supervisor-view.png' },
    { page: supervisor.rawPage(consoleUrl), size: { width: 390, height: 844 }, file: 'console-phone.png' },
  ];
  for (const { page, size, file } of shots) {
    if (!page) throw new Error(`no page for ${file}`);
    await page.setViewportSize(size);
    await page.bringToFront();
    await new Promise((r) => setTimeout(r, 300));
    await page.screenshot({ path: resolve(OUT, file) });
    console.log(`wrote docs/screenshots/${file}`);
  }
} finally {
  await scene.dispose();
}
