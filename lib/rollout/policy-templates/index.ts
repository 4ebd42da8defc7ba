// Policy templates for Chrome (Linux JSON, macOS profile, Windows .reg and ADMX) and Firefox, from the managed schema.
export { loadManagedSchema, schemaProperties, MANAGED_SCHEMA_FILE, type SchemaNode, type SchemaProperty } from './managed-schema.ts';
export { exampleConfig } from './example-config.ts';
export { chromeForcelistEntry, type Deployment } from './deployment.ts';
export { chromePolicyJson } from './chrome-policy-json.ts';
export { firefoxPoliciesJson } from './firefox-policies-json.ts';
export { macosMobileconfig } from './macos-mobileconfig.ts';
export { windowsRegistry, encodeRegFile, chromeExtensionPolicyKey } from './windows-registry.ts';
export { windowsAdmx, windowsAdml, admxSettings } from './windows-admx.ts';
export { policyTemplateFiles, TEMPLATE_FILES } from './template-files.ts';
