// @vitest-environment happy-dom
// The worked example in docs/adapters.md stays true: its JSON validates and reads its HTML as the text describes.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inspectPage } from '../../../lib/adapters/engine/index.ts';
import { parseAdapterConfig } from '../../../lib/adapters/format/index.ts';

const guide = readFileSync(resolve('docs/adapters.md'), 'utf8');
const block = (language: string) => {
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(guide);
  if (!match?.[1]) throw new Error(`no ${language} block in docs/adapters.md`);
  return match[1];
};

afterEach(() => {
  document.body.replaceChildren();
});

describe('docs/adapters.md worked example', () => {
  it('validates and finds everything in the example page', () => {
    const result = parseAdapterConfig(block('json'));
    if (!result.ok) throw new Error(result.message);
    history.replaceState(null, '', '/agent/chats/9001');
    document.body.innerHTML = block('html');
    const found = inspectPage(result.adapter, document);
    expect(found.missing).toEqual([]);
    expect(found.warnings).toEqual([]);
    expect(found.agentName).toBe('Sam Agent');
    expect(found.conversations).toEqual([
      { key: '9001', customer: 'Jordan Lee', active: true },
      { key: '9002', customer: 'Priya N.', active: false },
    ]);
    expect(found.active).toEqual({ key: '9001', customer: 'Jordan Lee' });
    expect(found.messages?.map((message) => [message.id, message.author, message.text, message.at])).toEqual([
      ['e1', 'system', 'Chat started', null],
      ['e2', 'customer', 'Where is my order?', Date.parse('2026-11-21T10:15:00Z')],
      ['e3', 'agent', 'Checking now.', Date.parse('2026-11-21T10:16:00Z')],
    ]);
  });
});
