// The text of a stream entry's frame (`message` or `read` with its seq); the payload JSON is shared by recipients.
import type { StreamEntry } from '../store/durable-store.ts';

export function streamFrameText(entry: StreamEntry, payloadJson?: string): string {
  return entry.kind === 'message'
    ? messageFrameText(entry.seq, payloadJson ?? JSON.stringify(entry.message))
    : readFrameText(entry.seq, payloadJson ?? JSON.stringify(entry.receipt));
}

export function messageFrameText(seq: number, messageJson: string): string {
  return `{"type":"message","seq":${seq},"message":${messageJson}}`;
}

export function readFrameText(seq: number, receiptJson: string): string {
  return `{"type":"read","seq":${seq},"receipt":${receiptJson}}`;
}
