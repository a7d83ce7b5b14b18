/** The page offers a restore exactly where the server allows one. */
import { describe, expect, it } from 'vitest'
import { Role } from '../../shared/protocol/roles'
import { restorePermissionOf } from './restore-permission'

describe('restorePermissionOf', () => {
  it('lets the facilitator restore, locked or not, whatever the setting', () => {
    expect(restorePermissionOf(Role.admin, { restoreRole: 'admin', locked: true })).toBe('allowed')
  })

  it('lets an edit link restore by default, not when the facilitator kept it for the admin link, nor while the pad is locked', () => {
    expect(restorePermissionOf(Role.edit, { restoreRole: 'edit', locked: false })).toBe('allowed')
    expect(restorePermissionOf(Role.edit, { restoreRole: 'admin', locked: false })).toBe('admin-only')
    expect(restorePermissionOf(Role.edit, { restoreRole: 'edit', locked: true })).toBe('locked')
  })

  it('never lets a view link restore', () => {
    expect(restorePermissionOf(Role.view, { restoreRole: 'edit', locked: false })).toBe('read-only')
  })
})
