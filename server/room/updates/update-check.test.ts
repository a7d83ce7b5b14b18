import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeCraftedUpdate, type CraftedStruct } from '../../testing/crafted-update'
import { createBaseDocument, createHostileUpdates, emptyStructUpdate, HostileCategory } from '../../testing/hostile-updates'
import { createSeededRandom } from '../../testing/seeded-random'
import { addsNothing, checkUpdate, prepareUpdate, type DecodedUpdate } from './update-check'

function updatesOf(doc: Y.Doc, edit: () => void): Uint8Array {
  const updates: Uint8Array[] = []
  const collect = (update: Uint8Array): void => void updates.push(update)
  doc.on('update', collect)
  edit()
  doc.off('update', collect)
  return Y.mergeUpdates(updates)
}

const check = (server: Y.Doc, update: Uint8Array): string | null =>
  checkUpdate(server, Y.decodeUpdate(update) as unknown as DecodedUpdate).problem
const writtenClients = (server: Y.Doc, update: Uint8Array): number[] => {
  const result = checkUpdate(server, Y.decodeUpdate(update) as unknown as DecodedUpdate)
  return result.problem === null ? result.writtenClients.sort() : []
}

function applied(server: Y.Doc, update: Uint8Array): { pending: boolean } {
  Y.applyUpdate(server, update)
  return { pending: server.store.pendingStructs !== null || server.store.pendingDs !== null }
}

describe('findUpdateProblem', () => {
  it('accepts ordinary edits, deletions and duplicates', () => {
    const server = new Y.Doc()
    const client = new Y.Doc()
    const first = updatesOf(client, () => client.getText('t').insert(0, 'bonjour'))
    expect(check(server, first)).toBeNull()
    Y.applyUpdate(server, first)
    const second = updatesOf(client, () => {
      client.getText('t').delete(0, 3)
      client.getText('t').insert(2, 'X')
    })
    expect(check(server, second)).toBeNull()
    expect(check(server, first)).toBeNull()
    expect(applied(server, second).pending).toBe(false)
  })

  it('accepts an update that builds on another client in the same update', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const fromA = updatesOf(a, () => a.getText('t').insert(0, 'aaa'))
    Y.applyUpdate(b, fromA)
    const fromB = updatesOf(b, () => b.getText('t').insert(1, 'b'))
    const server = new Y.Doc()
    const both = Y.mergeUpdates([fromA, fromB])
    expect(check(server, both)).toBeNull()
    expect(applied(server, both).pending).toBe(false)
  })

  it('refuses structs that start past what the pad has (a gap), which Yjs would keep pending', () => {
    const server = new Y.Doc()
    const client = new Y.Doc()
    updatesOf(client, () => client.getText('t').insert(0, 'premier'))
    const later = updatesOf(client, () => client.getText('t').insert(0, 'second'))
    expect(check(server, later)).toMatch(/starts at clock 7/)
    expect(applied(new Y.Doc(), later).pending).toBe(true)
  })

  it('refuses structs that depend on another client\'s content the pad never got', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    Y.applyUpdate(b, updatesOf(a, () => a.getText('t').insert(0, 'aaa')))
    const fromB = updatesOf(b, () => b.getText('t').insert(2, 'b'))
    const server = new Y.Doc()
    expect(check(server, fromB)).toMatch(/depends on clock/)
    expect(applied(new Y.Doc(), fromB).pending).toBe(true)
  })

  it('refuses deleting content the pad does not have', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    Y.applyUpdate(b, updatesOf(a, () => a.getText('t').insert(0, 'aaa')))
    const deletion = updatesOf(b, () => b.getText('t').delete(0, 2))
    const server = new Y.Doc()
    expect(check(server, deletion)).toMatch(/deletes content/)
    expect(applied(new Y.Doc(), deletion).pending).toBe(true)
  })

  it('names the client ids an update writes new structs under, not those it only repeats', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const fromA = updatesOf(a, () => a.getText('t').insert(0, 'aaa'))
    Y.applyUpdate(b, fromA)
    const fromB = updatesOf(b, () => b.getText('t').insert(1, 'b'))
    const server = new Y.Doc()
    expect(writtenClients(server, Y.mergeUpdates([fromA, fromB]))).toEqual([a.clientID, b.clientID].sort())
    Y.applyUpdate(server, fromA)
    expect(writtenClients(server, Y.mergeUpdates([fromA, fromB]))).toEqual([b.clientID])
    const deletionOnly = updatesOf(b, () => b.getText('t').delete(0, 1))
    Y.applyUpdate(server, fromB)
    expect(writtenClients(server, deletionOnly)).toEqual([])
  })

  it('tells an update that adds nothing (a repeated delete set) from one that adds structs or deletions', () => {
    const server = new Y.Doc()
    const client = new Y.Doc()
    const decoded = (update: Uint8Array): DecodedUpdate => Y.decodeUpdate(update) as unknown as DecodedUpdate
    Y.applyUpdate(server, updatesOf(client, () => client.getText('t').insert(0, 'bonjour tout le monde')))
    Y.applyUpdate(server, updatesOf(client, () => client.getText('t').delete(0, 8)))
    expect(addsNothing(server, decoded(Y.encodeStateAsUpdate(client)))).toBe(true)
    expect(addsNothing(server, decoded(Y.encodeStateAsUpdate(new Y.Doc())))).toBe(true)
    const deletion = updatesOf(client, () => client.getText('t').delete(0, 1))
    expect(addsNothing(server, decoded(deletion))).toBe(false)
    const insertion = updatesOf(client, () => client.getText('t').insert(0, '!'))
    expect(addsNothing(server, decoded(insertion))).toBe(false)
  })
})

