import { describe, expect, it } from 'vitest'
import { checkXmlWellFormed, XmlWellFormednessError } from './xml-well-formedness'

const declaration = '<?xml version="1.0" encoding="UTF-8"?>'

describe('checkXmlWellFormed', () => {
  it('accepts a namespaced document and returns its elements, attributes and decoded text', () => {
    const summary = checkXmlWellFormed(
      `${declaration}\n<a:root xmlns:a="urn:a" xmlns:b="urn:b" b:x="1 &amp; 2"><!-- note --><a:p>x &lt; y &#x263A;<![CDATA[<raw>]]></a:p><b:empty/></a:root>\n`,
    )
    expect(summary.elementNames).toEqual(['a:root', 'a:p', 'b:empty'])
    expect(summary.attributeNames).toEqual(['xmlns:a', 'xmlns:b', 'b:x'])
    expect(summary.text).toBe('x < y ☺<raw>')
  })

  it.each([
    ['an unclosed element', '<a><b></a>'],
    ['two roots', '<a/><b/>'],
    ['a raw "<" in text', '<a>1 < 2</a>'],
    ['a bare "&"', '<a>fish & chips</a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a "<" in an attribute', '<a x="<"/>'],
    ['an unquoted attribute', '<a x=1/>'],
    ['a duplicate attribute', '<a x="1" x="2"/>'],
    ['"]]>" in text', '<a>]]></a>'],
    ['"--" in a comment', '<a><!-- a -- b --></a>'],
    ['a NUL character', '<a>\u0000</a>'],
    ['a vertical tab', '<a>\u000B</a>'],
    ['a lone surrogate', '<a>\uD800</a>'],
    ['U+FFFE', '<a>\uFFFE</a>'],
    ['a reference to a control character', '<a>&#1;</a>'],
    ['an undeclared prefix', '<a:b/>'],
    ['a DOCTYPE', '<!DOCTYPE a><a/>'],
    ['text after the root', '<a/>x'],
    ['a declaration not at the start', ' <?xml version="1.0"?><a/>'],
  ])('rejects %s', (_what, xml) => {
    expect(() => checkXmlWellFormed(xml)).toThrow(XmlWellFormednessError)
  })
})
