/**
 * Writes Yjs updates by hand, in the version 1 wire format that
 * `Y.applyUpdate` reads (yjs/src/utils/encoding.js `readClientsStructRefs`,
 * `readItemContent`, `readDeleteSet`), so that tests and the fuzzer can make
 * updates no Y.Doc would ever emit: empty structs, a client's structs in two
 * runs, references to content nobody has, cycles, skips, unknown content.
 * Test support only; it checks nothing, on purpose.
 */
import * as encoding from 'lib0/encoding'

export interface StructId {
  client: number
  clock: number
}

export type CraftedContent =
  | { kind: 'string'; text: string }
  | { kind: 'deleted'; length: number }
  | { kind: 'json'; values: string[] }
  | { kind: 'binary'; bytes: Uint8Array }
  | { kind: 'embed'; json: string }
  | { kind: 'format'; key: string; json: string }
  /** typeRef: 0 array, 1 map, 2 text, 3 XML element (with `name`), 4 XML fragment, 5 XML hook (with `name`), 6 XML text. */
  | { kind: 'type'; typeRef: number; name?: string }
  | { kind: 'any'; values: unknown[] }
  | { kind: 'subdocument'; guid: string }
  /** Any content reference, followed by whatever bytes. */
  | { kind: 'raw'; contentRef: number; bytes: Uint8Array }

export type CraftedStruct =
  | { kind: 'gc'; length: number }
  | { kind: 'skip'; length: number }
  | {
      kind: 'item'
      origin?: StructId
      rightOrigin?: StructId
      /** A root type's name, or the id of the item holding the parent type; only written without origins, as Yjs does. */
      parent?: string | StructId
      parentSub?: string
      content: CraftedContent
    }

/** One client's structs from `clock` on. The same client may appear in several runs: Yjs's reader allows it. */
export interface CraftedRun {
  client: number
  clock: number
  structs: CraftedStruct[]
}

export interface CraftedUpdate {
  runs: CraftedRun[]
  deletions?: Array<{ client: number; ranges: Array<[clock: number, length: number]> }>
  /** Bytes after the delete set, which Yjs ignores. */
  trailing?: Uint8Array
}

export function encodeCraftedUpdate(update: CraftedUpdate): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, update.runs.length)
  for (const run of update.runs) {
    encoding.writeVarUint(encoder, run.structs.length)
    encoding.writeVarUint(encoder, run.client)
    encoding.writeVarUint(encoder, run.clock)
    for (const struct of run.structs) writeStruct(encoder, struct)
  }
  const deletions = update.deletions ?? []
  encoding.writeVarUint(encoder, deletions.length)
  for (const { client, ranges } of deletions) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, ranges.length)
    for (const [clock, length] of ranges) {
      encoding.writeVarUint(encoder, clock)
      encoding.writeVarUint(encoder, length)
    }
  }
  if (update.trailing !== undefined) encoding.writeUint8Array(encoder, update.trailing)
  return encoding.toUint8Array(encoder)
}

/** The length Yjs gives a struct: how many clocks it takes. */
export function craftedLength(struct: CraftedStruct): number {
  if (struct.kind !== 'item') return struct.length
  const { content } = struct
  switch (content.kind) {
    case 'string':
      return content.text.length
    case 'deleted':
      return content.length
    case 'json':
      return content.values.length
    case 'any':
      return content.values.length
    default:
      return 1
  }
}

const contentRefs = { deleted: 1, json: 2, binary: 3, string: 4, embed: 5, format: 6, type: 7, any: 8, subdocument: 9 } as const

function writeStruct(encoder: encoding.Encoder, struct: CraftedStruct): void {
  if (struct.kind === 'gc' || struct.kind === 'skip') {
    encoding.writeUint8(encoder, struct.kind === 'gc' ? 0 : 10)
    encoding.writeVarUint(encoder, struct.length)
    return
  }
  const { content } = struct
  const contentRef = content.kind === 'raw' ? content.contentRef : contentRefs[content.kind]
  const hasOrigins = struct.origin !== undefined || struct.rightOrigin !== undefined
  const info =
    (contentRef & 0b11111) |
    (struct.origin !== undefined ? 0x80 : 0) |
    (struct.rightOrigin !== undefined ? 0x40 : 0) |
    (!hasOrigins && struct.parentSub !== undefined ? 0x20 : 0)
  encoding.writeUint8(encoder, info)
  if (struct.origin !== undefined) writeId(encoder, struct.origin)
  if (struct.rightOrigin !== undefined) writeId(encoder, struct.rightOrigin)
  if (!hasOrigins) {
    const parent = struct.parent ?? 'body'
    if (typeof parent === 'string') {
      encoding.writeVarUint(encoder, 1)
      encoding.writeVarString(encoder, parent)
    } else {
      encoding.writeVarUint(encoder, 0)
      writeId(encoder, parent)
    }
    if (struct.parentSub !== undefined) encoding.writeVarString(encoder, struct.parentSub)
  }
  writeContent(encoder, content)
}

function writeContent(encoder: encoding.Encoder, content: CraftedContent): void {
  switch (content.kind) {
    case 'string':
      encoding.writeVarString(encoder, content.text)
      return
    case 'deleted':
      encoding.writeVarUint(encoder, content.length)
      return
    case 'json':
      encoding.writeVarUint(encoder, content.values.length)
      for (const value of content.values) encoding.writeVarString(encoder, value)
      return
    case 'binary':
      encoding.writeVarUint8Array(encoder, content.bytes)
      return
    case 'embed':
      encoding.writeVarString(encoder, content.json)
      return
    case 'format':
      encoding.writeVarString(encoder, content.key)
      encoding.writeVarString(encoder, content.json)
      return
    case 'type':
      encoding.writeVarUint(encoder, content.typeRef)
      if (content.typeRef === 3 || content.typeRef === 5) encoding.writeVarString(encoder, content.name ?? 'paragraph')
      return
    case 'any':
      encoding.writeVarUint(encoder, content.values.length)
      for (const value of content.values) encoding.writeAny(encoder, value as Parameters<typeof encoding.writeAny>[1])
      return
    case 'subdocument':
      encoding.writeVarString(encoder, content.guid)
      encoding.writeAny(encoder, {})
      return
    case 'raw':
      encoding.writeUint8Array(encoder, content.bytes)
      return
    default:
      assertNever(content)
  }
}

function writeId(encoder: encoding.Encoder, id: StructId): void {
  encoding.writeVarUint(encoder, id.client)
  encoding.writeVarUint(encoder, id.clock)
}

function assertNever(value: never): never {
  throw new TypeError(`unknown content ${JSON.stringify(value)}`)
}
