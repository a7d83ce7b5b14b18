import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/close-codes'
import { decodeMessage, encodeMessage, padMessagesParam, type Message } from '../../shared/protocol/messages'
import { participantSecretParam } from '../../shared/protocol/participant-id'
import { createTestPad, newParticipantSecret, readMetric, waitUntil, whenJoined, whenSynced, type TestClient } from '../testing/harness'
import { useTestResources } from '../testing/resources'

const { startServer: start, client, raw: openRaw } = useTestResources()

function decodedFrames(frames: Uint8Array[]): Message[] {
  return frames.map((frame) => decodeMessage(frame))
}

/** The text a client that just started connecting holds when its provider first reports synced. */
async function textWhenSynced(late: TestClient): Promise<string> {
  let textAtSync = ''
  late.provider.on('sync', (isSynced: boolean) => {
    if (isSynced) textAtSync = late.text.toString()
  })
  await whenSynced(late)
  return textAtSync
}

describe('relay', () => {
  it('makes two clients on the edit link converge', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    const alice = client(server, pad.keys.edit)
    const bob = client(server, pad.keys.edit)
    await Promise.all([whenSynced(alice), whenSynced(bob)])
    alice.text.insert(0, 'Alice écrit. ')
    bob.text.insert(0, 'Bob aussi. ')
    await waitUntil('both see both texts', () =>
      [alice, bob].every((c) => c.text.toString().includes('Alice écrit.') && c.text.toString().includes('Bob aussi.')),
    )
    expect(alice.text.toString()).toBe(bob.text.toString())
  })

  it('gives a client joining later the full state, before it reports synced', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    const alice = client(server, pad.keys.admin)
    await whenSynced(alice)
    for (let i = 0; i < 20; i++) alice.text.insert(alice.text.length, `ligne ${i}\n`)
    const expected = alice.text.toString()
    // Once another client has everything, the server has stored it.
    const observer = client(server, pad.keys.view)
    await whenSynced(observer)
    await waitUntil('observer has the text', () => observer.text.toString() === expected)
    expect(await textWhenSynced(client(server, pad.keys.edit))).toBe(expected)
  })

  it('gives newcomers the full state before they report synced while the pad changes between their joins', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    const alice = client(server, pad.keys.admin)
    await whenSynced(alice)
    // Long enough that a few lines more are sent as they are, not encoded anew with the pad.
    for (let i = 0; i < 200; i++) alice.text.insert(alice.text.length, `ligne ${i}\n`)
    const first = client(server, pad.keys.view)
    await whenSynced(first)
    await waitUntil('the first newcomer has the text', () => first.text.toString() === alice.text.toString())
    for (let round = 0; round < 3; round++) {
      alice.text.insert(alice.text.length, `ajout ${round}\n`)
      const expected = alice.text.toString()
      await waitUntil('the write is stored and relayed', () => first.text.toString() === expected)
      expect(await textWhenSynced(client(server, pad.keys.view))).toBe(expected)
    }
  })

  it('serves a pad unloaded from memory from the store, complete on the first sync', async () => {
    const server = await start({ ROOM_IDLE_MS: '0' })
    const pad = await createTestPad(server.url)
    const writer = client(server, pad.keys.edit)
    await whenSynced(writer)
    writer.text.insert(0, 'gardé en base')
    const observer = client(server, pad.keys.view)
    await waitUntil('observer sees the write', () => observer.text.toString() === 'gardé en base')
    writer.destroy()
    observer.destroy()
    await waitUntil('the room is unloaded', () => server.server.relay.roomCount === 0)

    const reader = client(server, pad.keys.view)
    let textAtSync: string | null = null
    reader.provider.on('sync', (isSynced: boolean) => {
      if (isSynced && textAtSync === null) textAtSync = reader.text.toString()
    })
    await whenSynced(reader)
    expect(textAtSync).toBe('gardé en base')
  })

  it('never applies or relays what a view connection writes', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    const editor = client(server, pad.keys.edit)
    const viewer = client(server, pad.keys.view)
    await Promise.all([whenSynced(editor), whenSynced(viewer)])
    editor.text.insert(0, 'officiel')
    await waitUntil('viewer sees the edit', () => viewer.text.toString() === 'officiel')

    viewer.text.insert(0, 'PIRATE ')
    // The same through a raw socket, as an update message and as a sync step 2.
    const raw = openRaw(server, pad.keys.view)
    await raw.opened
    const forged = new Y.Doc()
    forged.getText('t').insert(0, 'FORGÉ ')
    const update = Y.encodeStateAsUpdate(forged)
    raw.socket.send(encodeMessage({ type: 'update', update }))
    raw.socket.send(encodeMessage({ type: 'sync-step-2', update }))
    // A write from the edit link after them proves the room handled them.
    editor.text.insert(editor.text.length, ' !')
    await waitUntil('viewer sees the later edit', () => viewer.text.toString().endsWith(' !'))

    const fresh = client(server, pad.keys.edit)
    await whenSynced(fresh)
    expect(fresh.text.toString()).toBe('officiel !')
    expect(editor.text.toString()).toBe('officiel !')
    expect(decodedFrames(raw.frames).some((message) => message.type === 'stored')).toBe(false)
    raw.socket.close()
  })

  it('refuses an unknown or malformed key with 4404', async () => {
    const server = await start()
    for (const key of ['AAAAAAAAAAAAAAAAAAAAAA', 'not-a-key']) {
      const raw = openRaw(server, key)
      const closed = await raw.closed
      expect(closed.code).toBe(CloseCode.unknownPad)
    }
    const stock = client(server, 'AAAAAAAAAAAAAAAAAAAAAA')
    const final = await new Promise<{ code: number }>((resolve) => stock.provider.on('closed', resolve))
    expect(final.code).toBe(CloseCode.unknownPad)
  })

  it('acknowledges stored writes with the count of writes stored from that connection so far', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    const raw = openRaw(server, pad.keys.edit)
    await raw.opened
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    const acks = (): number[] => decodedFrames(raw.frames).flatMap((m) => (m.type === 'stored' ? [m.writeCount] : []))
    doc.getText('t').insert(0, 'a')
    doc.getText('t').insert(1, 'b')
    doc.getText('t').delete(0, 1)
    // Sent together, they may be stored together: the count covers all three.
    for (const update of updates.splice(0)) raw.socket.send(encodeMessage({ type: 'update', update }))
    await waitUntil('three writes acknowledged', () => acks().includes(3))
    doc.getText('t').insert(1, 'c')
    for (const update of updates.splice(0)) raw.socket.send(encodeMessage({ type: 'update', update }))
    await waitUntil('fourth write acknowledged', () => acks().includes(4))
    const counts = acks()
    expect(counts.at(-1)).toBe(4)
    expect(counts.every((count, index) => index === 0 || count > (counts[index - 1] as number))).toBe(true)
    raw.socket.close()
  })

  it('speaks only the standard protocol to a stock client, which reads, writes and shares presence fully', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    // A stock y-websocket provider and a stock raw client, which do not ask for Atelier Pad's own messages, beside a page-like raw client, which does.
    const unknownToStock: string[] = []
    const originalWarn = console.warn
    const originalError = console.error
    const note = (...args: unknown[]): void => void unknownToStock.push(args.map(String).join(' '))
    console.warn = note
    console.error = note
    try {
      const stock = client(server, pad.keys.edit, new Y.Doc(), { [padMessagesParam]: '0' })
      const stockRaw = openRaw(server, `${pad.keys.edit}?${participantSecretParam}=${newParticipantSecret()}`)
      const page = openRaw(server, pad.keys.edit)
      await Promise.all([whenSynced(stock), whenJoined(stockRaw), whenJoined(page)])
      const pageDoc = new Y.Doc()
      pageDoc.on('update', (update: Uint8Array) => page.socket.send(encodeMessage({ type: 'update', update })))
      pageDoc.getText('t').insert(0, 'Écrit depuis la page. ')
      stock.text.insert(0, 'écrit par un client ordinaire. ')
      stock.provider.awareness.setLocalStateField('user', { name: 'Robot', color: '#333' })
      const pageGot = (): Message[] => decodedFrames(page.frames)
      await waitUntil('the stock client reads the page’s write', () => stock.text.toString().includes('depuis la page'))
      await waitUntil('the page gets the stock client’s write and presence', () =>
        pageGot().some((m) => m.type === 'update') && pageGot().some((m) => m.type === 'awareness'),
      )
      const stockRawText = (): string => {
        const doc = new Y.Doc()
        for (const m of decodedFrames(stockRaw.frames)) if (m.type === 'update' || m.type === 'sync-step-2') Y.applyUpdate(doc, m.update)
        return doc.getText('t').toString()
      }
      await waitUntil('the stock raw client got both writes', () => stockRawText().includes('page') && stockRawText().includes('ordinaire'))
      // The page has its acknowledgement and the settings; the stock clients had neither.
      await waitUntil('the page’s write acknowledged', () => pageGot().some((m) => m.type === 'stored'))
      expect(pageGot().some((m) => m.type === 'settings')).toBe(true)
      const kinds = new Set(decodedFrames(stockRaw.frames).map((m) => m.type))
      expect([...kinds].filter((kind) => !['sync-step-1', 'sync-step-2', 'update', 'awareness'].includes(kind))).toEqual([])
    } finally {
      console.warn = originalWarn
      console.error = originalError
    }
    expect(unknownToStock.filter((line) => /Unable to compute message/.test(line))).toEqual([])
  })

  it('relays awareness so that each participant sees the others', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    const alice = client(server, pad.keys.edit)
    const bob = client(server, pad.keys.view)
    await Promise.all([whenSynced(alice), whenSynced(bob)])
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice', color: '#c33' })
    const names = (c: TestClient): string[] =>
      [...c.provider.awareness.getStates().values()].map((state) => (state as { user?: { name: string } }).user?.name ?? '')
    await waitUntil('bob sees alice', () => names(bob).includes('Alice'))
    alice.destroy()
    await waitUntil('alice left bob\'s list', () => !names(bob).includes('Alice'))
  })

  it('closes a connection that sends garbage, and only that one', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    const honest = client(server, pad.keys.edit)
    await whenSynced(honest)
    const raw = openRaw(server, pad.keys.edit)
    await raw.opened
    raw.socket.send(new Uint8Array([0, 2, 5, 1, 2]))
    expect((await raw.closed).code).toBe(CloseCode.protocolError)
    const text = openRaw(server, pad.keys.edit)
    await text.opened
    text.socket.send('bonjour')
    expect((await text.closed).code).toBe(CloseCode.unsupportedData)
    honest.text.insert(0, 'toujours là')
    const other = client(server, pad.keys.view)
    await waitUntil('the room still works', () => other.text.toString() === 'toujours là')
  })

  it('counts each close once in atelier_closes_total: one refused by the room, one by the gateway, one for a locked-out rotation', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    const mallory = openRaw(server, pad.keys.edit)
    await whenJoined(mallory)
    // A well-framed update that Yjs's decoder refuses: the room closes it with 1007.
    mallory.socket.send(encodeMessage({ type: 'update', update: new Uint8Array([1, 1, 5]) }))
    expect((await mallory.closed).code).toBe(CloseCode.invalidPayload)
    const texter = openRaw(server, pad.keys.edit)
    await texter.opened
    texter.socket.send('bonjour')
    expect((await texter.closed).code).toBe(CloseCode.unsupportedData)
    const editor = openRaw(server, pad.keys.edit)
    await whenJoined(editor)
    const rotated = await fetch(`${server.url}/api/pads/${pad.keys.admin}/rotate`, { method: 'POST' })
    expect(rotated.status).toBe(200)
    expect((await editor.closed).code).toBe(CloseCode.rotated)
    expect(await readMetric(server.url, 'atelier_closes_total', { code: String(CloseCode.invalidPayload) })).toBe(1)
    expect(await readMetric(server.url, 'atelier_closes_total', { code: String(CloseCode.unsupportedData) })).toBe(1)
    expect(await readMetric(server.url, 'atelier_closes_total', { code: String(CloseCode.rotated) })).toBe(1)
  })

  it('unloads a room once its last client has left for the idle time', async () => {
    const server = await start({ ROOM_IDLE_MS: '50' })
    const pad = await createTestPad(server.url)
    const alice = client(server, pad.keys.edit)
    await whenSynced(alice)
    expect(server.server.relay.roomCount).toBe(1)
    alice.destroy()
    await waitUntil('room unloaded', () => server.server.relay.roomCount === 0)
  })

  it('compacts the update log without changing the content', async () => {
    const server = await start({ COMPACT_AFTER_UPDATES: '10', ROOM_IDLE_MS: '0' })
    const pad = await createTestPad(server.url)
    const alice = client(server, pad.keys.edit)
    await whenSynced(alice)
    for (let i = 0; i < 35; i++) alice.text.insert(alice.text.length, String(i % 10))
    const expected = alice.text.toString()
    const observer = client(server, pad.keys.view)
    await waitUntil('observer converged', () => observer.text.toString() === expected)
    alice.destroy()
    observer.destroy()
    await waitUntil('room unloaded', () => server.server.relay.roomCount === 0)
    const reader = client(server, pad.keys.view)
    await whenSynced(reader)
    expect(reader.text.toString()).toBe(expected)
    expect(server.logs.some((line) => line.msg === 'pad compacted')).toBe(true)
  })

  it('never writes a pad key to the logs', async () => {
    const server = await start()
    const pad = await createTestPad(server.url)
    const participants = [client(server, pad.keys.edit), client(server, pad.keys.view), client(server, pad.keys.admin)]
    await Promise.all(participants.map(whenSynced))
    participants[0]?.text.insert(0, 'x')
    const garbage = openRaw(server, pad.keys.edit)
    await garbage.opened
    garbage.socket.send(new Uint8Array([99]))
    await garbage.closed
    await fetch(`${server.url}/api/pads/${pad.keys.admin}`)
    await fetch(`${server.url}/api/pads/${pad.keys.view}`, { method: 'DELETE' })
    await server.close()
    const logged = JSON.stringify(server.logs)
    expect(server.logs.length).toBeGreaterThan(5)
    for (const key of Object.values(pad.keys)) expect(logged).not.toContain(key)
  })
})
