// The store's write side on a real SQLite file: gap-free per-user sequences, resends found without taking a
// sequence number, receipts, and retention.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../../../lib/relay/store/database.ts';
import { StreamWriter, type MessageValues, type WriteOp } from '../../../lib/relay/store/stream-writer.ts';

let dir: string;
let db: SqliteDatabase;
let writer: StreamWriter;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'undertone-writer-'));
  db = openDatabase(dir);
  writer = new StreamWriter(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const message = (id: string, msgId: string, createdAt = 1_000, sender = 'usr_sam'): WriteOp => ({
  kind: 'message',
  values: [id, 'org_1', sender, 'Sam', 'supervisor', msgId, 'whisper', 'usr_ann', 'c-1', 'hello', createdAt] satisfies MessageValues,
  recipients: ['usr_ann', sender],
});

describe('StreamWriter', () => {
  it('gives each recipient the next seq of its own stream, across batches', () => {
    expect(writer.write([message('msg_1', 'm-000001'), message('msg_2', 'm-000002')])).toEqual([
      { stored: true, seqs: [1, 1] },
      { stored: true, seqs: [2, 2] },
    ]);
    expect(writer.write([message('msg_3', 'm-000003', 1_000, 'usr_sue')])).toEqual([{ stored: true, seqs: [3, 1] }]);
    expect(db.prepare('SELECT user_id, seq FROM stream_heads ORDER BY user_id').all()).toEqual([
      { user_id: 'usr_ann', seq: 3 },
      { user_id: 'usr_sam', seq: 2 },
      { user_id: 'usr_sue', seq: 1 },
    ]);
  });

  it('answers a resend with the stored id and takes no sequence number for it', () => {
    writer.write([message('msg_1', 'm-000001')]);
    const results = writer.write([message('msg_again', 'm-000001'), message('msg_2', 'm-000002')]);
    expect(results).toEqual([{ stored: false, existingId: 'msg_1' }, { stored: true, seqs: [2, 2] }]);
  });

  it('stores a receipt once per reader and message, and appends it to each recipient', () => {
    writer.write([message('msg_1', 'm-000001')]);
    const receipt: WriteOp = { kind: 'receipt', json: '{"r":1}', readerId: 'usr_ann', at: 2_000, messageIds: ['msg_1'], recipients: ['usr_ann', 'usr_sam'] };
    expect(writer.write([receipt, receipt])).toEqual([{ stored: true, seqs: [2, 2] }, { stored: true, seqs: [3, 3] }]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM message_reads').get()).toEqual({ n: 1 });
  });

  it('rolls back a failed batch whole and numbers the next one from what is stored', () => {
    writer.write([message('msg_1', 'm-000001')]);
    const broken: WriteOp = { ...message('msg_1', 'm-000009') };
    expect(() => writer.write([message('msg_2', 'm-000002'), broken])).toThrow();
    expect(db.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 1 });
    expect(writer.write([message('msg_3', 'm-000003')])).toEqual([{ stored: true, seqs: [2, 2] }]);
  });

  it('prunes what retention no longer keeps, oldest first, and keeps the rest', () => {
    writer.write([message('msg_old', 'm-000001', 1_000), message('msg_new', 'm-000002', 5_000)]);
    expect(writer.prune(3_000)).toEqual({ messages: 1, streamEntries: 2 });
    expect(db.prepare('SELECT id FROM messages').all()).toEqual([{ id: 'msg_new' }]);
    expect(db.prepare("SELECT seq FROM stream WHERE user_id = 'usr_ann'").all()).toEqual([{ seq: 2 }]);
  });
});
