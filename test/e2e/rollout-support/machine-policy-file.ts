// Writes a machine-wide browser policy file for one test and guarantees its removal: it never overwrites a file
// someone else placed (it waits for that one to go), and it is removed by the returned function or at process exit.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function placeMachinePolicy(path: string, policy: unknown, waitForOthersMs = 60_000): Promise<() => void> {
  const deadline = Date.now() + waitForOthersMs;
  while (existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`${path} is held by another test or an admin for over ${waitForOthersMs / 1000} s; not overwriting it`);
    await sleep(250);
  }
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(policy, null, 2));
  renameSync(temp, path);
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    rmSync(path, { force: true });
    process.off('exit', remove);
  };
  process.on('exit', remove);
  return remove;
}
