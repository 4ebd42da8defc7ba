// @vitest-environment happy-dom
// The adapter format: built-in adapters validate, and bad admin JSON gets errors that name the place and the fix.
import { describe, expect, it } from 'vitest';
import { builtinAdapters } from '../../../lib/adapters/builtin/index.ts';
import { parseAdapterConfig } from '../../../lib/adapters/format/index.ts';

const valid = {
  format: 'undertone-adapter/1',
  id: 'acme-desk',
  name: 'Acme Desk',
  match: { urls: ['https://desk.acme.test/agent/*'] },
  page: { chatView: '.chat' },
  activeConversation: { key: { from: 'url', pattern: '/chats/(\\d+)' }, customer: '.chat-title' },
  transcript: { container: '.log', message: '.msg', author: { agent: '.msg--mine' } },
  replyBox: { selector: 'textarea' },
  mounts: { whisperThread: { selector: '.composer', position: 'before' } },
};

function errorsOf(input: unknown): string[] {
  const result = parseAdapterConfig(input);
  if (result.ok) throw new Error('expected the adapter to be rejected');
  return result.errors;
}

describe('parseAdapterConfig', () => {
  it('accepts every built-in adapter unchanged (no defaults hidden in the files)', () => {
    expect(builtinAdapters.length).toBeGreaterThanOrEqual(1);
    for (const adapter of builtinAdapters) {
      const result = parseAdapterConfig(JSON.stringify(adapter));
      expect(result.ok ? result.adapter : result.errors).toEqual(adapter);
      expect(adapter.checked?.on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('gives the built-in adapters distinct ids', () => {
    const ids = builtinAdapters.map((adapter) => adapter.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('accepts a minimal admin adapter given as JSON text', () => {
    const result = parseAdapterConfig(JSON.stringify(valid));
    expect(result.ok).toBe(true);
  });

  it('explains text that is not JSON', () => {
    const result = parseAdapterConfig('{"format": "undertone-adapter/1",');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^the adapter is not valid JSON/);
  });

  it('rejects a JSON value that is not an object', () => {
    expect(errorsOf('[1, 2]')[0]).toMatch(/must be a JSON object/);
  });

  it('names each bad place: selector syntax, regex, URL pattern, unknown key, missing field, enum', () => {
    const errors = errorsOf({
      ...valid,
      id: 'Acme Desk',
      match: { urls: ['desk.acme.test'] },
      activeConversation: { key: { from: 'url', pattern: '(unclosed' } },
      transcript: { container: '.log', message: 'div[', author: { agent: '.mine' }, selecter: '.x' },
      mounts: { whisperThread: { selector: '.composer', position: 'inside' } },
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^id: must be 1-63 lowercase letters/),
        expect.stringMatching(/^match\.urls\[0\]: "desk\.acme\.test" is not a URL pattern/),
        expect.stringMatching(/^activeConversation\.key\.pattern: "\(unclosed" is not a valid regular expression/),
        expect.stringMatching(/^activeConversation\.customer: /),
        expect.stringMatching(/^transcript\.message: "div\[" is not a valid CSS selector/),
        expect.stringMatching(/^transcript: "selecter" is not part of the adapter format/),
        expect.stringMatching(/^mounts\.whisperThread\.position: /),
      ]),
    );
  });

  it('takes an optional send action: "enter", or a button to click, with its waits', () => {
    const withSend = (send: unknown) => parseAdapterConfig({ ...valid, replyBox: { selector: 'textarea', send } });
    const enter = withSend('enter');
    expect(enter.ok && enter.adapter.replyBox.send).toEqual({ key: 'enter' });
    const click = withSend({ click: 'button.send', settleMs: 600, takeWithinMs: 4000 });
    expect(click.ok && click.adapter.replyBox.send).toEqual({ click: 'button.send', settleMs: 600, takeWithinMs: 4000 });
    const without = parseAdapterConfig(valid);
    expect(without.ok && without.adapter.replyBox.send).toBeUndefined();
  });

  it('explains a send action it cannot use', () => {
    const errors = (send: unknown) => errorsOf({ ...valid, replyBox: { selector: 'textarea', send } });
    expect(errors('space')).toEqual(['replyBox.send: must be "enter" or an object like {"click": "<send button selector>"}']);
    expect(errors({ click: 'button[' })).toEqual(['replyBox.send.click: "button[" is not a valid CSS selector']);
    expect(errors({ click: 'button', key: 'enter' })).toEqual([`replyBox.send: give either "click" (the send button's selector) or "key": "enter", not both and not neither`]);
    expect(errors({ key: 'tab' })).toEqual(['replyBox.send.key: must be "enter"']);
    expect(errors({ click: 'button', takeWithinMs: 'soon' })).toEqual(['replyBox.send.takeWithinMs: must be a number of milliseconds']);
    expect(errors({ click: 'button', confirmWithinMs: 100 })[0]).toMatch(/^replyBox\.send\.confirmWithinMs: /);
    expect(errors({ click: 'button', sendNow: true })).toEqual(['replyBox.send: "sendNow" is not part of the adapter format here']);
  });

  it('requires an author rule with at least one selector', () => {
    const errors = errorsOf({ ...valid, transcript: { container: '.log', message: '.msg', author: {} } });
    expect(errors).toEqual([expect.stringMatching(/^transcript\.author: give at least one of/)]);
  });

  it('reports a missing required section as required', () => {
    const { replyBox: _omitted, ...withoutReplyBox } = valid;
    expect(errorsOf(withoutReplyBox)).toEqual(['replyBox: is required (object)']);
  });

  it('rejects a value rule of the wrong type with a hint about both accepted forms', () => {
    const errors = errorsOf({ ...valid, activeConversation: { key: 42, customer: '.x' } });
    expect(errors).toEqual([expect.stringMatching(/^activeConversation\.key: must be a CSS selector \(text\) or an object/)]);
  });

  it('rejects a wrong format marker and a bad provenance date', () => {
    const errors = errorsOf({ ...valid, format: 'undertone-adapter/2', checked: { against: 'x', on: '21/11/2026' } });
    expect(errors).toEqual(
      expect.arrayContaining([
        'format: must be "undertone-adapter/1"',
        expect.stringMatching(/^checked\.on: must be a date/),
      ]),
    );
  });
});
