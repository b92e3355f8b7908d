/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), for testing
 * `/metrics`: every line must be a HELP, TYPE, comment or sample line as the format defines them;
 * each family has at most one HELP and one TYPE, before its samples, and its samples are
 * contiguous; histograms have `_bucket` series with a `+Inf` bucket equal to `_count`, and
 * cumulative bucket counts. (parse-prometheus-text-format was tried first: it drops the labels
 * of labelled histograms.)
 */

export interface Sample {
  /** The series name (`x_bucket`, `x_sum` … for histograms). */
  name: string
  labels: Record<string, string>
  value: number
}

export interface Family {
  name: string
  help: string
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped'
  samples: Sample[]
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped'])
/** Go's ParseFloat, which Prometheus uses, takes NaN and Inf in any case (prom-client writes `Nan`). */
const VALUE = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?inf|nan)$/i
const SUFFIXES: Record<string, string[]> = {
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
}

/** Parses `text`; throws with the line number on anything the format does not allow. */
export function parseExposition(text: string): Map<string, Family> {
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a line feed')
  const families = new Map<string, Family>()
  const closed = new Set<string>()
  let current: Family | null = null
  const family = (name: string): Family => {
    if (current?.name === name) return current
    if (current) closed.add(current.name)
    if (closed.has(name)) throw new Error(`family ${name} is not contiguous`)
    const f = families.get(name) ?? { name, help: '', type: 'untyped' as const, samples: [] }
    families.set(name, f)
    current = f
    return f
  }
  const lines = text.slice(0, -1).split('\n')
  lines.forEach((line, i) => {
    const fail = (why: string): never => {
      throw new Error(`line ${i + 1}: ${why}: ${line}`)
    }
    if (line.trim() === '') return
    if (line.startsWith('#')) {
      const [, keyword, name, ...rest] = line.split(' ')
      if (keyword !== 'HELP' && keyword !== 'TYPE') return // a comment
      if (!name || !NAME.test(name)) fail('bad metric name')
      const f = family(name!)
      if (keyword === 'HELP') {
        if (f.help) fail('second HELP')
        f.help = rest.join(' ')
      } else {
        if (f.samples.length > 0) fail('TYPE after samples')
        if (rest.length !== 1 || !TYPES.has(rest[0]!)) fail('bad TYPE')
        f.type = rest[0] as Family['type']
      }
      return
    }
    const sample = parseSample(line, fail)
    const owner =
      current && (SUFFIXES[current.type] ?? ['']).some((s) => sample.name === current!.name + s)
        ? current
        : family(sample.name)
    owner.samples.push(sample)
  })
  for (const f of families.values()) if (f.type === 'histogram') checkHistogram(f)
  return families
}

function parseSample(line: string, fail: (why: string) => never): Sample {
  let i = 0
  while (i < line.length && line[i] !== '{' && line[i] !== ' ') i++
  const name = line.slice(0, i)
  if (!NAME.test(name)) fail('bad metric name')
  const labels: Record<string, string> = {}
  if (line[i] === '{') {
    i++
    while (line[i] !== '}') {
      const eq = line.indexOf('=', i)
      if (eq < 0) fail('label without value')
      const label = line.slice(i, eq)
      if (!LABEL_NAME.test(label) || label in labels) fail(`bad or repeated label ${label}`)
      if (line[eq + 1] !== '"') fail('label value not quoted')
      let value = ''
      let j = eq + 2
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\') {
          const next = line[++j]
          if (next === 'n') value += '\n'
          else if (next === '\\' || next === '"') value += next
          else fail('bad escape in label value')
        } else value += line[j]
      }
      if (j >= line.length) fail('unterminated label value')
      labels[label] = value
      i = j + 1
      if (line[i] === ',') i++
      else if (line[i] !== '}') fail('expected , or }')
    }
    i++
  }
  if (line[i] !== ' ') fail('expected a space before the value')
  const [value, timestamp, ...extra] = line.slice(i + 1).split(' ')
  if (!value || !VALUE.test(value)) fail('bad value')
  if (extra.length > 0 || (timestamp !== undefined && !/^-?\d+$/.test(timestamp))) {
    fail('bad timestamp')
  }
  const lower = value!.toLowerCase()
  const number = lower.endsWith('inf') ? (lower.startsWith('-') ? -1 : 1) * Infinity : Number(value)
  return { name, labels, value: number }
}

function checkHistogram(f: Family): void {
  const series = new Map<string, { buckets: [number, number][]; count?: number }>()
  for (const s of f.samples) {
    const { le, ...rest } = s.labels
    const key = JSON.stringify(Object.entries(rest).sort())
    const entry = series.get(key) ?? { buckets: [] }
    series.set(key, entry)
    if (s.name.endsWith('_bucket')) {
      if (le === undefined) throw new Error(`${f.name}: bucket without le`)
      entry.buckets.push([le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le), s.value])
    } else if (s.name.endsWith('_count')) entry.count = s.value
  }
  for (const [key, { buckets, count }] of series) {
    const last = buckets.at(-1)
    if (!last || last[0] !== Number.POSITIVE_INFINITY || last[1] !== count) {
      throw new Error(`${f.name}${key}: the +Inf bucket must exist and equal _count`)
    }
    for (let i = 1; i < buckets.length; i++) {
      if (buckets[i]![0] <= buckets[i - 1]![0] || buckets[i]![1] < buckets[i - 1]![1]) {
        throw new Error(`${f.name}${key}: buckets must be ordered and cumulative`)
      }
    }
  }
}

/** The sum of the samples named `name` whose labels include `labels` (0 if none). */
export function total(
  families: Map<string, Family>,
  name: string,
  labels: Record<string, string> = {},
): number {
  let sum = 0
  for (const f of families.values()) {
    for (const s of f.samples) {
      if (s.name !== name) continue
      if (Object.entries(labels).every(([k, v]) => s.labels[k] === v)) sum += s.value
    }
  }
  return sum
}
