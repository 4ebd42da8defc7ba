// Serves the fixture helpdesks with unlike markup (test/fixtures/studio) on a free port: /parcelly/... is the
// React-style page, /tidewater/ the page keeping the chat id in the #fragment. Every path under each serves its page.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

const PAGES: Record<string, string> = { parcelly: 'parcelly-react.html', tidewater: 'tidewater-fragment.html' };

export class FixtureHelpdesks {
  private constructor(private readonly server: Server) {}

  static async start(): Promise<FixtureHelpdesks> {
    const server = createServer((request, response) => {
      const name = /^\/([a-z]+)\//.exec(request.url ?? '')?.[1] ?? '';
      const file = PAGES[name];
      if (!file) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(resolve('test/fixtures/studio', file)));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return new FixtureHelpdesks(server);
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }
}
