// Entry of the relay's writer thread: opens the SQLite file and runs each batch the main thread sends through
// StreamWriter, answering with the results once the transaction is on disk (or with the error).
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './database.ts';
import { StreamWriter } from './stream-writer.ts';
import type { WriterRequest, WriterResponse } from './writer-thread.ts';

const port = parentPort!;
const db = openDatabase((workerData as { dataDir: string }).dataDir);
const writer = new StreamWriter(db);

port.on('message', (request: WriterRequest) => {
  let response: WriterResponse;
  try {
    response =
      request.type === 'batch'
        ? { id: request.id, ok: true, results: writer.write(request.ops) }
        : request.type === 'prune'
          ? { id: request.id, ok: true, pruned: writer.prune(request.cutoff) }
          : (db.close(), { id: request.id, ok: true });
  } catch (error) {
    response = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(response);
});
port.postMessage({ id: 0, ok: true } satisfies WriterResponse);
