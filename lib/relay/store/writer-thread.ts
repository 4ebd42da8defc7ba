// The main thread's handle on the writer thread: sends batches of stream writes to a worker that owns the SQLite
// writes, so fsyncs and B-tree work run beside routing instead of blocking it. A crashed worker is started again.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WriteOp, WriteResult } from './stream-writer.ts';

type WriterRequestBody = { type: 'batch'; ops: WriteOp[] } | { type: 'prune'; cutoff: number } | { type: 'close' };
export type WriterRequest = WriterRequestBody & { id: number };

export type WriterResponse =
  | { id: number; ok: true; results?: WriteResult[]; pruned?: { messages: number; streamEntries: number } }
  | { id: number; ok: false; error: string };

/** What the message store needs from its writer. */
export interface StreamWriterPort {
  write(ops: WriteOp[]): Promise<WriteResult[]>;
  prune(cutoff: number): Promise<{ messages: number; streamEntries: number }>;
  close(): Promise<void>;
}

export class WriterThread implements StreamWriterPort {
  private worker: Worker | null = null;
  private ready: Promise<void> = Promise.resolve();
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: WriterResponse & { ok: true }) => void; reject: (e: Error) => void }>();
  private closing = false;

  constructor(private readonly dataDir: string) {
    this.start();
  }

  async write(ops: WriteOp[]): Promise<WriteResult[]> {
    return (await this.request({ type: 'batch', ops })).results ?? [];
  }

  async prune(cutoff: number): Promise<{ messages: number; streamEntries: number }> {
    return (await this.request({ type: 'prune', cutoff })).pruned ?? { messages: 0, streamEntries: 0 };
  }

  /** Waits for every batch sent so far, then closes the worker's database and ends the thread. */
  async close(): Promise<void> {
    if (this.closing || !this.worker) return;
    await this.request({ type: 'close' }).catch(() => {});
    this.closing = true;
    await this.worker.terminate();
    this.worker = null;
  }

  private start(): void {
    const worker = startWorker(this.dataDir);
    this.worker = worker;
    let started: () => void = () => {};
    let failed: (e: Error) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      started = resolve;
      failed = reject;
    });
    this.ready.catch(() => {});
    worker.on('message', (response: WriterResponse) => {
      if (response.id === 0) return started();
      const waiter = this.pending.get(response.id);
      if (!waiter) return;
      this.pending.delete(response.id);
      if (response.ok) waiter.resolve(response);
      else waiter.reject(new Error(response.error));
    });
    const lost = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      failed(error);
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => lost(error));
    worker.on('exit', (code) => lost(new Error(`the store's writer thread stopped (exit code ${code})`)));
  }

  private async request(body: WriterRequestBody): Promise<WriterResponse & { ok: true }> {
    if (!this.worker && !this.closing) this.start();
    const worker = this.worker;
    if (!worker) throw new Error('the store is closed');
    await this.ready;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...body, id } satisfies WriterRequest);
    });
  }
}

/**
 * Starts the writer thread: the compiled relay (dist/, this file is .js) runs the compiled worker file directly;
 * a source checkout runs the TypeScript worker through tsx, registered inside the thread.
 */
function startWorker(dataDir: string): Worker {
  const workerData = { dataDir };
  if (import.meta.url.endsWith('.js')) return new Worker(new URL('./stream-writer-worker.js', import.meta.url), { workerData });
  const tsxApi = tsxEsmApiUrl();
  const entry = new URL('./stream-writer-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`, { eval: true, workerData });
}

/** The ES module entry of tsx's register API, found through tsx's own package exports (whatever the cwd). */
function tsxEsmApiUrl(): string {
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  const exports = (JSON.parse(readFileSync(packageJson, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(join(dirname(packageJson), exports['./esm/api']!.import.default)).href;
}
