/**
 * Cold load: the 1 MB pad (large-pad.ts) is built through the server, the
 * server is stopped gracefully and started again on the same data folder, and
 * a new client connects: how long from its connect to holding the full state.
 * The client is the real provider of each protocol in Node (y-websocket's
 * WebsocketProvider, Hocuspocus's HocuspocusProvider), so the time includes
 * applying the state in a Y.Doc, as a page would. Repeated on fresh restarts;
 * the median is the figure.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { DisturbanceGuard } from './disturbance'
import { buildLargePad, hasWholePad, type BuiltPad } from './browser/large-pad'
import type { PadTarget } from './load/load-client'
import { openPads, removeDataDir, serverDialects, startServer, stockProviderAddress, type BenchServer, type ServerKind } from './server-process'

export const coldLoad = { restarts: 5, timeoutMs: 60_000 }

export interface ColdLoadResult {
  pad: BuiltPad
  /** Time to full state after each restart, in order. */
  loadMs: number[]
  medianMs: number
  /** Where the pad lives (kept only when asked, for the browser scenario), and its server's port. */
  dataDir: string
  port: number
  target: PadTarget
}

/** `keepDataDir`: leave the pad's data folder for a later scenario (the caller removes it). */
export async function runColdLoad(kind: ServerKind, guard: DisturbanceGuard, keepDataDir = false): Promise<ColdLoadResult> {
  const first = await startServer(kind)
  const { dataDir, port } = first
  let isKept = false
  try {
    let target: PadTarget
    let pad: BuiltPad
    try {
      ;[target] = (await openPads(first, 1)) as [PadTarget]
      pad = await buildLargePad(serverDialects[kind], target)
      // Let a server that stores on the last disconnect (Hocuspocus) do so before it is asked to stop.
      await new Promise((resolve) => setTimeout(resolve, 1000))
    } finally {
      await first.stop()
    }
    const loadMs: number[] = []
    for (let run = 0; run < coldLoad.restarts; run++) {
      await guard.waitForQuiet()
      const server = await startServer(kind, { dataDir, port })
      try {
        loadMs.push(await timeFullState(server, target, pad))
      } finally {
        await server.stop()
      }
    }
    isKept = keepDataDir
    return { pad, loadMs, medianMs: median(loadMs), dataDir, port, target }
  } finally {
    if (!isKept) removeDataDir(dataDir)
  }
}

/** Connects a stock provider for the pad and resolves with the milliseconds until its doc holds the whole pad. */
export async function timeFullState(server: BenchServer, target: PadTarget, pad: BuiltPad): Promise<number> {
  const doc = new Y.Doc()
  const started = performance.now()
  let destroy: () => void
  if (server.kind === 'hocuspocus') {
    const socket = new HocuspocusProviderWebsocket({ url: server.wsUrl, WebSocketPolyfill: WebSocket })
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: target.documentName, document: doc })
    provider.attach()
    destroy = () => {
      provider.destroy()
      socket.destroy()
    }
  } else {
    const { serverUrl, room } = stockProviderAddress(target)
    const provider = new WebsocketProvider(serverUrl, room, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    })
    destroy = () => provider.destroy()
  }
  try {
    return await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${server.kind}: no full state after ${coldLoad.timeoutMs} ms`)), coldLoad.timeoutMs)
      const check = (): void => {
        if (!hasWholePad(doc, pad)) return
        clearTimeout(timer)
        doc.off('update', check)
        resolve(performance.now() - started)
      }
      doc.on('update', check)
    })
  } finally {
    destroy()
    doc.destroy()
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}
