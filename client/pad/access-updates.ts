/**
 * What the connection and the pushed settings say about the page's access
 * (`access.ts`): a write refused by a lock, a link that died, a lock or an
 * unlock; on an unlock an editor's held-back writes go out, and an admin
 * page reads its links again.
 */
import { CloseCode } from '../../shared/protocol/close-codes'
import { Role } from '../../shared/protocol/roles'
import type { Connection } from '../connection/connection'
import { followPadState } from '../connection/settings-feed'
import { refreshLinks } from '../settings/settings-fetch'
import type { PadAccess } from './access'
import type { OpenPadContext } from './context'

export interface AccessSources {
  context: OpenPadContext
  connection: Connection
  access: PadAccess
  renderAccess(): void
  closeForGood(code: number): void
}

/** What the connection and the pushed settings say about access: a write refused by a lock, a dead link, a lock or an unlock. */
export function followAccess({ context, connection, access, renderAccess, closeForGood }: AccessSources): void {
  const { key, settings, disposers } = context
  disposers.push(
    connection.onChange((state) => {
      if (state.closeCode === CloseCode.locked && access.refuseByLock()) renderAccess()
      if (state.isFinal && state.closeCode !== null) closeForGood(state.closeCode)
    }),
  )

  disposers.push(
    followPadState(connection.provider, (state) => {
      const wasLocked = access.isLocked()
      if (!state.locked) access.endRefusalByLock()
      settings.applyState(state)
      renderAccess()
      // Writes the server refused or dropped while the pad was locked go to it now.
      if (wasLocked && !state.locked && access.role === Role.edit) connection.resumeAfterUnlock()
      // Another device of the facilitator may have rotated the edit link: the
      // links are not in the pushed state, so an admin page reads them again.
      if (access.role === Role.admin) void refreshLinks(key, settings)
    }),
  )
  disposers.push(settings.onChange(renderAccess))
}
