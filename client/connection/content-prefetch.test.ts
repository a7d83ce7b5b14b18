/** The prefetch asks once for everything, keeps only the answer, writes nothing, and gives up cleanly. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PadState } from '../../shared/protocol/api'
import { decodeMessage, encodeMessage } from '../../shared/protocol/messages'
import { encodeParticipantSecret } from '../../shared/protocol/participant-id'
import type { PrefetchSocket } from './content-prefetch'
import { prefetchPadContent } from './content-prefetch'

const settings: PadState = {
  title: 'Café projets',
  language: 'fr',
  event: { name: '', date: '', place: '' },
  license: 'CC-BY-SA-4.0',
  dataLicense: 'etalab-2.0',
  locked: false,
  lifetime: 'year',
  createdAt: '2026-11-21T10:00:00.000Z',
  updatedAt: '2026-11-21T11:00:00.000Z',
  expiresAt: null,
  extraContributors: [],
  restoreRole: 'edit',
  publishedVersion: null,
}

const participantSecret = encodeParticipantSecret(new Uint8Array(32).fill(7))

class FakeSocket implements PrefetchSocket {
  binaryType: BinaryType = 'blob'
  readyState = 0
  onopen: PrefetchSocket['onopen'] = null
  onmessage: PrefetchSocket['onmessage'] = null
  onclose: PrefetchSocket['onclose'] = null
  onerror: PrefetchSocket['onerror'] = null
  readonly sent: Uint8Array[] = []
  closedWith: number | null = null

  constructor(readonly url: string) {}

  send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    if (!(data instanceof Uint8Array)) throw new TypeError('the prefetch sends binary frames only')
    this.sent.push(data)
  }
  close(code?: number): void {
    this.closedWith = code ?? null
    this.readyState = 3
  }
  open(): void {
    this.readyState = 1
    this.onopen?.call(this as unknown as WebSocket, new Event('open'))
  }
  receive(frame: Uint8Array): void {
    const data = frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength)
    this.onmessage?.call(this as unknown as WebSocket, new MessageEvent('message', { data }))
  }
  closeFromServer(): void {
    this.readyState = 3
    // Node 20 has no CloseEvent; the prefetch reads nothing from the event.
    this.onclose?.call(this as unknown as WebSocket, new Event('close') as CloseEvent)
  }
}

function start(timeoutMs = 10_000): { socket: () => FakeSocket; content: Promise<Uint8Array | null> } {
  let socket: FakeSocket | null = null
  const content = prefetchPadContent({
    serverUrl: 'ws://pad.test/ws',
    padKey: 'AAAAAAAAAAAAAAAAAAAAAA',
    participantSecret,
    timeoutMs,
    openSocket: (url) => (socket = new FakeSocket(url)),
  })
  return {
    socket: () => {
      if (socket === null) throw new Error('no socket was opened')
      return socket
    },
    content,
  }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('prefetchPadContent', () => {
  it('asks for everything with one sync step 1 and resolves with the step 2, past the other frames', async () => {
    const { socket, content } = start()
    // The relay refuses a writing link's connection that presents no participant (4426).
    expect(socket().url).toBe(`ws://pad.test/ws/AAAAAAAAAAAAAAAAAAAAAA?participant=${participantSecret}`)
    socket().open()
    expect(socket().sent.map((frame) => decodeMessage(frame))).toEqual([
      { type: 'sync-step-1', stateVector: new Uint8Array([0]) },
    ])
    socket().receive(encodeMessage({ type: 'sync-step-1', stateVector: new Uint8Array([0]) }))
    socket().receive(encodeMessage({ type: 'settings', settings }))
    socket().receive(encodeMessage({ type: 'sync-step-2', update: new Uint8Array([7, 8, 9]) }))
    expect(await content).toEqual(new Uint8Array([7, 8, 9]))
    // Nothing was written back (the server's step 1 is not answered) and the socket is closed normally.
    expect(socket().sent).toHaveLength(1)
    expect(socket().closedWith).toBe(1000)
  })

  it('gives null when the server closes the connection first (e.g. an unknown key)', async () => {
    const { socket, content } = start()
    socket().open()
    socket().closeFromServer()
    expect(await content).toBeNull()
  })

  it('gives null on a frame it cannot read', async () => {
    const { socket, content } = start()
    socket().open()
    socket().receive(new Uint8Array([250, 1, 2]))
    expect(await content).toBeNull()
    expect(socket().closedWith).toBe(1000)
  })

  it('gives up after the timeout and closes the socket', async () => {
    vi.useFakeTimers()
    const { socket, content } = start(2000)
    socket().open()
    vi.advanceTimersByTime(2000)
    expect(await content).toBeNull()
    expect(socket().closedWith).toBe(1000)
  })
})
