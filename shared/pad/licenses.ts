/**
 * The licenses a pad can be published under (DESIGN.md, "Recipe export"),
 * by SPDX identifier, with their names and canonical URLs (the French deed
 * where one exists). CC BY-SA 4.0 is the default; CC BY-NC-SA 4.0 is offered
 * with a warning because it is not a *libre* license. The initiatives of a
 * collecte have a data license of their own (`dataLicenses`).
 */
export const licenseIds = ['CC-BY-SA-4.0', 'CC-BY-4.0', 'CC0-1.0', 'LAL-1.3', 'etalab-2.0', 'CC-BY-NC-SA-4.0'] as const
export type LicenseId = (typeof licenseIds)[number]

export interface License {
  id: LicenseId
  name: { fr: string; en: string }
  url: string
  /** False for licenses that forbid commercial reuse: not free (libre) licenses. */
  isLibre: boolean
}

export const defaultLicenseId: LicenseId = 'CC-BY-SA-4.0'

export const licenses: Readonly<Record<LicenseId, License>> = {
  'CC-BY-SA-4.0': {
    id: 'CC-BY-SA-4.0',
    name: {
      fr: 'Creative Commons Attribution – Partage dans les mêmes conditions 4.0 International',
      en: 'Creative Commons Attribution-ShareAlike 4.0 International',
    },
    url: 'https://creativecommons.org/licenses/by-sa/4.0/deed.fr',
    isLibre: true,
  },
  'CC-BY-4.0': {
    id: 'CC-BY-4.0',
    name: { fr: 'Creative Commons Attribution 4.0 International', en: 'Creative Commons Attribution 4.0 International' },
    url: 'https://creativecommons.org/licenses/by/4.0/deed.fr',
    isLibre: true,
  },
  'CC0-1.0': {
    id: 'CC0-1.0',
    name: { fr: 'CC0 1.0 Universel (domaine public)', en: 'CC0 1.0 Universal (public domain dedication)' },
    url: 'https://creativecommons.org/publicdomain/zero/1.0/deed.fr',
    isLibre: true,
  },
  'LAL-1.3': {
    id: 'LAL-1.3',
    name: { fr: 'Licence Art Libre 1.3', en: 'Free Art License 1.3' },
    url: 'https://artlibre.org/licence/lal/',
    isLibre: true,
  },
  'etalab-2.0': {
    id: 'etalab-2.0',
    name: { fr: 'Licence Ouverte 2.0 (Etalab)', en: 'Open Licence 2.0 (Etalab)' },
    url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
    isLibre: true,
  },
  'CC-BY-NC-SA-4.0': {
    id: 'CC-BY-NC-SA-4.0',
    name: {
      fr: "Creative Commons Attribution – Pas d'utilisation commerciale – Partage dans les mêmes conditions 4.0 International",
      en: 'Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International',
    },
    url: 'https://creativecommons.org/licenses/by-nc-sa/4.0/deed.fr',
    isLibre: false,
  },
}

export function isLicenseId(value: unknown): value is LicenseId {
  return typeof value === 'string' && (licenseIds as readonly string[]).includes(value)
}

/**
 * The licenses a collecte's initiatives (its CSV and JSON: open data) can be
 * published under, besides the recipe's own license: the two French public
 * bodies may use for data (décret 2017-638: Licence Ouverte 2.0 and ODbL),
 * and CC0. Licence Ouverte 2.0 by default: it asks only for attribution.
 */
export const dataLicenseIds = ['etalab-2.0', 'ODbL-1.0', 'CC0-1.0'] as const
export type DataLicenseId = (typeof dataLicenseIds)[number]

export const defaultDataLicenseId: DataLicenseId = 'etalab-2.0'

export interface DataLicense {
  id: DataLicenseId
  name: { fr: string; en: string }
  url: string
}

export const dataLicenses: Readonly<Record<DataLicenseId, DataLicense>> = {
  'etalab-2.0': { id: 'etalab-2.0', name: licenses['etalab-2.0'].name, url: licenses['etalab-2.0'].url },
  'ODbL-1.0': {
    id: 'ODbL-1.0',
    name: { fr: 'Open Database License 1.0 (ODbL)', en: 'Open Database License 1.0 (ODbL)' },
    url: 'https://opendatacommons.org/licenses/odbl/1-0/',
  },
  'CC0-1.0': { id: 'CC0-1.0', name: licenses['CC0-1.0'].name, url: licenses['CC0-1.0'].url },
}

export function isDataLicenseId(value: unknown): value is DataLicenseId {
  return typeof value === 'string' && (dataLicenseIds as readonly string[]).includes(value)
}
