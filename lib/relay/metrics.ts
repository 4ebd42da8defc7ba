// Prometheus metrics of one relay process: connections, frames, deliveries, delivery latency, rejections.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type RelayMetrics = ReturnType<typeof createMetrics>;

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'undertone_process_' });
  const connections = new Gauge({ name: 'undertone_connections', help: 'Open WebSocket connections', labelNames: ['state'], registers: [registry] });
  const framesIn = new Counter({ name: 'undertone_frames_in_total', help: 'Frames received, by type', labelNames: ['type'], registers: [registry] });
  const framesOut = new Counter({ name: 'undertone_frames_out_total', help: 'Frames sent', registers: [registry] });
  const deliveries = new Counter({
    name: 'undertone_deliveries_total',
    help: 'Durable stream entries delivered to live connections, by kind',
    labelNames: ['kind'],
    registers: [registry],
  });
  const deliveryLatency = new Histogram({
    name: 'undertone_delivery_latency_seconds',
    help: 'From a durable frame arriving to its delivery to every live recipient (includes the commit)',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const rejections = new Counter({ name: 'undertone_rejections_total', help: 'Rejected frames and connections, by code', labelNames: ['code'], registers: [registry] });
  const commits = new Counter({ name: 'undertone_store_commits_total', help: 'Group commits of the durable store', registers: [registry] });
  const commitSize = new Histogram({
    name: 'undertone_store_commit_appends',
    help: 'Appends (messages or receipts) per group commit',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    registers: [registry],
  });

  // Label children are resolved once: the hot path only increments.
  const inByType = new Map<string, Counter.Internal>();
  const rejectByCode = new Map<string, Counter.Internal>();
  const framesOutChild = framesOut;
  return {
    registry,
    connections,
    deliveries,
    deliveryLatency,
    committed(appends: number): void {
      commits.inc();
      commitSize.observe(appends);
    },
    frameIn(type: string): void {
      let child = inByType.get(type);
      if (!child) inByType.set(type, (child = framesIn.labels(type)));
      child.inc();
    },
    frameOut(): void {
      framesOutChild.inc();
    },
    reject(code: string): void {
      let child = rejectByCode.get(code);
      if (!child) rejectByCode.set(code, (child = rejections.labels(code)));
      child.inc();
    },
  };
}
