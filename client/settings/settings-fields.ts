/**
 * The settings form's inputs (`#settings-title` … `#settings-extra-contributors`, with `#settings-restore-role`)
 * as the facilitator panel uses them: filled from the live settings without
 * overwriting a field the facilitator is editing, read back as
 * `SettingsFormValues`, and refilled with what the server kept after a save.
 * It does not check the values nor build the `PATCH` (`settings-form.ts`), and
 * renders no message.
 */
import type { PadSettings } from '../../shared/protocol/api'
import type { SettingsField, SettingsFormValues } from './settings-form'
import { settingsFormValuesOf } from './settings-form'

/** The form's fields: `#settings-title`, `#settings-event-name`, `#settings-event-date`, `#settings-event-place`, `#settings-license`, `#settings-data-license`, `#settings-lifetime`, `#settings-restore-role`, `#settings-extra-contributors`. */
export interface SettingsFieldElements {
  title: HTMLInputElement
  eventName: HTMLInputElement
  eventDate: HTMLInputElement
  eventPlace: HTMLInputElement
  license: HTMLSelectElement
  dataLicense: HTMLSelectElement
  lifetime: HTMLSelectElement
  restoreRole: HTMLSelectElement
  extraContributors: HTMLTextAreaElement
}

export const settingsFields: readonly SettingsField[] = [
  'title',
  'eventName',
  'eventDate',
  'eventPlace',
  'license',
  'dataLicense',
  'lifetime',
  'restoreRole',
  'extraContributors',
]

export interface SettingsFields {
  readonly elements: SettingsFieldElements
  /** Fields take the new settings unless the facilitator changed them since they were last filled. */
  fill(current: PadSettings): void
  read(): SettingsFormValues
  /**
   * After a save: fields still showing what was `submitted` show what was
   * `saved` instead, and count as no longer being edited.
   */
  showSaved(submitted: SettingsFormValues, saved: SettingsFormValues): void
}

export function createSettingsFields(elements: SettingsFieldElements): SettingsFields {
  /** What the fields were last filled with; a field that differs is being edited. */
  let shownValues: SettingsFormValues | null = null

  return {
    elements,
    fill(current) {
      const values = settingsFormValuesOf(current)
      for (const field of settingsFields) {
        const element = elements[field]
        if (shownValues === null || element.value === shownValues[field]) element.value = values[field]
      }
      shownValues = values
    },
    read: () => ({
      title: elements.title.value,
      eventName: elements.eventName.value,
      eventDate: elements.eventDate.value,
      eventPlace: elements.eventPlace.value,
      license: elements.license.value,
      dataLicense: elements.dataLicense.value,
      lifetime: elements.lifetime.value,
      restoreRole: elements.restoreRole.value,
      extraContributors: elements.extraContributors.value,
    }),
    showSaved(submitted, saved) {
      for (const field of settingsFields) {
        if (elements[field].value === submitted[field]) elements[field].value = saved[field]
      }
      shownValues = saved
    },
  }
}
