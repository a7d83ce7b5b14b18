/**
 * A generator of hostile Yjs updates against a pad, for the fuzzers: real
 * updates of the pad's own layout (paragraphs, headings, lists,
 * initiative cards, text formatted with links, embeds, the authors map, an
 * array, insert-then-delete), made by fresh clients on copies of a known
 * document and then bit-flipped or cut; and crafted ones for each class of
 * structural damage Yjs's reader lets through (empty structs, split runs,
 * gaps, references to content nobody has or to the wrong kind, cycles,
 * clocks past 2^53, huge deletions, deep nesting, skips, subdocuments,
 * unknown content). Every update comes from the seed: a replay makes the
 * same sequence. It decides nothing about what the server should do.
 */
import * as Y from 'yjs'
import { encodeCraftedUpdate, type CraftedStruct, type StructId } from './crafted-update'
import type { SeededRandom } from './seeded-random'

/**
 * The smallest update known to have failed a whole room (an item, then a GC
 * of length 0, in an empty doc): Yjs's reader accepts it, then throws part
 * way while integrating it. Kept as a regression case at every level.
 */
export const emptyStructUpdate: Uint8Array = Uint8Array.from(
  atob('AQLIg4u5CAADAQVhEAAAAAAAAAAAIAAAAQAAAACIyIOLuQgAA3cDc3RyfSp+AA=='),
  (character) => character.charCodeAt(0),
)

export const HostileCategory = {
  /** A real layout update, unchanged: valid, and adds content. */
  layout: 'layout',
  flipped: 'flipped',
  truncated: 'truncated',
  emptyStruct: 'empty-struct',
  splitRuns: 'split-runs',
  gap: 'gap',
  missingReference: 'missing-reference',
  wrongKindOfParent: 'wrong-kind-of-parent',
  cycle: 'cycle',
  clockOverflow: 'clock-overflow',
  hugeDeletion: 'huge-deletion',
  deepNesting: 'deep-nesting',
  skip: 'skip',
  subdocument: 'subdocument',
  unknownContent: 'unknown-content',
  trailingBytes: 'trailing-bytes',
} as const

export type HostileCategory = (typeof HostileCategory)[keyof typeof HostileCategory]

export interface HostileUpdate {
  category: HostileCategory
  update: Uint8Array
}

/** How often each category comes: mostly damaged real updates, where the unknown classes hide. */
const weights: ReadonlyArray<[HostileCategory, number]> = [
  [HostileCategory.layout, 4],
  [HostileCategory.flipped, 40],
  [HostileCategory.truncated, 6],
  [HostileCategory.emptyStruct, 5],
  [HostileCategory.splitRuns, 5],
  [HostileCategory.gap, 3],
  [HostileCategory.missingReference, 5],
  [HostileCategory.wrongKindOfParent, 5],
  [HostileCategory.cycle, 4],
  [HostileCategory.clockOverflow, 3],
  [HostileCategory.hugeDeletion, 3],
  [HostileCategory.deepNesting, 2],
  [HostileCategory.skip, 2],
  [HostileCategory.subdocument, 2],
  [HostileCategory.unknownContent, 3],
  [HostileCategory.trailingBytes, 2],
]
const totalWeight = weights.reduce((sum, [, weight]) => sum + weight, 0)

/** A pad-shaped document, the same for a seed: what the room holds before the attack. */
export function createBaseDocument(random: SeededRandom): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = 1 + random.int(2 ** 31)
  for (let i = 0; i < 6; i++) editLayout(doc, random)
  return doc
}

export interface HostileUpdateSource {
  next(): HostileUpdate
}

/**
 * Hostile updates against a room that holds `base` (and maybe more). Layout
 * updates are made on copies of `base` by fresh clients, so they build on
 * its structs, and so do their damaged versions.
 */
