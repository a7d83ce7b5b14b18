/**
 * The relay's open WebSockets, as the rooms write to them (`PeerSocket`):
 * frames written in one synchronous run leave corked together, each relayed
 * frame is framed once for every peer it goes to, a connection that stops
 * reading is dropped instead of buffered for, every close the server makes
 * is counted once, and connections that stop answering pings are dropped.
 * It does not read what the sockets send (gateway.ts does).
 */
import type { Duplex } from 'node:stream'
import type { WebSocket } from 'ws'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import type { PeerSocket } from './peer'
import { createFrameCache } from './websocket-frame'

export interface PeerSocketsOptions {
  /** Bytes waiting for a client that stopped reading before it is dropped. */
  maxBufferedBytes: number
  /** How often connections are pinged; one that has not answered the previous ping is dropped. */
  pingIntervalMs: number
  /** How long a connection asked to prove it is alive (a client id conflict) has to answer. */
  probeTimeoutMs: number
}

export interface PeerSockets {
  /** Starts following an accepted socket; returns what its room writes to. */
  add(socket: WebSocket, raw: Duplex): PeerSocket
  /** The socket closed. */
  remove(socket: WebSocket): void
  /** Stops pinging (the relay is closing: nobody is dropped for a late pong meanwhile). */
  stopPinging(): void
  /** Closes every socket with `code`. */
  closeAll(code: number, reason: string): void
}

export function createPeerSockets(options: PeerSocketsOptions, deps: { log: Logger; metrics: Metrics }): PeerSockets {
  const { log, metrics } = deps
  const sockets = new Set<WebSocket>()
  const unanswered = new WeakSet<WebSocket>()
  /**
   * Sockets written to in this synchronous run, corked until it ends (the
   * microtask that follows): the frames a peer gets from one relay (an
   * update, its acknowledgement, presence) leave in one system call instead
   * of one each, without waiting for the next turn of the event loop.
   */
  const corkedSockets = new Set<Duplex>()
  /** A relayed frame is framed once for all the peers it goes to. */
  const frameOf = createFrameCache()
  const uncorkAll = (): void => {
    for (const raw of corkedSockets) raw.uncork()
    corkedSockets.clear()
  }

  const pinger = setInterval(() => {
    for (const socket of sockets) {
      if (unanswered.has(socket)) {
        socket.terminate()
        continue
      }
      unanswered.add(socket)
      socket.ping()
    }
  }, options.pingIntervalMs)
  pinger.unref()

  return {
    add(socket, raw) {
      sockets.add(socket)
      socket.on('pong', () => unanswered.delete(socket))
      return {
        send(frame) {
          if (socket.readyState !== socket.OPEN) return
          if (!corkedSockets.has(raw)) {
            if (corkedSockets.size === 0) queueMicrotask(uncorkAll)
            corkedSockets.add(raw)
            raw.cork()
          }
          // ws never queues here (no compression, no Blobs), so writing the
          // frame's bytes straight to the socket keeps the order of frames.
          raw.write(frameOf(frame))
          // A client that stops reading would make us buffer every update of
          // the pad for it; drop it instead (it resyncs when it reconnects).
          if (socket.bufferedAmount > options.maxBufferedBytes) {
            log.warn({ bufferedBytes: socket.bufferedAmount }, 'dropping a connection that does not read')
            metrics.closes.inc({ code: 'backpressure' })
            socket.terminate()
          }
        },
        close(code, reason) {
          // Every close the server makes passes here, and only here is it counted.
          metrics.closes.inc({ code: String(code) })
          socket.close(code, reason)
        },
        probe() {
          unanswered.add(socket)
          socket.ping()
          setTimeout(() => {
            if (unanswered.has(socket)) socket.terminate()
          }, options.probeTimeoutMs).unref()
        },
      }
    },
    remove(socket) {
      sockets.delete(socket)
    },
    stopPinging: () => clearInterval(pinger),
    closeAll(code, reason) {
      clearInterval(pinger)
      for (const socket of sockets) socket.close(code, reason)
    },
  }
}
