// Frame decoding: JSON and schema failures become an error code with a readable message naming the field.
import { describe, expect, it } from 'vitest';
import { decodeClientFrame, decodeRelayFrame } from '../../../lib/protocol/index.ts';

describe('decodeClientFrame', () => {
  it('accepts a valid whisper and keeps its fields', () => {
    const result = decodeClientFrame(JSON.stringify({ type: 'whisper', msgId: 'abcdefgh', agentId: 'usr_1', conversationKey: 'c', kind: 'suggestion', text: ' Try this ' }));
    expect(result).toEqual({ ok: true, frame: { type: 'whisper', msgId: 'abcdefgh', agentId: 'usr_1', conversationKey: 'c', kind: 'suggestion', text: 'Try this' } });
  });

  it('reports bad JSON, non-objects and unknown types', () => {
    expect(decodeClientFrame('{')).toMatchObject({ ok: false, code: 'bad_json' });
    expect(decodeClientFrame('[1]')).toMatchObject({ ok: false, code: 'invalid_frame' });
    expect(decodeClientFrame('"hello"')).toMatchObject({ ok: false, code: 'invalid_frame' });
    expect(decodeClientFrame('{"type":"launch"}')).toMatchObject({ ok: false, code: 'invalid_frame' });
  });

  it('names each failing field and carries ref and msgId back for correlation', () => {
    const result = decodeClientFrame(JSON.stringify({ type: 'whisper', msgId: 'abcdefgh', agentId: 'usr 1', conversationKey: '', kind: 'whisper', text: '   ' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^whisper: /);
    expect(result.message).toContain('agentId');
    expect(result.message).toContain('conversationKey');
    expect(result.message).toContain('text: must not be empty');
    expect(result.msgId).toBe('abcdefgh');
    const withRef = decodeClientFrame(JSON.stringify({ type: 'listen_start', ref: 'r1', agentId: 'usr_1' }));
    expect(withRef).toMatchObject({ ok: false, ref: 'r1' });
  });

  it('rejects over-long text and too many events', () => {
    expect(decodeClientFrame(JSON.stringify({ type: 'reply', msgId: 'abcdefgh', conversationKey: 'c', text: 'x'.repeat(4001) })).ok).toBe(false);
    const events = Array.from({ length: 501 }, (_, i) => ({ id: String(i), op: 'add', author: 'customer', text: 'x', at: null }));
    expect(decodeClientFrame(JSON.stringify({ type: 'transcript', conversationKey: 'c', snapshot: true, events })).ok).toBe(false);
  });

  it('takes who turned listen-in off in a transcript, and nothing else there', () => {
    const frame = (listenInOff: unknown) => JSON.stringify({ type: 'transcript', conversationKey: 'c', snapshot: true, events: [], listenInOff });
    expect(decodeClientFrame(frame('agent'))).toMatchObject({ ok: true, frame: { listenInOff: 'agent' } });
    expect(decodeClientFrame(frame('policy'))).toMatchObject({ ok: true, frame: { listenInOff: 'policy' } });
    expect(decodeClientFrame(frame('the supervisor')).ok).toBe(false);
  });

  it('keeps hostile text as data: markup in a whisper is just characters', () => {
    const text = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const result = decodeClientFrame(JSON.stringify({ type: 'reply', msgId: 'abcdefgh', conversationKey: 'c', text }));
    expect(result).toMatchObject({ ok: true, frame: { text } });
  });
});

describe('decodeRelayFrame', () => {
  it('validates relay frames for clients', () => {
    expect(decodeRelayFrame(JSON.stringify({ type: 'synced', seq: 3 }))).toEqual({ ok: true, frame: { type: 'synced', seq: 3 } });
    expect(decodeRelayFrame(JSON.stringify({ type: 'message', seq: 0, message: {} })).ok).toBe(false);
    expect(decodeRelayFrame(JSON.stringify({ type: 'error', code: 'made_up', message: 'x' })).ok).toBe(false);
  });
});