export function createHostileUpdates(random: SeededRandom, base: Y.Doc, corpusSize = 60): HostileUpdateSource {
  const baseState = Y.encodeStateAsUpdate(base)
  const baseClients = [...Y.decodeStateVector(Y.encodeStateVector(base))]
  const freshClient = (): number => 1 + random.int(2 ** 31)
  const corpus: Uint8Array[] = []
  for (let i = 0; i < corpusSize; i++) {
    const copy = new Y.Doc()
    copy.clientID = freshClient()
    Y.applyUpdate(copy, baseState)
    const updates: Uint8Array[] = []
    copy.on('update', (update: Uint8Array) => updates.push(update))
    for (let edits = 1 + random.int(3); edits > 0; edits--) editLayout(copy, random)
    corpus.push(updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates))
    copy.destroy()
  }
  /** An id in the base doc, or just past it. */
  const baseId = (): StructId => {
    const [client, state] = random.pick(baseClients)
    return { client, clock: random.next() < 0.8 ? random.int(state) : state + random.int(4) }
  }
  const text = (): CraftedStruct => ({ kind: 'item', parent: random.pick(['body', 't', 'authors']), content: { kind: 'string', text: 'x'.repeat(1 + random.int(4)) } })

  const make = (category: HostileCategory): Uint8Array => {
    const client = freshClient()
    switch (category) {
      case HostileCategory.layout:
        return random.pick(corpus)
      case HostileCategory.flipped:
        return flipBits(random, random.pick(corpus))
      case HostileCategory.truncated: {
        const update = random.pick(corpus)
        return update.slice(0, random.int(update.length))
      }
      case HostileCategory.emptyStruct: {
        const empty: CraftedStruct = random.pick<CraftedStruct>([
          { kind: 'gc', length: 0 },
          { kind: 'item', parent: 'body', content: { kind: 'string', text: '' } },
          { kind: 'item', parent: 'body', content: { kind: 'deleted', length: 0 } },
          { kind: 'item', parent: 'body', content: { kind: 'any', values: [] } },
          { kind: 'item', parent: 'body', content: { kind: 'json', values: [] } },
        ])
        const structs = random.next() < 0.5 ? [text(), empty] : [empty, text()]
        return encodeCraftedUpdate({ runs: [{ client, clock: 0, structs }] })
      }
      case HostileCategory.splitRuns: {
        const first = 1 + random.int(3)
        return encodeCraftedUpdate({
          runs: [
            { client, clock: 0, structs: [{ kind: 'item', parent: 'body', content: { kind: 'string', text: 'y'.repeat(first) } }] },
            { client: freshClient(), clock: 0, structs: [text()] },
            { client, clock: random.int(first + 2), structs: [text()] },
          ],
        })
      }
      case HostileCategory.gap:
        return encodeCraftedUpdate({ runs: [{ client, clock: 1 + random.int(1000), structs: [text()] }] })
      case HostileCategory.missingReference: {
        const reference: StructId = random.pick([
          { client: freshClient(), clock: random.int(5) },
          { client, clock: random.int(3) + 1 },
          baseId(),
        ])
        const where = random.int(3)
        const struct: CraftedStruct =
          where === 0
            ? { kind: 'item', origin: reference, content: { kind: 'string', text: 'o' } }
            : where === 1
              ? { kind: 'item', rightOrigin: reference, content: { kind: 'string', text: 'r' } }
              : { kind: 'item', parent: reference, content: { kind: 'string', text: 'p' } }
        return encodeCraftedUpdate({ runs: [{ client, clock: 0, structs: [struct] }] })
      }
      case HostileCategory.wrongKindOfParent: {
        // A parent that is text, a format, deleted or a GC, in the base or in the update itself.
        const own: StructId = { client, clock: 0 }
        const parent = random.next() < 0.5 ? baseId() : own
        const parentSub = random.next() < 0.4 ? random.text(3) : undefined
        return encodeCraftedUpdate({
          runs: [
            {
              client,
              clock: 0,
              structs: [
                random.pick<CraftedStruct>([
                  text(),
                  { kind: 'item', parent: 'body', content: { kind: 'format', key: 'strong', json: 'true' } },
                  { kind: 'gc', length: 1 },
                  { kind: 'item', parent: 'body', content: { kind: 'deleted', length: 1 } },
                ]),
                { kind: 'item', parent, ...(parentSub === undefined ? {} : { parentSub }), content: { kind: 'string', text: 'child' } },
              ],
            },
          ],
        })
      }
      case HostileCategory.cycle: {
        // a0 needs b0, b0 needs a1, and a1 comes after a0: no order integrates them.
        const other = freshClient()
        return encodeCraftedUpdate({
          runs: [
            { client, clock: 0, structs: [{ kind: 'item', origin: { client: other, clock: 0 }, content: { kind: 'string', text: 'a' } }, text()] },
            { client: other, clock: 0, structs: [{ kind: 'item', origin: { client, clock: 1 }, content: { kind: 'string', text: 'b' } }] },
          ],
        })
      }
      case HostileCategory.clockOverflow: {
        const huge = random.pick([2 ** 53 - 1, 2 ** 53 - 2, 2 ** 52, 2 ** 32])
        return random.next() < 0.5
          ? encodeCraftedUpdate({ runs: [{ client, clock: 0, structs: [{ kind: 'gc', length: huge }, text(), text()] }] })
          : encodeCraftedUpdate({ runs: [{ client, clock: 0, structs: [text()] }], deletions: [{ client, ranges: [[0, huge]] }] })
      }
      case HostileCategory.hugeDeletion: {
        const [target, state] = random.pick(baseClients)
        const ranges: Array<[number, number]> = random.pick([
          [[0, state]],
          [[0, 2 ** 40]],
          [[state - 1, 2]],
          Array.from({ length: 2000 }, (_, i): [number, number] => [i % Math.max(1, state), 1]),
        ])
        return encodeCraftedUpdate({ runs: [], deletions: [{ client: target, ranges }] })
      }
      case HostileCategory.deepNesting: {
        const depth = 200 + random.int(1800)
        const structs: CraftedStruct[] = [{ kind: 'item', parent: 'body', content: { kind: 'type', typeRef: 3, name: 'blockquote' } }]
        for (let level = 1; level < depth; level++) {
          structs.push({ kind: 'item', parent: { client, clock: level - 1 }, content: { kind: 'type', typeRef: 3, name: 'blockquote' } })
        }
        return encodeCraftedUpdate({ runs: [{ client, clock: 0, structs }] })
      }
      case HostileCategory.skip:
        return encodeCraftedUpdate({ runs: [{ client, clock: 0, structs: [text(), { kind: 'skip', length: 1 + random.int(3) }, text()] }] })
      case HostileCategory.subdocument:
        return encodeCraftedUpdate({ runs: [{ client, clock: 0, structs: [{ kind: 'item', parent: 'body', content: { kind: 'subdocument', guid: random.text(6) } }] }] })
      case HostileCategory.unknownContent: {
        const struct: CraftedStruct = random.pick<CraftedStruct>([
          { kind: 'item', parent: 'body', content: { kind: 'raw', contentRef: 10 + random.int(22), bytes: random.bytes(random.int(8)) } },
          { kind: 'item', parent: 'body', content: { kind: 'type', typeRef: 7 + random.int(20) } },
          { kind: 'item', parent: 'body', content: { kind: 'raw', contentRef: 8, bytes: random.bytes(1 + random.int(12)) } },
        ])
        return encodeCraftedUpdate({ runs: [{ client, clock: 0, structs: [struct] }] })
      }
      case HostileCategory.trailingBytes: {
        const update = random.pick(corpus)
        const glued = new Uint8Array(update.length + 1 + random.int(16))
        glued.set(update)
        glued.set(random.bytes(glued.length - update.length), update.length)
        return glued
      }
      default:
        return assertNever(category)
    }
  }

  return {
    next() {
      let draw = random.int(totalWeight)
      for (const [category, weight] of weights) {
        draw -= weight
        if (draw < 0) return { category, update: make(category) }
      }
      throw new RangeError('the weights do not add up')
    },
  }
}

