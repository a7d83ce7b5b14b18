/**
 * The facilitator's settings form as values: what the fields show for a
 * pad's settings (`settingsFormValuesOf`), and the `PATCH` body for what the
 * facilitator changed (`buildSettingsPatch`) — only the fields that differ, so
 * that saving the title does not overwrite a license changed meanwhile from
 * another device. Checks what the server would refuse, so the facilitator
 * hears it next to the field. Pure: `settings-fields.ts` reads and fills the
 * DOM.
 */
import { maxEventFieldLength, maxExtraContributors, maxTitleLength, padLifetimes, restoreRoles } from '../../shared/protocol/api'
import type { PadEvent, PadSettingsPatch, PadState } from '../../shared/protocol/api'
import { maxAuthorNameLength } from '../../shared/pad/attribution'
import { isDataLicenseId, isLicenseId } from '../../shared/pad/licenses'
import { formatContributorNames, isSameNameList, parseContributorNames } from './contributor-names'
import type { MessageKey, MessageParams } from '../i18n/i18n'

/** The form's fields, as strings the way inputs hold them. */
export interface SettingsFormValues {
  title: string
  eventName: string
  /** `YYYY-MM-DD` (an `<input type="date">`), or ''. */
  eventDate: string
  eventPlace: string
  license: string
  /** The initiatives' open-data license. */
  dataLicense: string
  lifetime: string
  /** Who may restore a version: `edit` or `admin`. */
  restoreRole: string
  /** People credited without having typed: one per line or comma-separated. */
  extraContributors: string
}

export type SettingsField = keyof SettingsFormValues

export interface SettingsFormProblem {
  field: SettingsField
  key: MessageKey
  params?: MessageParams
}

export type SettingsFormOutcome =
  | { kind: 'patch'; patch: PadSettingsPatch }
  | { kind: 'unchanged' }
  | { kind: 'invalid'; problems: SettingsFormProblem[] }

export function settingsFormValuesOf(state: PadState): SettingsFormValues {
  return {
    title: state.title,
    eventName: state.event.name,
    eventDate: state.event.date,
    eventPlace: state.event.place,
    license: state.license,
    dataLicense: state.dataLicense,
    lifetime: state.lifetime,
    restoreRole: state.restoreRole,
    extraContributors: formatContributorNames(state.extraContributors),
  }
}

export function buildSettingsPatch(values: SettingsFormValues, current: PadState): SettingsFormOutcome {
  const title = values.title.trim()
  const event: PadEvent = { name: values.eventName.trim(), date: values.eventDate.trim(), place: values.eventPlace.trim() }
  const problems: SettingsFormProblem[] = []
  if (title.length > maxTitleLength) problems.push({ field: 'title', key: 'settings.error.tooLong', params: { max: maxTitleLength } })
  if (event.name.length > maxEventFieldLength) {
    problems.push({ field: 'eventName', key: 'settings.error.tooLong', params: { max: maxEventFieldLength } })
  }
  if (event.date !== '' && !isCalendarDate(event.date)) problems.push({ field: 'eventDate', key: 'settings.error.date' })
  if (event.place.length > maxEventFieldLength) {
    problems.push({ field: 'eventPlace', key: 'settings.error.tooLong', params: { max: maxEventFieldLength } })
  }
  const license = values.license
  if (!isLicenseId(license)) problems.push({ field: 'license', key: 'settings.error.license' })
  const dataLicense = values.dataLicense
  if (!isDataLicenseId(dataLicense)) problems.push({ field: 'dataLicense', key: 'settings.error.license' })
  const lifetime = padLifetimes.find((candidate) => candidate === values.lifetime)
  if (lifetime === undefined) problems.push({ field: 'lifetime', key: 'settings.error.lifetime' })
  const restoreRole = restoreRoles.find((candidate) => candidate === values.restoreRole)
  if (restoreRole === undefined) problems.push({ field: 'restoreRole', key: 'settings.error.restoreRole' })
  const extraContributors = parseContributorNames(values.extraContributors)
  if (extraContributors.length > maxExtraContributors) {
    problems.push({ field: 'extraContributors', key: 'settings.error.tooManyNames', params: { max: maxExtraContributors } })
  } else if (extraContributors.some((name) => name.length > maxAuthorNameLength)) {
    problems.push({ field: 'extraContributors', key: 'settings.error.nameTooLong', params: { max: maxAuthorNameLength } })
  }
  if (problems.length > 0 || !isLicenseId(license) || !isDataLicenseId(dataLicense) || lifetime === undefined || restoreRole === undefined) {
    return { kind: 'invalid', problems }
  }

  const patch: PadSettingsPatch = {}
  if (title !== current.title) patch.title = title
  const eventPatch: Partial<PadEvent> = {}
  for (const field of ['name', 'date', 'place'] as const) {
    if (event[field] !== current.event[field]) eventPatch[field] = event[field]
  }
  if (Object.keys(eventPatch).length > 0) patch.event = eventPatch
  if (license !== current.license) patch.license = license
  if (dataLicense !== current.dataLicense) patch.dataLicense = dataLicense
  if (lifetime !== current.lifetime) patch.lifetime = lifetime
  if (restoreRole !== current.restoreRole) patch.restoreRole = restoreRole
  if (!isSameNameList(extraContributors, current.extraContributors)) patch.extraContributors = extraContributors
  return Object.keys(patch).length === 0 ? { kind: 'unchanged' } : { kind: 'patch', patch }
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const time = Date.parse(`${value}T00:00:00Z`)
  // Date.parse rolls 2026-02-31 over to March: a real day prints back as itself.
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value)
}
