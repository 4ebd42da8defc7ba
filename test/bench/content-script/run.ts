// Benchmark (not a test): what the content script costs a busy helpdesk page. The demo desk shows a chat of 2,000
// messages that receives 20 customer messages a second; the page's main-thread time (CDP Performance metrics) is
// measured over the same window without the extension and with it (agent signed in, a supervisor listening, so
// every message is read, reported and streamed; the coaching UI is loaded). With it, V8's sampling profiler also attributes main-thread
// samples to the content script: the main-thread totals move by more than the script costs from run to run,
// the attributed time is the steadier figure. Also prints the content bundle's size.
// Run: node bin/run-ts.mjs test/bench/content-script/run.ts [--seconds 20]
import { chromium, type Page } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROME_BUILD, CHROMIUM_BIN } from '../../e2e/harness/paths.ts';
import { startCoachingScene } from '../../e2e/harness/coaching-scene.ts';
import { Helpdesk } from '../../e2e/harness/helpdesk.ts';

const SECONDS = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 20;
const HISTORY = 2_000;
const RATE = 20;

type Window = { taskMs: number; scriptMs: number; layoutMs: number; wallMs: number; messages: number; contentScriptMs: number | null };

type Cdp = Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>;

async function metrics(cdp: Cdp): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** Fills the chat with HISTORY messages before the page opens. */
function fill(helpdesk: Helpdesk, conversation: string, agent: string): void {
  const sim = helpdesk.desk.simulation;
  for (let i = 0; i < HISTORY; i++) {
    if (i % 3 === 2) sim.agentReplies(agent, conversation, `Agent answer number ${i}: let me check that for you.`);
    else sim.customerWrites(conversation, `Customer message number ${i}: where is my order ${4000 + i}?`);
  }
}

/** RATE messages a second for SECONDS, measured on the page between the first and the last. */
/** Milliseconds of samples whose stack holds a frame of the content script or the coaching UI script. */
function contentScriptTime(profile: { nodes: Array<{ id: number; callFrame: { url: string }; children?: number[] }>; samples?: number[]; timeDeltas?: number[] }): number {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const inContent = new Map<number, boolean>();
  const isContent = (id: number): boolean => {
    const known = inContent.get(id);
    if (known !== undefined) return known;
    const up = parent.get(id);
    const result = (/\/(content-scripts\/content|coaching-ui)\.js$/.test(byId.get(id)?.callFrame.url ?? '')) || (up !== undefined && isContent(up));
    inContent.set(id, result);
    return result;
  };
  let us = 0;
  (profile.samples ?? []).forEach((id, i) => {
    if (isContent(id)) us += profile.timeDeltas?.[i] ?? 0;
  });
  return us / 1000;
}

async function measure(page: Page, helpdesk: Helpdesk, conversation: string, profile: boolean): Promise<Window> {
  await page.waitForSelector('.hd-chat__log .hd-msg');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  }
  await new Promise((r) => setTimeout(r, 2_000));
  if (profile) await cdp.send('Profiler.start');
  const before = await metrics(cdp);
  const started = Date.now();
  let sent = 0;
  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      helpdesk.desk.simulation.customerWrites(conversation, `Live message ${sent}: is there any news on my order?`);
      sent += 1;
      if (sent >= SECONDS * RATE) {
        clearInterval(timer);
        done();
      }
    }, 1000 / RATE);
  });
  await new Promise((r) => setTimeout(r, 500));
  const after = await metrics(cdp);
  const contentScriptMs = profile ? contentScriptTime((await cdp.send('Profiler.stop')).profile) : null;
  await cdp.detach();
  const wallMs = Date.now() - started;
  const ms = (name: string) => ((after[name] ?? 0) - (before[name] ?? 0)) * 1000;
  return { taskMs: ms('TaskDuration'), scriptMs: ms('ScriptDuration'), layoutMs: ms('LayoutDuration') + ms('RecalcStyleDuration'), wallMs, messages: sent, contentScriptMs };
}

async function withoutExtension(): Promise<Window> {
  const helpdesk = await Helpdesk.start();
  const profile = mkdtempSync(join(tmpdir(), 'undertone-bench-plain-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_BIN,
    headless: true,
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu', '--disable-quic', '--disable-extensions'],
  });
  try {
    const conversation = (await helpdesk.control<{ id: string }>({ action: 'start_conversation', agent: 'alice', customer: 'Bench Customer' })).id;
    fill(helpdesk, conversation, 'alice');
    const page = await context.newPage();
    await page.goto(helpdesk.deskUrl('alice', conversation));
    return await measure(page, helpdesk, conversation, false);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await helpdesk.close();
  }
}

async function withExtension(): Promise<Window> {
  const scene = await startCoachingScene({ customer: 'Bench Customer' });
  try {
    const { helpdesk, conversation } = scene;
    fill(helpdesk, conversation, 'alice');
    const page = scene.agent.rawPage(helpdesk.url)!;
    await page.reload();
    return await measure(page, helpdesk, conversation, true);
  } finally {
    await scene.dispose();
  }
}

const size = (file: string) => ({ bytes: statSync(file).size, gzip: gzipSync(readFileSync(file)).length });
const { bytes, gzip } = size(resolve(CHROME_BUILD, 'content-scripts/content.js'));
const ui = size(resolve(CHROME_BUILD, 'coaching-ui.js'));
const plain = await withoutExtension();
const extended = await withExtension();
const perSecond = (w: Window, v: number) => (v / w.wallMs) * 1000;
const row = (label: string, w: Window) =>
  `| ${label} | ${w.messages} | ${(w.wallMs / 1000).toFixed(1)} | ${w.taskMs.toFixed(0)} | ${perSecond(w, w.taskMs).toFixed(1)} | ${perSecond(w, w.scriptMs).toFixed(1)} | ${perSecond(w, w.layoutMs).toFixed(1)} |`;
const extra = perSecond(extended, extended.taskMs) - perSecond(plain, plain.taskMs);
const own = perSecond(extended, extended.contentScriptMs ?? 0);
const overhead = (own / perSecond(plain, plain.taskMs)) * 100;
console.log(`content bundle: ${(bytes / 1024).toFixed(1)} KiB minified, ${(gzip / 1024).toFixed(1)} KiB gzip (target < 60 KB minified: ${bytes < 60_000 ? 'met' : 'NOT met'})`);
console.log(`coaching UI script, injected only when a signed-in user's page shows coaching: ${(ui.bytes / 1024).toFixed(1)} KiB minified, ${(ui.gzip / 1024).toFixed(1)} KiB gzip`);
console.log(`chat of ${HISTORY} messages, ${RATE} new messages/s for ${SECONDS} s, one run each`);
console.log('| page | messages | seconds | main-thread ms | main-thread ms/s | script ms/s | style+layout ms/s |');
console.log('|---|---|---|---|---|---|---|');
console.log(row('without the extension', plain));
console.log(row('with the extension (agent, listened to)', extended));
console.log(`difference of the main-thread totals: ${extra.toFixed(1)} ms/s (${((extra / perSecond(plain, plain.taskMs)) * 100).toFixed(1)} %)`);
console.log(`main-thread time in the content script (profiler): ${own.toFixed(1)} ms/s = ${overhead.toFixed(1)} % of the page's own main-thread time (target < 2 %: ${overhead < 2 ? 'met' : 'NOT met'})`);