/** A copy of `bytes` with one to three bits flipped. */
export function flipBits(random: SeededRandom, bytes: Uint8Array): Uint8Array {
  const flipped = bytes.slice()
  if (flipped.length === 0) return flipped
  for (let flips = 1 + random.int(3); flips > 0; flips--) {
    const at = random.int(flipped.length)
    flipped[at] = (flipped[at] as number) ^ (1 << random.int(8))
  }
  return flipped
}

/** One edit of the pad's layout, as a participant's editor would make it (y-prosemirror's node and mark names). */
function editLayout(doc: Y.Doc, random: SeededRandom): void {
  const body = doc.getXmlFragment('body')
  doc.transact(() => {
    const paragraphs = body.toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement)
    const somewhere = random.pick(paragraphs.length === 0 ? [null] : paragraphs)
    const firstText = somewhere?.toArray().find((node): node is Y.XmlText => node instanceof Y.XmlText) ?? null
    switch (random.int(10)) {
      case 0: {
        const heading = new Y.XmlElement('heading')
        heading.setAttribute('level', String(1 + random.int(3)))
        heading.insert(0, [new Y.XmlText(random.text(12))])
        body.insert(random.int(body.length + 1), [heading])
        break
      }
      case 1: {
        const list = new Y.XmlElement('bullet_list')
        const item = new Y.XmlElement('list_item')
        const paragraph = new Y.XmlElement('paragraph')
        paragraph.insert(0, [new Y.XmlText(random.text(10))])
        item.insert(0, [paragraph])
        list.insert(0, [item])
        body.insert(random.int(body.length + 1), [list])
        break
      }
      case 2: {
        const card = new Y.XmlElement('initiative')
        for (const field of ['name', 'territory', 'carriers']) card.setAttribute(field, random.text(6))
        body.insert(random.int(body.length + 1), [card])
        break
      }
      case 3:
        if (firstText === null || firstText.length === 0) return insertParagraph(body, random)
        {
          const at = random.int(firstText.length)
          firstText.format(at, 1 + random.int(firstText.length - at), random.pick([{ strong: {} }, { em: {} }, { link: { href: 'https://example.org/' + random.text(3) } }]))
        }
        break
      case 4:
        if (firstText === null) return insertParagraph(body, random)
        firstText.insertEmbed(random.int(firstText.length + 1), { hard_break: true })
        break
      case 5:
        doc.getMap('authors').set(String(doc.clientID), { name: random.text(6), colour: '#3a7' })
        break
      case 6:
        doc.getArray<unknown>('a').insert(0, [random.text(4), random.int(99), { nested: [random.text(2)] }])
        break
      case 7:
        if (somewhere !== null && random.next() < 0.5) body.delete(body.toArray().indexOf(somewhere), 1)
        else if (firstText !== null && firstText.length > 0) {
          const at = random.int(firstText.length)
          firstText.delete(at, 1 + random.int(firstText.length - at))
        } else insertParagraph(body, random)
        break
      case 8: {
        // Inserted and deleted in one transaction: a delete set for structs of the same update.
        const paragraph = new Y.XmlElement('paragraph')
        const inserted = new Y.XmlText('éphémère')
        paragraph.insert(0, [inserted])
        body.insert(body.length, [paragraph])
        inserted.delete(0, 3)
        break
      }
      default:
        insertParagraph(body, random)
    }
  })
}

function insertParagraph(body: Y.XmlFragment, random: SeededRandom): void {
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(random.text(20))])
  body.insert(random.int(body.length + 1), [paragraph])
}

function assertNever(value: never): never {
  throw new TypeError(`unknown category ${JSON.stringify(value)}`)
}
