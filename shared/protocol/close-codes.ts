/**
 * WebSocket close codes of the pad relay (DESIGN.md), so that a page can tell
 * its user why it was disconnected. The 44xx codes are final: the stock
 * y-websocket provider stops reconnecting on 4400–4499.
 */
export const CloseCode = {
  /** Server going away (restart): reconnect. */
  goingAway: 1001,
  /** Malformed message at the protocol level. */
  protocolError: 1002,
  /** A text frame: the protocol is binary. */
  unsupportedData: 1003,
  /** Message content is inconsistent (e.g. an update Yjs rejects). */
  invalidPayload: 1007,
  /** Message larger than the relay accepts. */
  messageTooBig: 1009,
  /** Internal error in the server (the store failed): reconnect. */
  internalError: 1011,
  /** The store of record is unreachable (the database is down): nothing can be saved, reconnect a little later. */
  storeUnavailable: 1014,
  /** Busy, or a client id still held by this participant's previous connection: reconnect a little later. */
  tryAgainLater: 1013,
  /** Not allowed with this link. */
  forbidden: 4403,
  /** Unknown link. */
  unknownPad: 4404,
  /** The pad was locked while this connection wrote. */
  locked: 4409,
  /** The pad was deleted. */
  deleted: 4410,
  /** The edit link was rotated: sent to its connections at the rotation, and to any later one that presents the old link. */
  rotated: 4411,
  /** A write credited text to someone who did not write it, or took someone's credit: refused whole. */
  creditRefused: 4422,
  /** An edit or admin connection presented no participant: a page of an older version (reload it) or a script without a secret. */
  participantRequired: 4426,
  /** Too many messages or bytes. */
  rateLimited: 4429,
} as const

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** Whether a page that was closed with `code` should try to connect again. */
export function isReconnectable(code: number): boolean {
  return !(code >= 4400 && code < 4500)
}
