// Starts the e2e harness's relay process with `--extensions-dir` (through UNDERTONE_EXTENSIONS_DIR, which it inherits).
import { RelayProcess } from '../harness/index.ts';

export async function startRelayServingExtensions(dir: string): Promise<RelayProcess> {
  const before = process.env.UNDERTONE_EXTENSIONS_DIR;
  process.env.UNDERTONE_EXTENSIONS_DIR = dir;
  try {
    return await RelayProcess.start();
  } finally {
    if (before === undefined) delete process.env.UNDERTONE_EXTENSIONS_DIR;
    else process.env.UNDERTONE_EXTENSIONS_DIR = before;
  }
}