describe('isAllNew', () => {
  const decode = (update: Uint8Array): DecodedUpdate => Y.decodeUpdate(update) as unknown as DecodedUpdate

  it('says whether every struct of an update is new to the pad', () => {
    const server = new Y.Doc()
    const client = new Y.Doc()
    const first = updatesOf(client, () => client.getText('t').insert(0, 'bonjour'))
    const firstCheck = checkUpdate(server, decode(first))
    expect(firstCheck.problem === null && firstCheck.isAllNew).toBe(true)
    Y.applyUpdate(server, first)
    // The same again, or with more after it (a provider's sync step 2): not all new.
    const again = checkUpdate(server, decode(first))
    expect(again.problem === null && again.isAllNew).toBe(false)
    const more = updatesOf(client, () => client.getText('t').insert(7, ' à tous'))
    const overlapping = checkUpdate(server, decode(Y.mergeUpdates([first, more])))
    expect(overlapping.problem === null && overlapping.isAllNew).toBe(false)
    const next = checkUpdate(server, decode(more))
    expect(next.problem === null && next.isAllNew).toBe(true)
  })

})

/** Whether Yjs, applying `update` to a copy of `doc` (or of its state, when given), throws or keeps part of it pending. */
function yjsRefuses(doc: Y.Doc, update: Uint8Array, state = Y.encodeStateAsUpdate(doc)): boolean {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, state)
  try {
    Y.applyUpdate(copy, update)
    return copy.store.pendingStructs !== null || copy.store.pendingDs !== null
  } catch {
    return true
  } finally {
    copy.destroy()
  }
}

/** What a room would apply of `update`, or null when it refuses it. */
const prepareBytes = (server: Y.Doc, update: Uint8Array): Uint8Array | null => {
  let decoded: DecodedUpdate
  try {
    decoded = Y.decodeUpdate(update) as unknown as DecodedUpdate
  } catch {
    return null
  }
  const prepared = prepareUpdate(server, update, decoded)
  return prepared.problem === null ? prepared.update : null
}

