/**
 * Whether this page may restore a version of its pad, and if not why, from
 * its link's role and the pad's settings — the rule the server enforces
 * (server/api/history/pad-history.ts), said ahead so that the page offers only what
 * will work: the facilitator always may; an edit link may unless the
 * facilitator kept restores for the admin link (`restoreRole: 'admin'`) or
 * the pad is locked; a view link never. Pure; it does not render the
 * explanation (version-actions.ts and big-deletion-notice.ts do).
 */
import type { PadState } from '../../shared/protocol/api'
import { Role } from '../../shared/protocol/roles'

export const RestorePermission = {
  allowed: 'allowed',
  /** The facilitator allowed restores from the admin link only. */
  adminOnly: 'admin-only',
  /** The pad is locked: only the facilitator writes, restores included. */
  locked: 'locked',
  /** A view link: it never sees the history. */
  readOnly: 'read-only',
} as const

export type RestorePermission = (typeof RestorePermission)[keyof typeof RestorePermission]

export function restorePermissionOf(role: Role, state: Pick<PadState, 'restoreRole' | 'locked'>): RestorePermission {
  if (role === Role.admin) return RestorePermission.allowed
  if (role === Role.view) return RestorePermission.readOnly
  if (state.restoreRole === 'admin') return RestorePermission.adminOnly
  if (state.locked) return RestorePermission.locked
  return RestorePermission.allowed
}
