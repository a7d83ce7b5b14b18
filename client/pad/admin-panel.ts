/** The facilitator panel on an admin link's page (`settings/facilitator-panel.ts`). */
import { maxEventFieldLength, maxTitleLength } from '../../shared/protocol/api'
import { mountFacilitatorPanel } from '../settings/facilitator-panel'
import type { OpenPadContext } from './context'

/** The facilitator panel, for the admin link: its fields take the server's length limits. */
export function mountAdminPanel(context: OpenPadContext, onDeleted: () => void): void {
  const { key, settings, elements, localization, disposers } = context
  elements.facilitator.fields.title.maxLength = maxTitleLength
  elements.facilitator.fields.eventName.maxLength = maxEventFieldLength
  elements.facilitator.fields.eventPlace.maxLength = maxEventFieldLength
  disposers.push(
    mountFacilitatorPanel({
      elements: elements.facilitator,
      adminKey: key,
      settings,
      localization,
      onDeleted,
    }),
  )
}
