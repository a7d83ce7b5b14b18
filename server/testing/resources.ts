/**
 * Everything an integration test starts — in-process servers, server
 * processes, postgres and redis-server, stock clients, raw sockets — made
 * through one object that tears it all down after each test
 * (`useTestResources()` registers the afterEach), or after the file's last
 * test with `useTestResources({ scope: 'file' })`, for what is slow to start.
 * Tests then say what they do, not how they clean up.
 */
import { afterAll, afterEach } from 'vitest'
import type * as Y from 'yjs'
import {
  connectClient,
  connectRaw,
  startServerProcess,
  startTestServer,
  whenJoined,
  whenSynced,
  type RawClient,
  type ServerProcess,
  type TestClient,
  type TestServer,
  type TestServerDeps,
} from './harness'
import { startPostgres, startRedis, type PostgresProcess, type RedisProcess, type ServiceProcess } from '../scale-out/local-services'

/** A running server, or its WebSocket origin. */
export type ServerTarget = TestServer | ServerProcess | string

export interface TestResources {
  startServer(env?: Record<string, string>, dataDir?: string, deps?: TestServerDeps): Promise<TestServer>
  startProcess(dataDir: string, env?: Record<string, string>): Promise<ServerProcess>
  /** A stock client; `params` go in the relay URL's query (a participant secret). */
  client(target: ServerTarget, key: string, doc?: Y.Doc, params?: Record<string, string>): TestClient
  raw(target: ServerTarget, key: string): RawClient
  /** A stock client, once it has synced with its pad. */
  syncedClient(target: ServerTarget, key: string, doc?: Y.Doc): Promise<TestClient>
  /** A raw client, once it has joined its pad's room (had the server's first frame). */
  joinedRaw(target: ServerTarget, key: string): Promise<RawClient>
  /** A real postgres in a fresh folder on a free port (about a second to start). */
  startPostgres(): Promise<PostgresProcess>
  /** A real redis-server on a free port. */
  startRedis(): Promise<RedisProcess>
}

export interface TestResourcesOptions {
  /** When everything is torn down: after each test (the default) or after the file's last test. */
  scope?: 'test' | 'file'
}

export function useTestResources(options: TestResourcesOptions = {}): TestResources {
  const servers: TestServer[] = []
  const processes: ServerProcess[] = []
  const clients: TestClient[] = []
  const raws: RawClient[] = []
  const services: ServiceProcess[] = []

  const teardown = options.scope === 'file' ? afterAll : afterEach
  teardown(async () => {
    for (const raw of raws.splice(0)) {
      // A paused socket (backpressure tests) must flow again to close.
      raw.socket.resume()
      raw.socket.terminate()
    }
    for (const client of clients.splice(0)) client.destroy()
    await Promise.all(servers.splice(0).map((server) => server.close()))
    for (const server of processes.splice(0)) server.child.kill('SIGKILL')
    // Last: the servers above may hold connections to these.
    await Promise.all(services.splice(0).map((service) => service.close()))
  })

  const wsUrlOf = (target: ServerTarget): string => (typeof target === 'string' ? target : target.wsUrl)

  function client(target: ServerTarget, key: string, doc?: Y.Doc, params?: Record<string, string>): TestClient {
    const made = connectClient(wsUrlOf(target), key, doc, params)
    clients.push(made)
    return made
  }

  function raw(target: ServerTarget, key: string): RawClient {
    const made = connectRaw(wsUrlOf(target), key)
    // A server that closes while a large frame is still being written resets the socket.
    made.socket.on('error', () => {})
    raws.push(made)
    return made
  }

  return {
    async startServer(env = {}, dataDir, deps) {
      const server = await startTestServer(env, dataDir, deps)
      servers.push(server)
      return server
    },
    async startProcess(dataDir, env = {}) {
      const server = await startServerProcess(dataDir, env)
      processes.push(server)
      return server
    },
    client,
    raw,
    async syncedClient(target, key, doc) {
      const made = client(target, key, doc)
      await whenSynced(made)
      return made
    },
    async joinedRaw(target, key) {
      const made = raw(target, key)
      await whenJoined(made)
      return made
    },
    async startPostgres() {
      const postgres = await startPostgres()
      services.push(postgres)
      return postgres
    },
    async startRedis() {
      const redis = await startRedis()
      services.push(redis)
      return redis
    },
  }
}
