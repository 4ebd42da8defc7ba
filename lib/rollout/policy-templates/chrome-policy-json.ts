// Chrome/Chromium policy file for Linux (/etc/opt/chrome/policies/managed/, /etc/chromium/policies/managed/).
import { chromeForcelistEntry, type Deployment } from './deployment.ts';

export function chromePolicyJson(d: Deployment): string {
  const policy = {
    ExtensionInstallForcelist: [chromeForcelistEntry(d)],
    '3rdparty': { extensions: { [d.chromeId]: d.config } },
  };
  return JSON.stringify(policy, null, 2) + '\n';
}
