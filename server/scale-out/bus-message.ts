/**
 * What instances tell each other about a pad through Redis (pad-bus.ts), as
 * binary frames: an update they stored, presence changes of their peers,
 * client ids their peers let go of, the facilitator's settings changes, and
 * the pad's facilitation (tour de table, dot votes) as stored.
 * Every frame names the instance that sent it, so that an instance ignores
 * its own and knows who speaks for which client id:
 *
 *   frame    = version:u8(1) instance:16 bytes kind:u8 payload
 *   payload  = update bytes | awareness update bytes | varUint count {varUint id}
 *            | JSON PadRecord (settings, rotated) | nothing (deleted)
 *            | JSON { revision, state } (facilitation)
 *
 * Redis is trusted infrastructure, but a frame that does not decode is
 * dropped with a `BusMessageError`, never half-applied.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { PadRecord } from '../store/store'
import type { FacilitationState } from '../facilitation/facilitation-state'

export type BusMessage =
  /** A write the sender stored (never one it did not). */
  | { kind: 'update'; update: Uint8Array }
  /** Presence changes of the sender's peers (an awareness update). */
  | { kind: 'presence'; update: Uint8Array }
  /** Client ids a peer of the sender spoke for, whose connection left. */
  | { kind: 'released'; clientIds: number[] }
  | { kind: 'settings'; pad: PadRecord }
  /** The edit link changed: connections on it close with 4411. */
  | { kind: 'rotated'; pad: PadRecord }
  | { kind: 'deleted' }
  /** The pad's facilitation as the sender stored it, at that revision. */
  | { kind: 'facilitation'; revision: number; state: FacilitationState }

export interface BusFrame {
  /** Hex id of the instance that published it. */
  instanceId: string
  message: BusMessage
}

export const instanceIdBytes = 16
const version = 1
const kinds = ['update', 'presence', 'released', 'settings', 'rotated', 'deleted', 'facilitation'] as const satisfies ReadonlyArray<
  BusMessage['kind']
>

export class BusMessageError extends Error {
  override readonly name = 'BusMessageError'
}

export function encodeBusFrame(instanceId: string, message: BusMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeUint8(encoder, version)
  encoding.writeUint8Array(encoder, Buffer.from(instanceId, 'hex'))
  encoding.writeUint8(encoder, kinds.indexOf(message.kind))
  switch (message.kind) {
    case 'update':
    case 'presence':
      encoding.writeUint8Array(encoder, message.update)
      break
    case 'released':
      encoding.writeVarUint(encoder, message.clientIds.length)
      for (const clientId of message.clientIds) encoding.writeVarUint(encoder, clientId)
      break
    case 'settings':
    case 'rotated':
      encoding.writeUint8Array(encoder, Buffer.from(JSON.stringify(message.pad), 'utf8'))
      break
    case 'deleted':
      break
    case 'facilitation':
      encoding.writeUint8Array(encoder, Buffer.from(JSON.stringify({ revision: message.revision, state: message.state }), 'utf8'))
      break
  }
  return encoding.toUint8Array(encoder)
}

export function decodeBusFrame(frame: Uint8Array): BusFrame {
  try {
    const decoder = decoding.createDecoder(frame)
    if (decoding.readUint8(decoder) !== version) throw new BusMessageError('unknown bus frame version')
    const instanceId = Buffer.from(decoding.readUint8Array(decoder, instanceIdBytes)).toString('hex')
    const kind = kinds[decoding.readUint8(decoder)]
    const rest = (): Uint8Array => frame.subarray(decoder.pos)
    switch (kind) {
      case 'update':
      case 'presence':
        return { instanceId, message: { kind, update: rest() } }
      case 'released': {
        const count = decoding.readVarUint(decoder)
        const clientIds: number[] = []
        for (let i = 0; i < count; i++) clientIds.push(decoding.readVarUint(decoder))
        if (decoding.hasContent(decoder)) throw new BusMessageError('trailing bytes in a released frame')
        return { instanceId, message: { kind, clientIds } }
      }
      case 'settings':
      case 'rotated':
        return { instanceId, message: { kind, pad: JSON.parse(Buffer.from(rest()).toString('utf8')) as PadRecord } }
      case 'deleted':
        return { instanceId, message: { kind } }
      case 'facilitation': {
        const { revision, state } = JSON.parse(Buffer.from(rest()).toString('utf8')) as { revision: unknown; state: FacilitationState }
        if (typeof revision !== 'number' || typeof state !== 'object' || state === null) throw new BusMessageError('malformed facilitation frame')
        return { instanceId, message: { kind, revision, state } }
      }
      default:
        throw new BusMessageError('unknown bus message kind')
    }
  } catch (error) {
    if (error instanceof BusMessageError) throw error
    throw new BusMessageError(`malformed bus frame: ${(error as Error).message}`)
  }
}
