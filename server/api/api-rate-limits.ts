/**
 * The pad API's allowances per client address: pad creations (against
 * scripts filling the disk; a venue behind one address still creates
 * plenty), history requests (each reads whole states from the store) and
 * restores (each stores a checkpoint and up to a whole pad). `take*` throws
 * the 429 the contract names, with its Retry-After; `tryHistoryRequest`
 * answers instead, for work that is skipped rather than refused.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { clientAddress } from '../client-address'
import type { Config } from '../config'
import { createKeyedRateLimiter } from '../relay/rate-limit'
import { HttpError } from './http-error'

export type ApiRateLimitsConfig = Pick<
  Config,
  'padCreationsPerHour' | 'padCreationBurst' | 'historyRequestsPerMinute' | 'historyRequestBurst' | 'restoresPerMinute' | 'restoreBurst' | 'trustProxy'
>

export interface ApiRateLimits {
  takePadCreation(request: IncomingMessage, response: ServerResponse): void
  takeHistoryRequest(request: IncomingMessage, response: ServerResponse): void
  /** Whether a history request is allowed now (and counted); never throws. */
  tryHistoryRequest(request: IncomingMessage): boolean
  takeRestore(request: IncomingMessage, response: ServerResponse): void
}

export function createApiRateLimits(config: ApiRateLimitsConfig): ApiRateLimits {
  const padCreations = createKeyedRateLimiter(config.padCreationsPerHour / 3600, config.padCreationBurst)
  const historyRequests = createKeyedRateLimiter(config.historyRequestsPerMinute / 60, config.historyRequestBurst)
  const restores = createKeyedRateLimiter(config.restoresPerMinute / 60, config.restoreBurst)
  const addressOf = (request: IncomingMessage): string => clientAddress(request, config.trustProxy)
  const refuse = (response: ServerResponse, retryAfterSeconds: number, code: string, message: string): never => {
    response.setHeader('Retry-After', String(Math.ceil(retryAfterSeconds)))
    throw new HttpError(429, code, message)
  }
  return {
    takePadCreation(request, response) {
      if (!padCreations.take(addressOf(request))) {
        refuse(response, 3600 / config.padCreationsPerHour, 'too_many_pads', 'Too many pads created from this address; try again in a few minutes.')
      }
    },
    takeHistoryRequest(request, response) {
      if (!historyRequests.take(addressOf(request))) {
        refuse(response, 60 / config.historyRequestsPerMinute, 'too_many_requests', 'Too many history requests from this address; try again in a moment.')
      }
    },
    tryHistoryRequest: (request) => historyRequests.take(addressOf(request)),
    takeRestore(request, response) {
      if (!restores.take(addressOf(request))) {
        refuse(response, 60 / config.restoresPerMinute, 'too_many_requests', 'Too many restores from this address; try again in a moment.')
      }
    },
  }
}
