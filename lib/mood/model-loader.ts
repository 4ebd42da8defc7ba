// Loads the mood model once, on first use: in the extension from its packaged file (fetched, never part of a content
// script), in Node from the repository's public/ folder; the file is gzipped and decompressed with the platform's
// DecompressionStream.
import { decodeModel, type MoodModel } from './mood-model.ts';

/** The model file's path inside the extension (WXT copies public/ to the extension's root). */
export const MOOD_MODEL_PATH = '/mood-model.bin.gz';
/** The same file relative to this module in the repository (read by Node). */
const REPOSITORY_MODEL = '../../public/mood-model.bin.gz';

type ExtensionRuntime = { runtime?: { getURL?(path: string): string } };
let loading: Promise<MoodModel> | null = null;
let readBytes: () => Promise<Uint8Array> = readPackagedBytes;

/** The model, loaded and decoded once; a failed load is retried on the next call. */
export function loadMoodModel(): Promise<MoodModel> {
  loading ??= readBytes()
    .then(gunzip)
    .then(decodeModel)
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}

/** Reads the model from elsewhere (tests, tools); the next `loadMoodModel` uses it. */
export function setMoodModelSource(read: () => Promise<Uint8Array>): void {
  readBytes = read;
  loading = null;
}

async function readPackagedBytes(): Promise<Uint8Array> {
  const runtime = (globalThis as { chrome?: ExtensionRuntime }).chrome?.runtime;
  if (runtime?.getURL) {
    const response = await fetch(runtime.getURL(MOOD_MODEL_PATH));
    if (!response.ok) throw new Error(`mood model: ${MOOD_MODEL_PATH} answered ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
  // Node: the module name is a variable so browser bundlers leave this branch alone.
  const fsModule = 'node:fs/promises';
  const fs = (await import(/* @vite-ignore */ fsModule)) as typeof import('node:fs/promises');
  const here = import.meta.url;
  return new Uint8Array(await fs.readFile(new URL(REPOSITORY_MODEL, here)));
}

export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