describe('structure Yjs lets through but cannot apply', () => {
  const text = (value: string): CraftedStruct => ({ kind: 'item', parent: 't', content: { kind: 'string', text: value } })

  it('refuses the 48-byte update that once failed a whole room (an item, then a GC of length 0), which makes Yjs throw part way', () => {
    const update = emptyStructUpdate
    expect(yjsRefuses(new Y.Doc(), update)).toBe(true)
    expect(check(new Y.Doc(), update)).toMatch(/empty struct at clock 1/)
  })

  it('refuses empty structs of every kind', () => {
    const empties: CraftedStruct[] = [
      { kind: 'gc', length: 0 },
      { kind: 'item', parent: 't', content: { kind: 'string', text: '' } },
      { kind: 'item', parent: 't', content: { kind: 'deleted', length: 0 } },
      { kind: 'item', parent: 't', content: { kind: 'any', values: [] } },
    ]
    for (const empty of empties) {
      const update = encodeCraftedUpdate({ runs: [{ client: 7, clock: 0, structs: [text('ab'), empty, text('c')] }] })
      expect(check(new Y.Doc(), update)).toMatch(/empty struct/)
    }
  })

  it("refuses a client's structs in two runs, of which Yjs would apply only the last", () => {
    const update = encodeCraftedUpdate({
      runs: [
        { client: 7, clock: 0, structs: [text('abc')] },
        { client: 8, clock: 0, structs: [text('x')] },
        { client: 7, clock: 1, structs: [text('yy')] },
      ],
    })
    expect(check(new Y.Doc(), update)).toMatch(/several runs of structs for client 7/)
  })

  it('refuses structs that depend on each other in a cycle, which Yjs keeps pending', () => {
    const update = encodeCraftedUpdate({
      runs: [
        { client: 7, clock: 0, structs: [{ kind: 'item', origin: { client: 8, clock: 0 }, content: { kind: 'string', text: 'a' } }, text('b')] },
        { client: 8, clock: 0, structs: [{ kind: 'item', origin: { client: 7, clock: 1 }, content: { kind: 'string', text: 'c' } }] },
      ],
    })
    expect(yjsRefuses(new Y.Doc(), update)).toBe(true)
    expect(check(new Y.Doc(), update)).toMatch(/cycle/)
  })

  it('accepts structs that wait for each other without a cycle, in either order of the runs', () => {
    // 7:0 needs 8:0; 8:1 needs 7:1. Yjs integrates 8:0, 7:0, 7:1, 8:1.
    const runs = [
      { client: 7, clock: 0, structs: [{ kind: 'item', origin: { client: 8, clock: 0 }, content: { kind: 'string', text: 'a' } } as CraftedStruct, text('b')] },
      { client: 8, clock: 0, structs: [text('c'), { kind: 'item', origin: { client: 7, clock: 1 }, content: { kind: 'string', text: 'd' } } as CraftedStruct] },
    ]
    for (const ordered of [runs, [...runs].reverse()]) {
      const update = encodeCraftedUpdate({ runs: ordered })
      expect(yjsRefuses(new Y.Doc(), update)).toBe(false)
      expect(check(new Y.Doc(), update)).toBeNull()
    }
  })

  it('refuses a reference to a later struct of the same client, which Yjs looks up and cannot find', () => {
    const update = encodeCraftedUpdate({ runs: [{ client: 7, clock: 0, structs: [{ kind: 'item', origin: { client: 7, clock: 3 }, content: { kind: 'string', text: 'a' } }, text('bcd')] }] })
    expect(yjsRefuses(new Y.Doc(), update)).toBe(true)
    expect(check(new Y.Doc(), update)).toMatch(/depends on clock 3 of client 7/)
  })

  it("refuses an item between neighbours of two different lists, after which a peer loading the pad would lose it", () => {
    const author = new Y.Doc()
    const body = author.getXmlFragment('body')
    const card = new Y.XmlElement('initiative')
    card.setAttribute('name', 'Repair café')
    body.insert(0, [card, new Y.XmlElement('paragraph')])
    const live = new Y.Doc()
    Y.applyUpdate(live, Y.encodeStateAsUpdate(author))
    const cardId = (card._item as Y.Item).id
    const attribute = card._map.get('name') as Y.Item
    // Left neighbour: the card, in the body; right neighbour: the card's attribute, in the card's map.
    const misplaced = encodeCraftedUpdate({
      runs: [{ client: 7, clock: 0, structs: [{ kind: 'item', origin: cardId, rightOrigin: attribute.id, content: { kind: 'type', typeRef: 3, name: 'paragraph' } }] }],
    })
    expect(check(live, misplaced)).toMatch(/between content of two different lists/)

    // Why: applied anyway, then the card deleted, the live doc keeps the item and a peer loading the pad does not.
    Y.applyUpdate(live, misplaced)
    const deletion = updatesOf(author, () => body.delete(0, 1))
    Y.applyUpdate(live, deletion)
    const loaded = new Y.Doc()
    Y.applyUpdate(loaded, Y.encodeStateAsUpdate(live))
    expect(Y.equalSnapshots(Y.snapshot(loaded), Y.snapshot(live))).toBe(false)
  })

  it('refuses a map entry written before another (with a right neighbour), which peers would order differently', () => {
    const author = new Y.Doc()
    author.clientID = 1
    const authors = author.getMap('authors')
    authors.set('k', 'premier')
    authors.set('k', 'second')
    const first = (authors._map.get('k') as Y.Item).left as Y.Item
    const last = authors._map.get('k') as Y.Item
    const base = Y.encodeStateAsUpdate(author)
    // Written after the first value, concurrently with the second: a valid entry.
    const after = encodeCraftedUpdate({ runs: [{ client: 2, clock: 0, structs: [{ kind: 'item', origin: first.id, content: { kind: 'any', values: ['concurrent'] } }] }] })
    // Written before the last value: no editor does that.
    const before = encodeCraftedUpdate({ runs: [{ client: 3, clock: 0, structs: [{ kind: 'item', rightOrigin: last.id, content: { kind: 'any', values: ['avant'] } }] }] })
    const live = new Y.Doc()
    Y.applyUpdate(live, base)
    expect(check(live, after)).toBeNull()
    Y.applyUpdate(live, after)
    expect(check(live, before)).toMatch(/map entry .* before another/)

    // Why: applied anyway, a peer loading the pad reads another value for the key than the live doc.
    Y.applyUpdate(live, before)
    const loaded = new Y.Doc()
    Y.applyUpdate(loaded, Y.encodeStateAsUpdate(live))
    expect(loaded.getMap('authors').get('k')).not.toBe(live.getMap('authors').get('k'))
  })

  it('refuses clocks past the largest safe integer, skips and subdocuments', () => {
    const overflow = encodeCraftedUpdate({ runs: [{ client: 7, clock: 0, structs: [{ kind: 'gc', length: 2 ** 53 - 1 }, text('a')] }] })
    expect(check(new Y.Doc(), overflow)).toMatch(/past the largest clock/)
    const skip = encodeCraftedUpdate({ runs: [{ client: 7, clock: 0, structs: [text('a'), { kind: 'skip', length: 2 }, text('b')] }] })
    expect(check(new Y.Doc(), skip)).toMatch(/gap/)
    const subdocument = encodeCraftedUpdate({ runs: [{ client: 7, clock: 0, structs: [{ kind: 'item', parent: 'body', content: { kind: 'subdocument', guid: 'x' } }] }] })
    expect(check(new Y.Doc(), subdocument)).toMatch(/subdocument/)
  })

  it('accepts a text parent (Yjs turns the child into a GC) and deep nesting, which Yjs applies', () => {
    const wrongParent = encodeCraftedUpdate({ runs: [{ client: 7, clock: 0, structs: [text('a'), { kind: 'item', parent: { client: 7, clock: 0 }, content: { kind: 'string', text: 'b' } }] }] })
    expect(check(new Y.Doc(), wrongParent)).toBeNull()
    expect(yjsRefuses(new Y.Doc(), wrongParent)).toBe(false)
    const structs: CraftedStruct[] = [{ kind: 'item', parent: 'body', content: { kind: 'type', typeRef: 3, name: 'blockquote' } }]
    for (let level = 1; level < 3000; level++) structs.push({ kind: 'item', parent: { client: 7, clock: level - 1 }, content: { kind: 'type', typeRef: 3, name: 'blockquote' } })
    const deep = encodeCraftedUpdate({ runs: [{ client: 7, clock: 0, structs }] })
    expect(check(new Y.Doc(), deep)).toBeNull()
    expect(yjsRefuses(new Y.Doc(), deep)).toBe(false)
  })
})

