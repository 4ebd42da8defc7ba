// Which adapters a tab gets: custom ones first (checked, problems in words), a named built-in applied to its site.
import { describe, expect, it } from 'vitest';
import { adapterCatalogue } from '../../../lib/extension/adapter-catalogue.ts';
import { builtinAdapters, findAdapter } from '../../../lib/adapters/index.ts';

describe('adapterCatalogue', () => {
  it('puts a valid custom adapter first, restricted to its site', () => {
    const demo = builtinAdapters.find((a) => a.id === 'northwind-demo')!;
    const custom = JSON.stringify({ ...demo, id: 'acme-desk', name: 'Acme Desk', match: { urls: ['https://desk.acme.example/agent/*'] } });
    const { adapters, problems } = adapterCatalogue([{ match: 'https://desk.acme.example/*', adapter: 'custom', adapterConfig: custom }]);
    expect(problems).toEqual([]);
    expect(adapters[0]!.id).toBe('acme-desk');
    expect(findAdapter(adapters, 'https://desk.acme.example/agent/chats/1')?.id).toBe('acme-desk');
    expect(adapters.slice(1)).toEqual([...builtinAdapters]);
  });

  it('reports an unusable custom adapter in words and keeps the built-ins', () => {
    const { adapters, problems } = adapterCatalogue([{ match: 'https://x.example/*', adapter: 'custom', adapterConfig: '{"format":"undertone-adapter/1"}' }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^The custom adapter for https:\/\/x\.example\/\* is not usable: /);
    expect(adapters).toEqual([...builtinAdapters]);
  });

  it('applies a built-in named by a site to that site (a self-hosted Chatwoot)', () => {
    const { adapters, problems } = adapterCatalogue([
      { match: 'https://chat.internal.example/*', adapter: 'chatwoot' },
      { match: 'https://y.example/*', adapter: 'nonesuch' },
    ]);
    expect(findAdapter(adapters, 'https://chat.internal.example/app/accounts/1/conversations/2')?.id).toBe('chatwoot');
    expect(problems).toEqual(['https://y.example/* names the adapter "nonesuch", which does not exist; the built-in adapters are tried instead.']);
  });
});
