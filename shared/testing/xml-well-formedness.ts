/**
 * A strict check that a string is a well-formed XML 1.0 document with
 * well-formed namespaces, small enough to read in one sitting, so that the
 * tests of the ODT export can prove every file they write parses without
 * pulling in an XML library. It reads what the exports write (declaration,
 * elements, attributes, character and predefined entity references,
 * comments, CDATA, processing instructions) and rejects document type
 * declarations. It does not validate against a schema.
 */

export class XmlWellFormednessError extends Error {
  override readonly name = 'XmlWellFormednessError'
  constructor(
    message: string,
    /** Offset in the document, in UTF-16 code units. */
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`)
  }
}

export interface XmlSummary {
  /** Qualified name of every element, in document order. */
  elementNames: string[]
  /** Qualified name of every attribute, in document order. */
  attributeNames: string[]
  /** The character data, references decoded. */
  text: string
}

// XML 1.0, §2.2 Char.
const invalidCharacter = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u
// §2.3 Name, restricted to what a NameStartChar/NameChar can be in the BMP letters we meet.
const namePattern = /[A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD][A-Za-z0-9_:.\-\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C\u200D\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]*/y
const predefinedEntities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const xmlNamespace = 'http://www.w3.org/XML/1998/namespace'

/** Checks `xml` and returns what it holds; throws XmlWellFormednessError at the first fault. */
export function checkXmlWellFormed(xml: string): XmlSummary {
  const bad = invalidCharacter.exec(xml)
  if (bad !== null) throw new XmlWellFormednessError(`character U+${bad[0].codePointAt(0)?.toString(16).toUpperCase()} not allowed in XML`, bad.index)
  const summary: XmlSummary = { elementNames: [], attributeNames: [], text: '' }
  let position = 0
  const fail = (message: string): never => {
    throw new XmlWellFormednessError(message, position)
  }
  const startsWith = (token: string): boolean => xml.startsWith(token, position)
  const skipSpace = (): boolean => {
    const start = position
    while (position < xml.length && ' \t\r\n'.includes(xml[position] ?? '')) position++
    return position > start
  }
  const readName = (): string => {
    namePattern.lastIndex = position
    const match = namePattern.exec(xml)
    if (match === null) return fail('expected a name')
    position += match[0].length
    return match[0]
  }
  const readUntil = (end: string, what: string): string => {
    const at = xml.indexOf(end, position)
    if (at < 0) return fail(`unterminated ${what}`)
    const content = xml.slice(position, at)
    position = at + end.length
    return content
  }
  const decodeReferences = (raw: string, offset: number): string =>
    raw.replace(/&([^;&]*);|&/g, (reference, name: string | undefined, at: number) => {
      if (name === undefined) throw new XmlWellFormednessError('"&" that starts no reference', offset + at)
      const predefined = predefinedEntities[name]
      if (predefined !== undefined) return predefined
      const code = /^#x[0-9A-Fa-f]+$/.test(name) ? parseInt(name.slice(2), 16) : /^#[0-9]+$/.test(name) ? parseInt(name.slice(1), 10) : NaN
      if (Number.isNaN(code) || code > 0x10ffff) throw new XmlWellFormednessError(`unknown reference ${reference}`, offset + at)
      const character = String.fromCodePoint(code)
      if (invalidCharacter.test(character)) throw new XmlWellFormednessError(`reference ${reference} to a character not allowed in XML`, offset + at)
      return character
    })
  const readMisc = (): void => {
    for (;;) {
      skipSpace()
      if (startsWith('<!--')) readComment()
      else if (startsWith('<?')) readProcessingInstruction()
      else return
    }
  }
  const readComment = (): void => {
    position += 4
    const content = readUntil('-->', 'comment')
    if (content.includes('--') || content.endsWith('-')) fail('"--" inside a comment')
  }
  const readProcessingInstruction = (): void => {
    position += 2
    const target = readName()
    if (target.toLowerCase() === 'xml') fail('XML declaration not at the start')
    readUntil('?>', 'processing instruction')
  }

  type Scope = Map<string, string>
  const resolvePrefix = (qualifiedName: string, scopes: readonly Scope[], isAttribute: boolean): void => {
    const parts = qualifiedName.split(':')
    if (parts.length > 2 || parts.some((part) => part === '')) fail(`"${qualifiedName}" is not a qualified name`)
    if (parts.length === 1) return
    const prefix = parts[0] ?? ''
    if (isAttribute && prefix === 'xmlns') return
    if (prefix === 'xml') return
    if (!scopes.some((scope) => scope.has(prefix))) fail(`namespace prefix "${prefix}" is not declared`)
  }

  const readElement = (scopes: Scope[]): void => {
    position += 1
    const name = readName()
    summary.elementNames.push(name)
    const attributes = new Map<string, string>()
    const scope: Scope = new Map()
    for (;;) {
      const hadSpace = skipSpace()
      if (startsWith('/>') || startsWith('>')) break
      if (!hadSpace) fail('expected a space before an attribute')
      const attribute = readName()
      skipSpace()
      if (xml[position] !== '=') fail(`expected "=" after ${attribute}`)
      position += 1
      skipSpace()
      const quote = xml[position]
      if (quote !== '"' && quote !== "'") return fail(`expected a quoted value for ${attribute}`)
      position += 1
      const valueStart = position
      const raw = readUntil(quote, 'attribute value')
      if (raw.includes('<')) throw new XmlWellFormednessError(`"<" in the value of ${attribute}`, valueStart)
      const value = decodeReferences(raw, valueStart)
      if (attributes.has(attribute)) fail(`attribute ${attribute} given twice`)
      attributes.set(attribute, value)
      summary.attributeNames.push(attribute)
      if (attribute.startsWith('xmlns:')) {
        if (value === '') fail(`empty namespace for ${attribute}`)
        scope.set(attribute.slice(6), value)
      }
      if (attribute === 'xmlns:xml' && value !== xmlNamespace) fail('the xml prefix bound to another namespace')
    }
    const inner = [...scopes, scope]
    resolvePrefix(name, inner, false)
    for (const attribute of attributes.keys()) resolvePrefix(attribute, inner, true)
    if (startsWith('/>')) {
      position += 2
      return
    }
    position += 1
    readContent(inner)
    if (!startsWith('</')) fail(`unclosed element ${name}`)
    position += 2
    const closing = readName()
    if (closing !== name) fail(`</${closing}> closes <${name}>`)
    skipSpace()
    if (xml[position] !== '>') fail(`expected ">" after </${closing}`)
    position += 1
  }

  const readContent = (scopes: Scope[]): void => {
    for (;;) {
      const next = xml.indexOf('<', position)
      if (next < 0) fail('unexpected end of document')
      const raw = xml.slice(position, next)
      if (raw.includes(']]>')) throw new XmlWellFormednessError('"]]>" in character data', position + raw.indexOf(']]>'))
      summary.text += decodeReferences(raw, position)
      position = next
      if (startsWith('</')) return
      if (startsWith('<!--')) readComment()
      else if (startsWith('<![CDATA[')) {
        position += 9
        summary.text += readUntil(']]>', 'CDATA section')
      } else if (startsWith('<?')) readProcessingInstruction()
      else if (startsWith('<!')) fail('markup declaration inside an element')
      else readElement(scopes)
    }
  }

  if (/^<\?xml\s/.test(xml)) {
    const declaration = readUntil('?>', 'XML declaration')
    if (!/^<\?xml\s+version\s*=\s*("1\.0"|'1\.0')(\s+encoding\s*=\s*("[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(\s+standalone\s*=\s*("(yes|no)"|'(yes|no)'))?\s*$/.test(declaration)) {
      fail('malformed XML declaration')
    }
  }
  readMisc()
  if (startsWith('<!DOCTYPE')) fail('document type declarations are not accepted')
  if (xml[position] !== '<') fail('expected the root element')
  readElement([new Map([['xml', xmlNamespace]])])
  readMisc()
  if (position !== xml.length) fail('content after the root element')
  return summary
}
