// Runs before the e2e suite: stops it with a message naming any machine-wide browser policy file left by something
// else, since such a file makes unrelated tests fail in confusing ways (e.g. waiting for an editable relay field).
import { leftoverPolicyMessage, machinePolicyFiles } from './policy.ts';

export default function checkMachinePolicy(): void {
  const files = machinePolicyFiles();
  if (files.length > 0) throw new Error(`e2e tests not started: ${leftoverPolicyMessage(files)}`);
}
