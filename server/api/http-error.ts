/**
 * The error an API route throws to answer with a status and the JSON body of
 * DESIGN.md's contract: `{ "error": "<code>", "message": "<human sentence>" }`.
 */
import type { ApiErrorBody } from '../../shared/protocol/api'

export class HttpError extends Error {
  override readonly name = 'HttpError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }

  toBody(): ApiErrorBody {
    return { error: this.code, message: this.message }
  }
}
