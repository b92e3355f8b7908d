import { describe, expect, it } from 'vitest'
import { csvCell, csvDialect, toCsv } from './csv.ts'
import { toDataPackage } from './dataPackage.ts'
import { fixtureOutcome } from './fixture.ts'

describe('CSV quoting (RFC 4180)', () => {
  it('quotes cells with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('sag "ja"')).toBe('"sag ""ja"""')
    expect(csvCell('zwei\nZeilen')).toBe('"zwei\nZeilen"')
    expect(csvCell('cr\r\nlf')).toBe('"cr\r\nlf"')
    expect(csvCell('schlicht')).toBe('schlicht')
    expect(csvCell('Bürger – Straße ÄÖÜ')).toBe('Bürger – Straße ÄÖÜ')
  })
  it('writes numbers, booleans and empty cells plainly', () => {
    expect(csvCell(42)).toBe('42')
    expect(csvCell(-5)).toBe('-5')
    expect(csvCell(true)).toBe('true')
    expect(csvCell(null)).toBe('')
    expect(csvCell(Number.NaN)).toBe('')
  })
  it('ends every row with CRLF and has a header', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['1', 2],
          [null, 'x,y'],
        ],
      ),
    ).toBe('a,b\r\n1,2\r\n,"x,y"\r\n')
  })
})

describe('CSV formula injection', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+49 33841 12345', "'+49 33841 12345"],
    ['-5', "'-5"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\tTab', "'\tTab"],
    ['\rCR', `"'\rCR"`],
    ['=HYPERLINK("http://evil","klick")', `"'=HYPERLINK(""http://evil"",""klick"")"`],
    ['=1,2', `"'=1,2"`],
  ])('%j is neutralised', (input, expected) => {
    expect(csvCell(input)).toBe(expected)
  })
  it('leaves harmless text alone, also with = or - inside', () => {
    expect(csvCell('a=b')).toBe('a=b')
    expect(csvCell('Wiesenburg-Mark')).toBe('Wiesenburg-Mark')
  })
})

describe('CSV byte order mark', () => {
  it('is off by default and U+FEFF first when asked', () => {
    expect(toCsv(['a'], [['ü']]).charCodeAt(0)).toBe(0x61)
    const withBom = toCsv(['a'], [['ü']], { bom: true })
    expect(withBom.charCodeAt(0)).toBe(0xfeff)
    expect(Array.from(new TextEncoder().encode(withBom).slice(0, 3))).toEqual([0xef, 0xbb, 0xbf])
  })
})

describe('German Excel dialect', () => {
  it('is semicolon, BOM and CRLF; quotes cells with semicolons, not commas; ids need no prefix', () => {
    const text = toCsv(
      ['id', 'text', 'dots'],
      [
        ['Abc123', 'Łódź → 🎉; Bad Belzig', 3],
        ['Xyz789', 'Kaffee, Kuchen', 0],
      ],
      csvDialect('excel-de'),
    )
    expect(text).toBe(
      '\ufeffid;text;dots\r\nAbc123;"Łódź → 🎉; Bad Belzig";3\r\nXyz789;Kaffee, Kuchen;0\r\n',
    )
    expect(csvDialect('standard')).toEqual({ bom: false, delimiter: ',' })
  })

  it('the data package says which delimiter its CSVs use', () => {
    const files = toDataPackage(fixtureOutcome(), undefined, csvDialect('excel-de'))
    const descriptor = JSON.parse(files['datapackage.json']) as {
      resources: { dialect: { delimiter: string } }[]
    }
    expect(descriptor.resources.map((r) => r.dialect.delimiter)).toEqual([
      ';',
      ';',
      ';',
      ';',
      ';',
      ';',
    ])
    expect(files['ideas.csv'].startsWith('\ufeffid;text;')).toBe(true)
    const plain = JSON.parse(toDataPackage(fixtureOutcome())['datapackage.json']) as {
      resources: { dialect: { delimiter: string } }[]
    }
    expect(plain.resources[0]?.dialect.delimiter).toBe(',')
  })
})
