/**
 * Prometheus metrics (prom-client) for operators: connections, loaded rooms,
 * messages and bytes in and out, closes by code, how long applying an update
 * and writing it to the store take, and the process's own figures (event-loop
 * lag among them). One registry per server, never the global one, so that
 * servers in one process (tests) do not mix their counts.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

export interface Metrics {
  readonly registry: Registry
  readonly connections: Gauge
  readonly roomsLoaded: Gauge
  readonly messagesIn: Counter<'type'>
  readonly bytesIn: Counter
  readonly messagesOut: Counter
  readonly bytesOut: Counter
  readonly closes: Counter<'code'>
  readonly updateApplySeconds: Histogram
  /** Docs rebuilt from the store after Yjs refused an update that passed the checks: each one is a gap in the checks. */
  readonly documentRebuilds: Counter
  readonly storeWriteSeconds: Histogram
}

export function createMetrics(): Metrics {
  const registry = new Registry()
  // The event-loop delay histogram samples on a timer: every 10 ms (prom-client's
  // default) woke an idle server 100 times a second, 1.25% of a core with no
  // client at all; once a second costs a tenth of that. The lag at scrape time
  // (nodejs_eventloop_lag_seconds) is measured as before.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 1000 })
  const registers = [registry]
  const fastBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]
  return {
    registry,
    connections: new Gauge({ name: 'atelier_connections', help: 'Open WebSocket connections.', registers }),
    roomsLoaded: new Gauge({ name: 'atelier_rooms_loaded', help: 'Pads held in memory.', registers }),
    messagesIn: new Counter({
      name: 'atelier_messages_in_total',
      help: 'Messages received, by type.',
      labelNames: ['type'] as const,
      registers,
    }),
    bytesIn: new Counter({ name: 'atelier_bytes_in_total', help: 'Bytes received in messages.', registers }),
    messagesOut: new Counter({ name: 'atelier_messages_out_total', help: 'Messages sent.', registers }),
    bytesOut: new Counter({ name: 'atelier_bytes_out_total', help: 'Bytes sent in messages.', registers }),
    closes: new Counter({
      name: 'atelier_closes_total',
      help: 'Connections closed by the server, by close code.',
      labelNames: ['code'] as const,
      registers,
    }),
    updateApplySeconds: new Histogram({
      name: 'atelier_update_apply_seconds',
      help: 'Time to check and apply one update to a pad.',
      buckets: fastBuckets,
      registers,
    }),
    documentRebuilds: new Counter({
      name: 'atelier_document_rebuilds_total',
      help: 'Pad documents rebuilt from the store after Yjs refused an update that passed the checks.',
      registers,
    }),
    storeWriteSeconds: new Histogram({
      name: 'atelier_store_write_seconds',
      help: 'Time to append one update to the store.',
      buckets: fastBuckets,
      registers,
    }),
  }
}
