// Summarises a V8 .cpuprofile (from `npm run bench -- --profile DIR`): the functions and the source files or
// packages with the most self time, and the relay functions with the most inclusive time.
// Usage: node bin/run-ts.mjs test/bench/profile-summary.ts FILE.cpuprofile [TOP]
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A short place name: the package for dependencies, the project path for the project's own files. */
function placeOf(url: string): string {
  if (!url) return '(native / V8)';
  const nodeModules = url.lastIndexOf('node_modules/');
  if (nodeModules >= 0) {
    const parts = url.slice(nodeModules + 13).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith('node:')) return url;
  const lib = url.indexOf('/lib/');
  return lib >= 0 ? url.slice(lib + 1) : url;
}

function summarise(profile: CpuProfile, top: number): string {
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const idleIds = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  const busy = total - [...idleIds].reduce((a, id) => a + (selfUs.get(id) ?? 0), 0);

  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  for (const [id, us] of selfUs) {
    if (idleIds.has(id)) continue;
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const fn = `${functionName || '(anonymous)'} ${placeOf(url)}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    byPlace.set(placeOf(url), (byPlace.get(placeOf(url)) ?? 0) + us);
  }

  // Inclusive time of project functions: each sample counts once for every distinct frame on its stack.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    if (idleIds.has(id)) continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url, lineNumber } = byId.get(at)!.callFrame;
      if (!url.includes('/lib/') || url.includes('node_modules')) continue;
      const fn = `${functionName || '(anonymous)'} ${placeOf(url)}:${lineNumber + 1}`;
      if (seen.has(fn)) continue;
      seen.add(fn);
      inclusive.set(fn, (inclusive.get(fn) ?? 0) + us);
    }
  }

  const pct = (us: number) => `${((100 * us) / Math.max(1, busy)).toFixed(1).padStart(5)}%`;
  const list = (title: string, m: Map<string, number>) =>
    [title, ...[...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => `  ${pct(us)}  ${k}`)].join('\n');
  return [
    `busy ${(busy / 1e6).toFixed(2)} s of ${(total / 1e6).toFixed(2)} s sampled`,
    list('self time by package or file:', byPlace),
    list('self time by function:', byFunction),
    list('inclusive time of project functions:', inclusive),
  ].join('\n\n');
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: profile-summary.ts FILE.cpuprofile [TOP]');
  process.exit(2);
}
console.log(summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(topArg ?? 15)));
