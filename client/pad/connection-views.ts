/**
 * The pad page's views of its connection: the status line (with its
 * announcer) and the list of who is here, with the announcements of arrivals
 * and departures.
 */
import type { Connection } from '../connection/connection'
import { mountStatusView } from '../connection/status'
import { mountPresenceAnnouncer } from '../people/presence/presence-announcer'
import { mountPresenceList } from '../people/presence/presence-list'
import type { PadAccess } from './access'
import type { OpenPadContext } from './context'

/** The status line and the presence list, which follow the connection. */
export function mountConnectionViews(context: OpenPadContext, connection: Connection, access: PadAccess): void {
  const { elements, localization, disposers } = context
  disposers.push(
    mountStatusView({
      element: elements.status,
      announcer: elements.statusAnnouncer,
      connection,
      localization,
      isReadOnly: access.isReadOnly,
    }),
  )
  disposers.push(
    mountPresenceList({
      list: elements.presence,
      count: elements.presenceCount,
      awareness: connection.awareness,
      localization,
    }),
  )
  disposers.push(
    mountPresenceAnnouncer({ region: elements.presenceAnnouncer, awareness: connection.awareness, connection, localization }),
  )
}
