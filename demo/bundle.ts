// Bundles the demo helpdesk's browser app (Preact, TSX) into one ES module in memory with esbuild (shipped with wxt).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./app/main.tsx', import.meta.url));

export async function bundleDeskApp(): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output for the demo app');
  return output.text;
}
