/**
 * The reference y-websocket server (@y/websocket-server 0.1.1) as its own
 * `y-websocket-server` bin starts it (src/server.js: ws + setupWSConnection),
 * except that it listens on 127.0.0.1 (PORT, 0 for any free port) and prints
 * the URL it got.
 * Persistence is the package's own: YPERSISTENCE=<dir> stores every update in
 * LevelDB (y-leveldb), set by the runner as a deployment would. On SIGTERM the
 * database is closed so that writes in flight are not lost, then it exits.
 */
import http from 'node:http'
import { WebSocketServer } from 'ws'
import { getPersistence, setupWSConnection } from '@y/websocket-server/utils'

const wss = new WebSocketServer({ noServer: true })
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' })
  response.end('okay')
})
wss.on('connection', setupWSConnection)
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
})
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address()
  process.stderr.write(`listening on http://127.0.0.1:${port}\n`)
})

let stopping = false
process.on('SIGTERM', () => {
  if (stopping) return
  stopping = true
  server.close()
  for (const client of wss.clients) client.terminate()
  const persistence = getPersistence()
  const closing = persistence === null ? Promise.resolve() : persistence.provider.destroy()
  closing.then(
    () => process.exit(0),
    (error) => {
      console.error(error)
      process.exit(1)
    },
  )
})
