/**
 * The companion metadata of the initiatives CSV, as the W3C's CSV on the Web
 * recommendation describes a table (`<file>-metadata.json`, JSON-LD): which
 * file it describes, its title, the pad it comes from, the session's date,
 * its data license (Licence Ouverte 2.0 unless the facilitator chose ODbL or
 * CC0) and its columns. Open-data portals read it to publish the list with
 * its license. Plain JSON: nothing here is rendered as markup.
 */
import { csvColumns } from './csv'
import type { Recipe } from './recipe'

export function renderCsvMetadata(recipe: Recipe, csvFileName: string): string {
  const metadata = {
    '@context': 'http://www.w3.org/ns/csvw',
    url: csvFileName,
    'dc:title': recipe.title,
    'dc:description': recipe.summary,
    'dc:source': recipe.source,
    'dc:date': recipe.session.date ?? '',
    'dc:language': recipe.language,
    'dc:license': { '@id': recipe.dataLicense.url, 'dc:identifier': recipe.dataLicense.id, 'dc:title': recipe.dataLicense.name },
    dialect: { encoding: 'utf-8', header: true, lineTerminators: ['\r\n'] },
    tableSchema: {
      columns: csvColumns(recipe).map((column) => ({ name: column.name, titles: column.title, datatype: 'string' })),
      primaryKey: 'id',
    },
  }
  return `${JSON.stringify(metadata, null, 2)}\n`
}
