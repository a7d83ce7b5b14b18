/**
 * Structured logging: one JSON line per event (pino). Callers log pad ids,
 * never pad keys: a key in a log line would hand the pad to whoever reads the
 * logs. The destination is injectable so that tests can read what was logged.
 */
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino'
import type { LogLevel } from './config'

export type Logger = PinoLogger

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'atelier-pad' }, timestamp: pino.stdTimeFunctions.isoTime }
  return destination === undefined ? pino(options) : pino(options, destination)
}
