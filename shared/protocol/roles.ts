/**
 * The three roles a pad link can carry (DESIGN.md, "Pads, links and roles"),
 * and what each may do. Enforced by the server; the client only mirrors it.
 */
export const Role = {
  edit: 'edit',
  view: 'view',
  admin: 'admin',
} as const

export type Role = (typeof Role)[keyof typeof Role]

export const roles: readonly Role[] = [Role.edit, Role.view, Role.admin]

/** Whether a connection with this role may change the pad's document. */
export function canWrite(role: Role): boolean {
  return role !== Role.view
}
