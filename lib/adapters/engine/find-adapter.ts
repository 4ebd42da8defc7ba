// Picks the adapter for a page URL: the first whose URL patterns match (custom adapters go before built-in ones).
import type { AdapterConfig } from '../format/schema.ts';
import { urlMatchesAny } from '../../url-patterns/index.ts';

export function findAdapter(adapters: readonly AdapterConfig[], url: string): AdapterConfig | null {
  return adapters.find((adapter) => urlMatchesAny(adapter.match.urls, url)) ?? null;
}
