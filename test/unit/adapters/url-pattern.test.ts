// URL match patterns: scheme, host wildcards, paths and the any-port rule; adapter choice by URL.
import { describe, expect, it } from 'vitest';
import { builtinAdapters } from '../../../lib/adapters/builtin/index.ts';
import { compileUrlPattern, findAdapter, urlMatchesAny } from '../../../lib/adapters/engine/index.ts';

describe('URL patterns', () => {
  it('matches subdomains with *. and paths with *', () => {
    const patterns = ['https://*.zendesk.test/agent/*'];
    expect(urlMatchesAny(patterns, 'https://acme.zendesk.test/agent/tickets/12')).toBe(true);
    expect(urlMatchesAny(patterns, 'https://zendesk.test/agent/')).toBe(true);
    expect(urlMatchesAny(patterns, 'https://acme.zendesk.test/admin')).toBe(false);
    expect(urlMatchesAny(patterns, 'https://evilzendesk.test/agent/x')).toBe(false);
    expect(urlMatchesAny(patterns, 'http://acme.zendesk.test/agent/x')).toBe(false);
  });

  it('ignores the port unless the pattern names one, and ignores the fragment', () => {
    expect(urlMatchesAny(['http://localhost/desk*'], 'http://localhost:8790/desk?agent=alice#x')).toBe(true);
    expect(urlMatchesAny(['http://localhost:9000/*'], 'http://localhost:8790/desk')).toBe(false);
  });

  it('explains a pattern without a scheme or path', () => {
    expect(compileUrlPattern('acme.test')).toMatch(/is not a URL pattern/);
    expect(compileUrlPattern('https://acme.test')).toMatch(/is not a URL pattern/);
  });

  it('picks the first matching adapter, or none', () => {
    expect(findAdapter(builtinAdapters, 'http://127.0.0.1:8790/desk/conversations/c-1')?.id).toBe('northwind-demo');
    expect(findAdapter(builtinAdapters, 'https://example.org/')).toBeNull();
  });
});
