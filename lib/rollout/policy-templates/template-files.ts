// All policy templates of one deployment as files (relative path -> bytes), plus a short guide to where each goes.
import { chromePolicyJson } from './chrome-policy-json.ts';
import { chromeForcelistEntry, type Deployment } from './deployment.ts';
import { firefoxPoliciesJson } from './firefox-policies-json.ts';
import { macosMobileconfig } from './macos-mobileconfig.ts';
import { windowsAdml, windowsAdmx } from './windows-admx.ts';
import { encodeRegFile, windowsRegistry } from './windows-registry.ts';

export const TEMPLATE_FILES = {
  chromeLinux: 'chrome/linux/undertone.json',
  chromeMacos: 'chrome/macos/undertone.mobileconfig',
  chromeWindowsReg: 'chrome/windows/undertone.reg',
  chromeWindowsAdmx: 'chrome/windows/undertone.admx',
  chromeWindowsAdml: 'chrome/windows/en-US/undertone.adml',
  firefox: 'firefox/policies.json',
  guide: 'WHERE-EACH-FILE-GOES.txt',
} as const;

function guide(d: Deployment): string {
  return [
    'Undertone policy templates (generated; see docs/admin.md).',
    '',
    `Chrome extension id: ${d.chromeId}    Firefox add-on id: ${d.geckoId}    relay: ${d.updateBase}`,
    '',
    `${TEMPLATE_FILES.chromeLinux}: copy to /etc/opt/chrome/policies/managed/ (Google Chrome) or /etc/chromium/policies/managed/ (Chromium).`,
    `${TEMPLATE_FILES.chromeMacos}: install with your MDM (or double-click, then System Settings > Privacy & Security > Profiles).`,
    `${TEMPLATE_FILES.chromeWindowsReg}: import with "reg import undertone.reg" as an administrator, or deploy through Group Policy Preferences.`,
    `${TEMPLATE_FILES.chromeWindowsAdmx} + ${TEMPLATE_FILES.chromeWindowsAdml}: copy into C:\\Windows\\PolicyDefinitions (or the domain's central store)`,
    '  for the managed settings; force-install with Google\'s Chrome ADMX policy "Configure the list of force-installed apps and extensions",',
    `  entry: ${chromeForcelistEntry(d)}`,
    `${TEMPLATE_FILES.firefox}: copy into Firefox's "distribution" folder (Linux: /usr/lib/firefox-esr/distribution or /usr/lib/firefox/distribution,`,
    '  Windows: C:\\Program Files\\Mozilla Firefox\\distribution, macOS: Firefox.app/Contents/Resources/distribution).',
    '',
  ].join('\n');
}

export function policyTemplateFiles(d: Deployment): Map<string, Buffer> {
  return new Map<string, Buffer>([
    [TEMPLATE_FILES.chromeLinux, Buffer.from(chromePolicyJson(d))],
    [TEMPLATE_FILES.chromeMacos, Buffer.from(macosMobileconfig(d))],
    [TEMPLATE_FILES.chromeWindowsReg, encodeRegFile(windowsRegistry(d))],
    [TEMPLATE_FILES.chromeWindowsAdmx, Buffer.from(windowsAdmx(d))],
    [TEMPLATE_FILES.chromeWindowsAdml, Buffer.from(windowsAdml(d))],
    [TEMPLATE_FILES.firefox, Buffer.from(firefoxPoliciesJson(d))],
    [TEMPLATE_FILES.guide, Buffer.from(guide(d))],
  ]);
}
