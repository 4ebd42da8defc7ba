// How the hub answers a client frame: an ack by its ref, or an error with a code (counted in the metrics).
import type { ErrorCode, RelayFrame } from '../../protocol/index.ts';
import type { RelayMetrics } from '../metrics.ts';
import type { Session } from './session.ts';

export class FrameReplies {
  constructor(private readonly metrics: RelayMetrics) {}

  ack(session: Session, ref: string | undefined): void {
    if (ref !== undefined) session.send({ type: 'ack', ref });
  }

  error(session: Session, code: ErrorCode, message: string, frame?: { ref?: string; msgId?: string }): void {
    this.metrics.reject(code);
    const out: RelayFrame = { type: 'error', code, message };
    if (frame?.ref !== undefined) out.ref = frame.ref;
    if (frame?.msgId !== undefined) out.msgId = frame.msgId;
    session.send(out);
  }
}
