/**
 * The local participant: a random id, a fallback display name ("Gast 1234") and a cursor colour,
 * kept in localStorage so they survive reloads. `useLocalUser()` keeps every tab in sync.
 */
import { useCallback, useState, useSyncExternalStore } from 'react'

export interface LocalUser {
  readonly id: string
  readonly name: string
  readonly color: string
}

const STORAGE_KEY = 'ideenwand:user'
const CHANGE_EVENT = 'ideenwand:user'
export const MAX_NAME_LENGTH = 60

/** Cursor colours with enough contrast for a white name label. */
export const USER_COLORS = [
  '#e03131',
  '#c2255c',
  '#9c36b5',
  '#6741d9',
  '#3b5bdb',
  '#1971c2',
  '#0c8599',
  '#099268',
  '#2f9e44',
  '#e8590c',
] as const

function randomInt(max: number): number {
  const [n = 0] = crypto.getRandomValues(new Uint32Array(1))
  return n % max
}

function createUser(guestName: (suffix: string) => string): LocalUser {
  return {
    id: crypto.randomUUID(),
    name: guestName(String(1000 + randomInt(9000))),
    color: USER_COLORS[randomInt(USER_COLORS.length)] ?? USER_COLORS[0],
  }
}

function parse(raw: string | null): LocalUser | null {
  if (!raw) return null
  try {
    const value: unknown = JSON.parse(raw)
    if (typeof value !== 'object' || value === null) return null
    const { id, name, color } = value as Record<string, unknown>
    if (typeof id !== 'string' || typeof name !== 'string' || typeof color !== 'string') return null
    if (!/^#[0-9a-fA-F]{6}$/.test(color) || id.length === 0 || id.length > 100) return null
    return { id, name: name.slice(0, MAX_NAME_LENGTH), color }
  } catch {
    return null
  }
}

let cached: { raw: string | null; user: LocalUser } | null = null

function read(guestName: (suffix: string) => string): LocalUser {
  let raw: string | null = null
  try {
    raw = localStorage.getItem(STORAGE_KEY)
  } catch {
    // Storage unavailable: fall through to an in-memory user.
  }
  if (cached && cached.raw === raw) return cached.user
  const user = parse(raw) ?? cached?.user ?? createUser(guestName)
  if (!parse(raw)) write(user)
  cached = { raw: safeGet(), user }
  return user
}

function safeGet(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

function write(user: LocalUser): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(user))
  } catch {
    cached = { raw: null, user }
  }
}

function subscribe(onChange: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY) onChange()
  }
  window.addEventListener('storage', onStorage)
  window.addEventListener(CHANGE_EVENT, onChange)
  return () => {
    window.removeEventListener('storage', onStorage)
    window.removeEventListener(CHANGE_EVENT, onChange)
  }
}

export function useLocalUser(
  guestName: (suffix: string) => string,
): [LocalUser, (patch: Partial<Omit<LocalUser, 'id'>>) => void] {
  const user = useSyncExternalStore(subscribe, () => read(guestName))
  const update = useCallback(
    (patch: Partial<Omit<LocalUser, 'id'>>) => {
      const current = read(guestName)
      const next: LocalUser = {
        ...current,
        ...patch,
        name: (patch.name ?? current.name).slice(0, MAX_NAME_LENGTH),
      }
      write(next)
      window.dispatchEvent(new Event(CHANGE_EVENT))
    },
    [guestName],
  )
  return [user, update]
}

/**
 * A name typed on the board that replaces, on this device only, the name the person joined with
 * (the server keeps the joined name; facilitators see that one). Kept per principal, so a new
 * join starts from the joined name again. Empty means "use the joined name".
 */
export function useNameOverride(principalKey: string): [string | null, (name: string) => void] {
  const key = `ideenwand:name:${principalKey}`
  const [name, setName] = useState<string | null>(() => {
    try {
      return localStorage.getItem(key)
    } catch {
      return null
    }
  })
  const update = useCallback(
    (next: string) => {
      const value = next.slice(0, MAX_NAME_LENGTH)
      setName(value)
      try {
        localStorage.setItem(key, value)
      } catch {
        // Storage unavailable: the name lasts for this page.
      }
    },
    [key],
  )
  return [name, update]
}
