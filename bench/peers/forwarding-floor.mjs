/**
 * The floor of the load scenarios, not a server anyone would deploy: a
 * WebSocket relay that forwards every frame of a pad's connection to the
 * pad's other connections as it arrives, without parsing, checking, applying
 * or storing it (ws, one send per frame and peer, as the peers send). It
 * answers a client's sync request with an empty document and sends its own
 * empty one, so that a y-websocket client counts as synced. Whatever a real
 * server adds to its latency and CPU comes on top of these figures.
 * Pads are named by the URL path, as with y-websocket-server.
 */
import http from 'node:http'
import { WebSocketServer } from 'ws'

// y-websocket frames: [messageSync, syncStep1, varUint8Array(empty state vector)] and
// [messageSync, syncStep2, varUint8Array(empty update: no structs, no deletions)].
const emptyStateRequest = Buffer.from([0, 0, 1, 0])
const emptyStateAnswer = Buffer.from([0, 1, 2, 0, 0])

const pads = new Map()
const wss = new WebSocketServer({ noServer: true })
wss.on('connection', (socket, request) => {
  const name = request.url ?? '/'
  let pad = pads.get(name)
  if (pad === undefined) {
    pad = new Set()
    pads.set(name, pad)
  }
  pad.add(socket)
  socket.send(emptyStateRequest)
  socket.on('message', (frame) => {
    if (frame[0] === 0 && frame[1] === 0) {
      socket.send(emptyStateAnswer)
      return
    }
    for (const other of pad) if (other !== socket) other.send(frame)
  })
  socket.on('close', () => {
    pad.delete(socket)
    if (pad.size === 0) pads.delete(name)
  })
})

const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' })
  response.end('okay')
})
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
})
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address()
  process.stderr.write(`listening on http://127.0.0.1:${port}\n`)
})
process.on('SIGTERM', () => process.exit(0))
