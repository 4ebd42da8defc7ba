// Adapter health at the relay: the stores, the hub's part that takes reports and tells supervisors, and the summary
// the admin command prints.
export { mergeReports, sameReports, type AdapterHealthStore, type StoredSiteHealth } from './health-store.ts';
export { SqliteHealthStore } from './sqlite-health-store.ts';
export { summariseHealth, healthLines, sinceWords, type HealthSummary, type HealthProblem, type AdapterErrorsReport } from './health-summary.ts';
export { HealthDesk, type HealthDeskParts } from './health-desk.ts';
