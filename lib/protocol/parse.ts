// Decoding of inbound text frames: JSON parse, then schema validation, with an error code and a readable message.
import type { z } from 'zod';
import { ClientFrameSchema, type ClientFrame } from './client-frames.ts';
import type { ErrorCode } from './constants.ts';
import { RelayFrameSchema, type RelayFrame } from './relay-frames.ts';

export type Decoded<T> = { ok: true; frame: T } | { ok: false; code: ErrorCode; message: string; ref?: string; msgId?: string };

/** Turns zod issues into one line a developer can act on, e.g. `text: must not be empty`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(frame)'}: ${issue.message}`)
    .join('; ');
}

function decode<T>(schema: z.ZodType<T>, text: string): Decoded<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, code: 'bad_json', message: 'frame is not valid JSON' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, code: 'invalid_frame', message: 'frame must be a JSON object with a "type"' };
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, frame: result.data };
  const record = raw as Record<string, unknown>;
  const failure: Decoded<T> = {
    ok: false,
    code: 'invalid_frame',
    message: `${typeof record.type === 'string' ? record.type : 'frame'}: ${describeIssues(result.error)}`,
  };
  if (typeof record.ref === 'string' && record.ref.length <= 64) failure.ref = record.ref;
  if (typeof record.msgId === 'string' && record.msgId.length <= 64) failure.msgId = record.msgId;
  return failure;
}

export function decodeClientFrame(text: string): Decoded<ClientFrame> {
  return decode(ClientFrameSchema, text);
}

export function decodeRelayFrame(text: string): Decoded<RelayFrame> {
  return decode(RelayFrameSchema, text);
}
