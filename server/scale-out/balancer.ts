/**
 * A TCP load balancer for multi-instance tests and `npm run cluster`, as one
 * would put in front of several pad servers (without sticky sessions): each
 * new connection goes to the next backend in turn, and to the one after it
 * when that one refuses (a killed instance). Not for production: use nginx,
 * HAProxy or the platform's balancer there.
 */
import net from 'node:net'

export interface Balancer {
  /** `ws://127.0.0.1:<port>`: the origin clients connect to. */
  readonly wsUrl: string
  /** How many connections each backend (by index) was given. */
  readonly connectionsPerBackend: number[]
  close(): Promise<void>
}

/** Listens on `port` of 127.0.0.1 (0: a free one). */
export async function startBalancer(backendPorts: readonly number[], port = 0): Promise<Balancer> {
  let next = 0
  const connectionsPerBackend = backendPorts.map(() => 0)
  const sockets = new Set<net.Socket>()

  const connectFrom = (client: net.Socket, attempt: number): void => {
    if (attempt >= backendPorts.length) {
      client.destroy()
      return
    }
    const index = (next + attempt) % backendPorts.length
    const backend = net.connect({ host: '127.0.0.1', port: backendPorts[index] as number })
    sockets.add(backend)
    let isConnected = false
    backend.once('error', () => {
      sockets.delete(backend)
      if (isConnected) client.destroy()
      else connectFrom(client, attempt + 1)
    })
    backend.once('connect', () => {
      isConnected = true
      next = (index + 1) % backendPorts.length
      connectionsPerBackend[index] = (connectionsPerBackend[index] ?? 0) + 1
      client.on('error', () => backend.destroy())
      client.pipe(backend)
      backend.pipe(client)
      backend.once('close', () => {
        sockets.delete(backend)
        client.destroy()
      })
      client.once('close', () => backend.destroy())
      client.resume()
    })
  }

  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    sockets.add(client)
    client.once('close', () => sockets.delete(client))
    connectFrom(client, 0)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const address = server.address() as net.AddressInfo
  return {
    wsUrl: `ws://127.0.0.1:${address.port}`,
    connectionsPerBackend,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
