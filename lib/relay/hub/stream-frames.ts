// The text of a stream entry's frame (`message`, `read` or `customer_send_result` with its seq); the payload JSON is
// shared by recipients.
import type { StreamEntry } from '../store/durable-store.ts';

export type StreamEntryKind = StreamEntry['kind'];

/** What an entry carries: the message, the receipt or the customer send outcome. */
export function entryPayload(entry: StreamEntry): object {
  return entry.kind === 'message' ? entry.message : entry.kind === 'read' ? entry.receipt : entry.result;
}

export function streamFrameText(entry: StreamEntry, payloadJson?: string): string {
  return kindFrameText(entry.kind, entry.seq, payloadJson ?? JSON.stringify(entryPayload(entry)));
}

/** The frame of a stream entry of `kind` from its payload's JSON. */
export function kindFrameText(kind: StreamEntryKind, seq: number, payloadJson: string): string {
  if (kind === 'message') return messageFrameText(seq, payloadJson);
  if (kind === 'read') return readFrameText(seq, payloadJson);
  return customerSendFrameText(seq, payloadJson);
}

export function messageFrameText(seq: number, messageJson: string): string {
  return `{"type":"message","seq":${seq},"message":${messageJson}}`;
}

export function readFrameText(seq: number, receiptJson: string): string {
  return `{"type":"read","seq":${seq},"receipt":${receiptJson}}`;
}

/** The outcome's own fields follow `type` and `seq` (its JSON is a non-empty object). */
export function customerSendFrameText(seq: number, resultJson: string): string {
  return `{"type":"customer_send_result","seq":${seq},${resultJson.slice(1)}`;
}
