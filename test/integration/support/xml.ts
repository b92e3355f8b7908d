/**
 * A strict, small XML 1.0 well-formedness check for the tests (no XML parser is a dependency):
 * one root element, every element closed in order, attributes quoted and not repeated, only the
 * five predefined entities and character references, no `<` or stray `&` in text. Returns the
 * element tree (names, attributes, decoded text) or throws with where it broke.
 */
export interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: XmlElement[]
  text: string
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decode(raw: string, at: number): string {
  if (raw.includes('<')) throw new Error(`"<" in text or attribute near ${at}`)
  return raw.replace(/&([^;\s]*);?/g, (match, name: string) => {
    if (!match.endsWith(';')) throw new Error(`"&" without ";" near ${at}`)
    if (name in ENTITIES) return ENTITIES[name] as string
    const code = /^#x([0-9a-f]+)$/i.exec(name)?.[1]
    const dec = /^#([0-9]+)$/.exec(name)?.[1]
    if (code) return String.fromCodePoint(Number.parseInt(code, 16))
    if (dec) return String.fromCodePoint(Number(dec))
    throw new Error(`unknown entity &${name}; near ${at}`)
  })
}

export function parseXml(xml: string): XmlElement {
  let i = 0
  if (xml.startsWith('<?xml')) {
    i = xml.indexOf('?>') + 2
    if (i < 2) throw new Error('unterminated XML declaration')
  }
  const stack: XmlElement[] = []
  let root: XmlElement | null = null
  const NAME = /^[A-Za-z_][\w.:-]*/
  while (i < xml.length) {
    const lt = xml.indexOf('<', i)
    const text = lt === -1 ? xml.slice(i) : xml.slice(i, lt)
    const top = stack.at(-1)
    if (top) top.text += decode(text, i)
    else if (text.trim()) throw new Error(`text outside the root element near ${i}`)
    if (lt === -1) break
    i = lt
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i)
      if (end === -1) throw new Error('unterminated comment')
      i = end + 3
      continue
    }
    if (xml.startsWith('</', i)) {
      const name = NAME.exec(xml.slice(i + 2))?.[0]
      const end = xml.indexOf('>', i)
      const open = stack.pop()
      if (
        !name ||
        end === -1 ||
        open?.name !== name ||
        xml.slice(i + 2 + name.length, end).trim()
      ) {
        throw new Error(`</${name}> does not close <${open?.name}> near ${i}`)
      }
      i = end + 1
      continue
    }
    const name = NAME.exec(xml.slice(i + 1))?.[0]
    if (!name) throw new Error(`bad tag near ${i}`)
    i += 1 + name.length
    const element: XmlElement = { name, attributes: {}, children: [], text: '' }
    for (;;) {
      const rest = xml.slice(i)
      const space = /^\s*/.exec(rest)?.[0].length ?? 0
      i += space
      if (xml.startsWith('/>', i) || xml.startsWith('>', i)) break
      if (space === 0) throw new Error(`attributes need white space near ${i}`)
      const attr = /^([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(xml.slice(i))
      if (!attr?.[1]) throw new Error(`bad attribute near ${i}`)
      if (attr[1] in element.attributes) throw new Error(`repeated attribute ${attr[1]}`)
      element.attributes[attr[1]] = decode(attr[3] ?? attr[4] ?? '', i)
      i += attr[0].length
    }
    const parent = stack.at(-1)
    if (parent) parent.children.push(element)
    else if (root) throw new Error('a second root element')
    else root = element
    if (xml.startsWith('/>', i)) i += 2
    else {
      i += 1
      stack.push(element)
    }
  }
  if (stack.length > 0) throw new Error(`<${stack.at(-1)?.name}> is not closed`)
  if (!root) throw new Error('no root element')
  return root
}

/** The direct children of `el` named `name`. */
export const childrenNamed = (el: XmlElement, name: string) =>
  el.children.filter((c) => c.name === name)