describe('prepareUpdate and apply, for any update (property)', () => {
  // The seed is printed so that a failure replays: FUZZ_SEED=<n> npx vitest run server/room/updates/update-check.test.ts
  const seed = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) >>> 0 : 0x13c4ec
  const updateCount = 3000

  it(`never lets through an update that Yjs cannot apply to a copy of the pad, that leaves something pending, or after which the pad loads differently from the live doc (seed ${seed})`, () => {
    console.log(`update-check property seed ${seed} (replay with FUZZ_SEED=${seed} npx vitest run server/room/updates/update-check.test.ts)`)
    const random = createSeededRandom(seed)
    const room = createBaseDocument(random)
    const source = createHostileUpdates(random, room)
    const accepted = new Map<string, number>()
    const refused = new Map<string, number>()
    let roomState = Y.encodeStateAsUpdate(room)
    for (let i = 0; i < updateCount; i++) {
      const { category, update } = source.next()
      const applied = prepareBytes(room, update)
      const tally = applied !== null ? accepted : refused
      tally.set(category, (tally.get(category) ?? 0) + 1)
      if (applied === null) continue
      if (yjsRefuses(room, applied, roomState)) throw new Error(`the check let through an update Yjs refuses (seed ${seed}, update ${i}, ${category}): ${Buffer.from(update).toString('base64')}`)
      // Some accepted updates become part of the pad, as in a room: later ones build on them.
      if (update.length < 4000 && random.next() < 0.3) {
        Y.applyUpdate(room, applied)
        roomState = Y.encodeStateAsUpdate(room)
        // A peer that loads the pad now must get what the live doc holds.
        const loaded = new Y.Doc()
        Y.applyUpdate(loaded, roomState)
        if (!Y.equalSnapshots(Y.snapshot(loaded), Y.snapshot(room))) {
          throw new Error(`after update ${i} (${category}) the pad loads differently from the live doc (seed ${seed}): ${Buffer.from(update).toString('base64')}`)
        }
        loaded.destroy()
      }
    }
    console.log(`update-check property: accepted ${JSON.stringify(Object.fromEntries(accepted))}; refused ${JSON.stringify(Object.fromEntries(refused))}`)
    // Each class of damage is refused, and real layout updates pass: the generator reaches both sides.
    for (const category of [HostileCategory.emptyStruct, HostileCategory.splitRuns, HostileCategory.cycle, HostileCategory.gap, HostileCategory.skip, HostileCategory.subdocument]) {
      expect(accepted.get(category) ?? 0, category).toBe(0)
      expect(refused.get(category) ?? 0, category).toBeGreaterThan(0)
    }
    expect(accepted.get(HostileCategory.layout) ?? 0).toBeGreaterThan(0)
    expect(accepted.get(HostileCategory.flipped) ?? 0).toBeGreaterThan(0)
  })
})
