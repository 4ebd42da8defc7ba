// Admin rollout: extension packages (zip, CRX3, xpi), update manifests served by the relay, policy templates.
export { writeZip, type ZipEntry } from './zip-writer.ts';
export { createCrx3, readCrx3, extensionIdFromPublicKey, publicKeyDer, loadRsaPrivateKey, type Crx3Contents } from './crx3.ts';
export { buildPackages, type PackageInput, type PackageResult } from './package-builder.ts';
export { RELEASE_FILE, ReleaseDescriptorSchema, type ReleaseDescriptor } from './release-descriptor.ts';
export * from './update-urls.ts';
export * from './policy-templates/index.ts';
export { chromeUpdateXml, firefoxUpdatesJson } from './update-manifests.ts';
export { createExtensionRoutes, type ExtensionRoutes } from './extension-update-routes.ts';
export { parseCsv, csvLine } from './csv.ts';
export { parseUserCsv, importUsers, ImportError, type ImportDirectory, type ImportRow, type ImportOutcome } from './user-import.ts';
export { readHistory, historyCsv, parseBound, ExportError, type HistoryRecord, type HistoryFilter } from './history-export.ts';
export { runRolloutCommand, ROLLOUT_COMMANDS, type RolloutContext } from './rollout-commands.ts';
