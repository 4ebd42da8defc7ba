// release.json: what `npm run package` produced (versions, ids, file names, hashes), read by the relay's update routes.
import { z } from 'zod';

export const RELEASE_FILE = 'release.json';

const FileName = z.string().regex(/^[A-Za-z0-9._-]+$/, 'a plain file name in the same directory');
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const ReleaseDescriptorSchema = z.object({
  version: z.string().regex(/^\d+(\.\d+){0,3}$/, 'one to four dot-separated numbers'),
  /** Base URL the packages were built to update from (update_url in the manifests), when one was given. */
  updateBase: z.string().url().optional(),
  chrome: z.object({
    zip: FileName,
    crx: z.object({ file: FileName, extensionId: z.string().regex(/^[a-p]{32}$/), sha256: Sha256 }).optional(),
  }),
  firefox: z.object({ file: FileName, addonId: z.string().min(1), sha256: Sha256 }),
});

export type ReleaseDescriptor = z.infer<typeof ReleaseDescriptorSchema>;
