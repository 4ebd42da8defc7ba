// The demo helpdesk server (Northwind Desk): pages, the agent API with a live event stream, and a control endpoint
// for tests. Run: `node bin/run-ts.mjs demo/server.ts --port 8790 [--seed 7] [--no-autoplay] [--pace 0.5]`.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { bundleDeskApp } from './bundle.ts';
import { DEMO_AGENTS, type DemoAgent } from './cast.ts';
import { deskPage, signInPage } from './pages.ts';
import { DemoSimulation, type DemoSimulationOptions } from './simulation.ts';

export interface DemoHelpdeskOptions extends DemoSimulationOptions {
  /** 0 picks a free port (default 8790). */
  port?: number;
  host?: string;
}

export interface DemoHelpdesk {
  url: string;
  port: number;
  simulation: DemoSimulation;
  close(): Promise<void>;
}

const COOKIE = 'nw_agent';

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function agentFromRequest(request: IncomingMessage, url: URL): DemoAgent | null {
  const fromQuery = url.searchParams.get('agent');
  const fromCookie = /(?:^|;\s*)nw_agent=([a-z]+)/.exec(request.headers.cookie ?? '')?.[1];
  const id = fromQuery ?? fromCookie;
  return DEMO_AGENTS.find((agent) => agent.id === id) ?? null;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new HttpError(413, 'body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(request);
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {}
  throw new HttpError(400, 'body must be a JSON object');
}

function send(response: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || !value) throw new HttpError(400, `"${name}" must be a non-empty string`);
  return value;
}

/** Runs one control action (the test and demo remote control). */
function control(simulation: DemoSimulation, body: Record<string, unknown>): unknown {
  const agent = typeof body.agent === 'string' ? body.agent : 'alice';
  const firstOpen = () => {
    const open = simulation.conversationsOf(agent).find((conversation) => conversation.status === 'open');
    if (!open) throw new HttpError(409, `agent "${agent}" has no open conversation`);
    return open.id;
  };
  const conversationId = () => (typeof body.conversationId === 'string' ? body.conversationId : firstOpen());
  switch (body.action) {
    case 'customer_message':
      return simulation.customerWrites(conversationId(), typeof body.text === 'string' ? body.text : undefined);
    case 'agent_reply':
      return simulation.agentReplies(agent, conversationId(), text(body.text, 'text'));
    case 'start_conversation':
      return simulation.startConversation(agent, {
        ...(typeof body.customer === 'string' ? { customer: body.customer } : {}),
        ...(typeof body.angry === 'boolean' ? { angry: body.angry } : {}),
        ...(typeof body.topic === 'string' ? { topic: body.topic } : {}),
      });
    case 'end_conversation':
      return simulation.endConversation(conversationId());
    case 'close_conversation':
      simulation.closeConversation(conversationId());
      return { closed: true };
    case 'edit_message':
      return simulation.editMessage(conversationId(), text(body.messageId, 'messageId'), text(body.text, 'text'));
    case 'delete_message':
      return simulation.deleteMessage(conversationId(), text(body.messageId, 'messageId'));
    case 'pause':
      simulation.pause();
      return { playing: false };
    case 'resume':
      simulation.resume();
      return { playing: true };
    case 'reset':
      simulation.reset(typeof body.seed === 'number' ? body.seed : 1);
      return { conversations: simulation.all() };
    case 'resync':
      simulation.resync();
      return { resynced: true };
    default:
      throw new HttpError(
        400,
        'unknown action; use customer_message, agent_reply, start_conversation, end_conversation, close_conversation, ' +
          'edit_message, delete_message, pause, resume, reset or resync',
      );
  }
}

export async function startDemoHelpdesk(options: DemoHelpdeskOptions = {}): Promise<DemoHelpdesk> {
  const [script, css] = await Promise.all([bundleDeskApp(), readFile(new URL('./app/desk.css', import.meta.url), 'utf8')]);
  const simulation = new DemoSimulation(options);
  const streams = new Set<ServerResponse>();

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://demo.invalid');
    const path = url.pathname;
    const method = request.method ?? 'GET';
    if (method === 'GET' && path === '/') return send(response, 200, 'text/html; charset=utf-8', signInPage(DEMO_AGENTS));
    if (method === 'GET' && path === '/assets/desk.js') return send(response, 200, 'text/javascript; charset=utf-8', script);
    if (method === 'GET' && path === '/assets/desk.css') return send(response, 200, 'text/css; charset=utf-8', css);
    if (method === 'GET' && path === '/healthz') return sendJson(response, 200, { ok: true });
    if (method === 'POST' && path === '/signin') {
      const id = new URLSearchParams(await readBody(request)).get('agent');
      const agent = DEMO_AGENTS.find((candidate) => candidate.id === id);
      if (!agent) throw new HttpError(400, 'choose one of the listed agents');
      response.writeHead(303, { location: '/desk', 'set-cookie': `${COOKIE}=${agent.id}; Path=/; SameSite=Lax` });
      return void response.end();
    }
    if (path === '/api/control') {
      if (method === 'GET') return sendJson(response, 200, { playing: simulation.isPlaying(), conversations: simulation.all() });
      if (method === 'POST') return sendJson(response, 200, control(simulation, await readJson(request)));
    }
    const agent = agentFromRequest(request, url);
    if (method === 'GET' && (path === '/desk' || path.startsWith('/desk/'))) {
      if (!agent) {
        response.writeHead(303, { location: '/' });
        return void response.end();
      }
      const cookie = `${COOKIE}=${agent.id}; Path=/; SameSite=Lax`;
      return send(response, 200, 'text/html; charset=utf-8', deskPage(agent), { 'set-cookie': cookie });
    }
    if (!path.startsWith('/api/')) throw new HttpError(404, 'not found');
    if (!agent) throw new HttpError(401, 'sign in first');
    if (method === 'GET' && path === '/api/state') {
      return sendJson(response, 200, { agent, conversations: simulation.conversationsOf(agent.id) });
    }
    if (method === 'GET' && path === '/api/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(': connected\n\n');
      streams.add(response);
      const unsubscribe = simulation.listen(agent.id, (event) => response.write(`data: ${JSON.stringify(event)}\n\n`));
      const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
      request.on('close', () => {
        clearInterval(keepAlive);
        unsubscribe();
        streams.delete(response);
      });
      return;
    }
    const reply = /^\/api\/conversations\/([\w-]+)\/messages$/.exec(path);
    if (method === 'POST' && reply?.[1]) {
      const body = await readJson(request);
      return sendJson(response, 200, simulation.agentReplies(agent.id, reply[1], text(body.text, 'text')));
    }
    const close = /^\/api\/conversations\/([\w-]+)\/close$/.exec(path);
    if (method === 'POST' && close?.[1]) {
      simulation.closeConversation(close[1]);
      return sendJson(response, 200, { closed: true });
    }
    throw new HttpError(404, 'not found');
  }

  const server: Server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 400;
      const message = error instanceof Error ? error.message : String(error);
      if (!response.headersSent) sendJson(response, status, { error: message });
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8790, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    simulation,
    close: async () => {
      simulation.stop();
      for (const stream of streams) stream.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const desk = await startDemoHelpdesk({
    port: Number(argument('--port') ?? 8790),
    host: argument('--host') ?? '127.0.0.1',
    seed: Number(argument('--seed') ?? 1),
    autoplay: !process.argv.includes('--no-autoplay'),
    pace: Number(argument('--pace') ?? 1),
  });
  console.log(JSON.stringify({ msg: 'demo helpdesk listening', url: desk.url, port: desk.port }));
  const shutdown = () => void desk.close().then(() => process.exit(0));
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
