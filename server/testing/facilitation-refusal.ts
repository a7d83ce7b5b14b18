/**
 * For the facilitation's tests: the code a refused change throws with
 * (server/facilitation/refusal.ts), so that a test can say which refusal it
 * expects; fails when the change is not refused at all.
 */
import { FacilitationRefusal } from '../facilitation/refusal'

export function refusalOf(change: () => unknown): string {
  try {
    change()
  } catch (error) {
    if (error instanceof FacilitationRefusal) return error.code
    throw error
  }
  throw new Error('the change was not refused')
}
