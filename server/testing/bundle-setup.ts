/**
 * Vitest's global set-up for the integration tests: builds the server's
 * bundle (server/bundle.ts) once per run, so that the tests that start the
 * server as a process run what `npm start` runs, from the sources as they are.
 */
import { bundleServer } from '../bundle'

export default async function setup(): Promise<void> {
  await bundleServer()
}
