/**
 * A small stand-in for `zod` in the phone build only (vite.phone.config.ts aliases `zod` to it):
 * the shared schemas of `@ideenwand/protocol` are built at import time and the phone checks the
 * server's control messages and answers with them, but zod itself is ~25 KB gzip — a quarter of
 * the phone's JavaScript budget. This covers exactly the part of zod's API those schemas use, with
 * the same results for what the phone parses (objects strip unknown keys, `strictObject` refuses
 * them, numbers must be finite); string formats (`email`, `url`) are checked loosely, since the
 * phone never validates what people type with them — the server does, with the real zod.
 * Types come from the real zod at compile time; this file is only what runs.
 */

type Result = { ok: true; value: unknown } | { ok: false; message: string }
type Check = (value: unknown) => Result

const ok = (value: unknown): Result => ({ ok: true, value })
const fail = (message: string): Result => ({ ok: false, message })

class Schema {
  constructor(
    readonly check: Check,
    readonly shape?: Record<string, Schema>,
    readonly optional_ = false,
  ) {}

  private andThen(next: Check): Schema {
    return new Schema((value) => {
      const first = this.check(value)
      return first.ok ? next(first.value) : first
    }, this.shape)
  }

  safeParse(value: unknown) {
    const result = this.check(value)
    return result.ok
      ? { success: true as const, data: result.value }
      : { success: false as const, error: { message: result.message, issues: [] } }
  }

  parse(value: unknown): unknown {
    const result = this.check(value)
    if (!result.ok) throw new Error(result.message)
    return result.value
  }

  nullable(): Schema {
    return new Schema((v) => (v === null ? ok(null) : this.check(v)), this.shape, this.optional_)
  }

  optional(): Schema {
    return new Schema((v) => (v === undefined ? ok(undefined) : this.check(v)), this.shape, true)
  }

  nullish(): Schema {
    return this.nullable().optional()
  }

  array(): Schema {
    return array(this)
  }

  min(n: number): Schema {
    return this.andThen((v) => (size(v) >= n ? ok(v) : fail(`too small: ${n}`)))
  }

  max(n: number): Schema {
    return this.andThen((v) => (size(v) <= n ? ok(v) : fail(`too big: ${n}`)))
  }

  int(): Schema {
    return this.andThen((v) => (Number.isInteger(v) ? ok(v) : fail('expected an integer')))
  }

  trim(): Schema {
    return this.andThen((v) => ok(String(v).trim()))
  }

  toLowerCase(): Schema {
    return this.andThen((v) => ok(String(v).toLowerCase()))
  }

  regex(re: RegExp, message = 'invalid format'): Schema {
    return this.andThen((v) => (re.test(String(v)) ? ok(v) : fail(message)))
  }

  email(): Schema {
    return this.regex(/^[^\s@]+@[^\s@]+$/, 'invalid email')
  }

  url(): Schema {
    return this.regex(/^[a-z][a-z0-9+.-]*:\S+$/i, 'invalid url')
  }

  refine(predicate: (value: unknown) => boolean, message = 'invalid'): Schema {
    return this.andThen((v) => (predicate(v) ? ok(v) : fail(message)))
  }

  extend(more: Record<string, Schema>): Schema {
    return object({ ...this.shape, ...more })
  }

  partial(): Schema {
    const shape: Record<string, Schema> = {}
    for (const [key, s] of Object.entries(this.shape ?? {})) shape[key] = s.optional()
    return object(shape)
  }

  /** `z.object(…).strict()`: unknown keys are refused, as with `strictObject`. */
  strict(): Schema {
    return this.shape ? object(this.shape, true) : this
  }

  meta(): Schema {
    return this
  }

  describe(): Schema {
    return this
  }
}

const size = (v: unknown) =>
  typeof v === 'number' ? v : typeof v === 'string' || Array.isArray(v) ? v.length : Number.NaN

const typed = (kind: string, test: (v: unknown) => boolean) =>
  new Schema((v) => (test(v) ? ok(v) : fail(`expected ${kind}`)))

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function object(shape: Record<string, Schema>, strict = false): Schema {
  return new Schema((v) => {
    if (!isPlain(v)) return fail('expected an object')
    if (strict) for (const key of Object.keys(v)) if (!(key in shape)) return fail(`unknown ${key}`)
    const out: Record<string, unknown> = {}
    for (const [key, schema] of Object.entries(shape)) {
      const result = schema.check(v[key])
      if (!result.ok) return fail(`${key}: ${result.message}`)
      if (result.value !== undefined || (key in v && !schema.optional_)) out[key] = result.value
    }
    return ok(out)
  }, shape)
}

function array(item: Schema): Schema {
  return new Schema((v) => {
    if (!Array.isArray(v)) return fail('expected an array')
    const out: unknown[] = []
    for (const element of v) {
      const result = item.check(element)
      if (!result.ok) return result
      out.push(result.value)
    }
    return ok(out)
  })
}

function union(options: readonly Schema[]): Schema {
  return new Schema((v) => {
    for (const option of options) {
      const result = option.check(v)
      if (result.ok) return result
    }
    return fail('no matching option')
  })
}

export const z = {
  string: () => typed('a string', (v) => typeof v === 'string'),
  number: () => typed('a number', (v) => typeof v === 'number' && Number.isFinite(v)),
  boolean: () => typed('a boolean', (v) => typeof v === 'boolean'),
  unknown: () => new Schema(ok),
  literal: (value: unknown) => typed(String(value), (v) => v === value),
  enum: (values: readonly string[]) => typed(values.join('|'), (v) => values.includes(v as string)),
  object: (shape: Record<string, Schema>) => object(shape),
  strictObject: (shape: Record<string, Schema>) => object(shape, true),
  array,
  record: (_key: Schema, value: Schema) =>
    new Schema((v) => {
      if (!isPlain(v)) return fail('expected a record')
      const out: Record<string, unknown> = Object.create(null)
      for (const [key, element] of Object.entries(v)) {
        const result = value.check(element)
        if (!result.ok) return result
        out[key] = result.value
      }
      return ok(out)
    }),
  union,
  discriminatedUnion: (_key: string, options: readonly Schema[]) => union(options),
}
