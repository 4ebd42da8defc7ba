// What every policy template needs: the two extension ids, the relay's public base URL and the managed configuration.
import { chromeUpdateUrl, firefoxInstallUrl } from '../update-urls.ts';
import type { SchemaNode } from './managed-schema.ts';

export type Deployment = {
  /** Chromium extension id (from the CRX signing key). */
  chromeId: string;
  /** Firefox add-on id (browser_specific_settings.gecko.id). */
  geckoId: string;
  /** Public base URL of the relay that serves the packages, e.g. https://relay.example.com. */
  updateBase: string;
  /** The managed configuration (storage.managed), shaped by the schema. */
  config: Record<string, unknown>;
  schema: SchemaNode;
};

/** The ExtensionInstallForcelist entry: "<id>;<update manifest URL>". */
export const chromeForcelistEntry = (d: Deployment) => `${d.chromeId};${chromeUpdateUrl(d.updateBase)}`;
export const firefoxXpiUrl = (d: Deployment) => firefoxInstallUrl(d.updateBase);
