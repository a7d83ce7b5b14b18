/**
 * Which other instances are alive: each says so on the heartbeat channel
 * every `heartbeatMs`, and any frame it publishes counts too; one not heard
 * for three heartbeats is taken for gone, so that the client ids its pages
 * held can be claimed again. Pure bookkeeping over an injected `now`; the
 * bus (pad-bus.ts) does the publishing and listening.
 */
export interface InstanceLiveness {
  /** Another instance was heard from now. */
  heard(instanceId: string): void
  /** Whether it was heard in the last three heartbeats. */
  isAlive(instanceId: string): boolean
  /** Nobody can be heard (the link to Redis is down): nobody counts as alive. */
  forgetAll(): void
}

export function createInstanceLiveness(heartbeatMs: number, now: () => number): InstanceLiveness {
  const lastSeen = new Map<string, number>()
  return {
    heard(instanceId) {
      lastSeen.set(instanceId, now())
    },
    isAlive(instanceId) {
      const seen = lastSeen.get(instanceId)
      return seen !== undefined && now() - seen < heartbeatMs * 3
    },
    forgetAll() {
      lastSeen.clear()
    },
  }
}
