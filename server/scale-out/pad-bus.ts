/**
 * The link between instances serving the same pads (REDIS_URL): Redis
 * pub/sub, one channel per loaded pad (`atelier:pad:<id>`), plus one channel
 * where every instance says it is alive once a second, so that the others
 * know whose client ids still count (room.ts, remote owners).
 *
 * Redis carries traffic, never the record: an instance publishes an update
 * only once it is stored, and anything lost on the way is in the store. When
 * the link to Redis drops, each instance goes on serving its own clients;
 * when it comes back, every channel is subscribed again and then the rooms
 * are told to resync from the store (`onReconnected`). Publishing while
 * disconnected drops the frame at once rather than queueing it.
 */
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { decodeBusFrame, encodeBusFrame, instanceIdBytes, type BusMessage } from './bus-message'
import { createInstanceLiveness } from './instance-liveness'
import type { Logger } from '../log'
import { retryDelayMs, retryPolicies } from '../../shared/protocol/retry-delay'

export interface PadBusListener {
  (message: BusMessage, instanceId: string): void
}

export interface PadBus {
  /** This instance's random id, carried by every frame it publishes. */
  readonly instanceId: string
  readonly isConnected: boolean
  /**
   * Listens to a pad's channel. Resolves once Redis confirmed the
   * subscription, so that everything published afterwards arrives — or at
   * once while Redis is unreachable (the resync after reconnecting covers it).
   */
  subscribe(padId: string, listener: PadBusListener): Promise<void>
  unsubscribe(padId: string): void
  publish(padId: string, message: BusMessage): void
  /** Whether another instance said it was alive in the last few seconds. */
  isInstanceAlive(instanceId: string): boolean
  /** Called each time the link to Redis is up and every channel subscribed (again): rooms catch up from the store. */
  onReconnected(listener: () => void): void
  close(): Promise<void>
}

export interface PadBusOptions {
  url: string
  heartbeatMs?: number
}

const channelPrefix = 'atelier:pad:'
const heartbeatChannel = 'atelier:instances'

export function createPadBus(options: PadBusOptions, log: Logger): PadBus {
  const instanceId = randomBytes(instanceIdBytes).toString('hex')
  const heartbeatMs = options.heartbeatMs ?? 1000
  const { publisher, subscriber } = openRedisConnections(options.url, log)
  const listeners = new Map<string, PadBusListener>()
  const liveness = createInstanceLiveness(heartbeatMs, Date.now)
  const reconnectListeners: Array<() => void> = []
  let isConnected = false
  let hasBeenConnected = false
  let isClosed = false

  subscriber.on('messageBuffer', (channel: Buffer, frame: Buffer) => {
    const name = channel.toString()
    if (name === heartbeatChannel) return liveness.heard(frame.toString('hex'))
    const listener = listeners.get(name)
    if (listener === undefined) return
    const decoded = decodeFrame(frame, name, log)
    if (decoded === null || decoded.instanceId === instanceId) return
    liveness.heard(decoded.instanceId)
    listener(decoded.message, decoded.instanceId)
  })

  subscriber.on('ready', () => {
    const channels = [heartbeatChannel, ...listeners.keys()]
    subscriber.subscribe(...channels).then(
      () => {
        isConnected = true
        if (hasBeenConnected) log.warn({ channels: channels.length }, 'redis is back: resyncing loaded pads from the store')
        else log.info('connected to redis')
        hasBeenConnected = true
        // Also on the first connection: pads loaded while Redis was still
        // unreachable (an instance started before it) missed what others published.
        for (const listener of reconnectListeners) listener()
      },
      (error: unknown) => log.warn({ err: error }, 'could not subscribe after connecting to redis'),
    )
  })
  subscriber.on('close', () => {
    if (isConnected && !isClosed) log.warn('lost the link to redis: each instance serves its own clients until it is back')
    isConnected = false
    // Nobody can be heard while Redis is away: nobody's client ids are held.
    liveness.forgetAll()
  })

  const heartbeat = setInterval(() => {
    if (isConnected) publisher.publish(heartbeatChannel, Buffer.from(instanceId, 'hex')).catch(() => {})
  }, heartbeatMs)
  heartbeat.unref()

  const connect = (connection: Redis): void => {
    connection.connect().catch((error: unknown) => log.warn({ err: error }, 'redis unreachable; retrying'))
  }
  connect(publisher)
  connect(subscriber)

  return {
    instanceId,
    get isConnected() {
      return isConnected
    },
    async subscribe(padId, listener) {
      const channel = channelPrefix + padId
      listeners.set(channel, listener)
      if (!isConnected) return
      try {
        await subscriber.subscribe(channel)
      } catch (error) {
        log.warn({ err: error, padId }, 'could not subscribe to a pad channel')
      }
    },
    unsubscribe(padId) {
      const channel = channelPrefix + padId
      if (!listeners.delete(channel) || !isConnected) return
      subscriber.unsubscribe(channel).catch(() => {})
    },
    publish(padId, message) {
      if (!isConnected) return
      publisher.publish(channelPrefix + padId, Buffer.from(encodeBusFrame(instanceId, message))).catch((error: unknown) => {
        log.debug({ err: error, padId }, 'could not publish to redis')
      })
    },
    isInstanceAlive: (id) => liveness.isAlive(id),
    onReconnected(listener) {
      reconnectListeners.push(listener)
    },
    async close() {
      if (isClosed) return
      isClosed = true
      clearInterval(heartbeat)
      publisher.disconnect()
      subscriber.disconnect()
    },
  }
}

/** The two connections to Redis: one publishes (dropping frames while disconnected), one listens. */
function openRedisConnections(url: string, log: Logger): { publisher: Redis; subscriber: Redis } {
  const redisOptions = {
    // Reconnect for ever, at most every 2 s: an instance without Redis still serves its own clients.
    // ioredis counts attempts from 1.
    retryStrategy: (attempt: number) => retryDelayMs(retryPolicies.redis, attempt - 1),
    maxRetriesPerRequest: null,
    lazyConnect: true,
  }
  const publisher = new Redis(url, { ...redisOptions, enableOfflineQueue: false })
  const subscriber = new Redis(url, { ...redisOptions, autoResubscribe: false })
  for (const [name, connection] of [
    ['publisher', publisher],
    ['subscriber', subscriber],
  ] as const) {
    // Without a listener ioredis would print every failed reconnection.
    connection.on('error', (error: Error) => log.debug({ err: error, connection: name }, 'redis error'))
  }
  return { publisher, subscriber }
}

/** A pad channel's frame, or null (logged) when it does not decode. */
function decodeFrame(frame: Buffer, channel: string, log: Logger): ReturnType<typeof decodeBusFrame> | null {
  try {
    return decodeBusFrame(frame)
  } catch (error) {
    log.warn({ err: error, channel }, 'dropped a bus frame that does not decode')
    return null
  }
}
