/**
 * Similar public ideas for the text being typed (issue 19 §3), for the phone's composer and the
 * list view's add form. The matcher (`@ideenwand/cluster/similar`: stems, TF-IDF, typos and
 * compounds) is a chunk of its own, fetched once the page is up (so the first paint does not wait
 * for it, and a phone that loses the network afterwards still has it), and runs locally against
 * the ideas this device has. Searches wait for a pause in typing; at most 3 matches.
 */
import type { SimilarIndex } from '@ideenwand/cluster/similar'
import { useEffect, useMemo, useState } from 'react'
import { isOwnIdea } from './author.ts'
import type { ControlState } from './useControl.ts'
import type { Idea } from './useIdeas.ts'

type SimilarModule = typeof import('@ideenwand/cluster/similar')

/** Wait this long after the last keystroke before searching. */
export const SIMILAR_DEBOUNCE_MS = 300
/** Shorter texts say too little to compare. */
const MIN_QUERY_CHARS = 4

/** After the first paint, before anyone types. */
const PREFETCH_DELAY_MS = 1000

let loading: Promise<SimilarModule> | null = null
const loadMatcher = () => {
  loading ??= import('@ideenwand/cluster/similar').catch((err: unknown) => {
    loading = null // offline before it arrived: the next keystroke tries again
    throw err
  })
  return loading
}

/** An idea like the draft, with whether this person supports it already. */
export interface SimilarHint {
  idea: Idea
  supported: boolean
}

/**
 * Public ideas similar to `text`: others' ideas only (one's own cannot be supported), never held
 * ones (`ideas` are the visible ones; pending and private ones of the viewer are left out).
 */
export function useSimilarIdeas(
  text: string,
  ideas: readonly Idea[],
  control: ControlState | null,
): SimilarHint[] {
  const [matcher, setMatcher] = useState<SimilarModule | null>(null)
  const [query, setQuery] = useState('')
  const typing = text.trim()

  const wanted = typing !== ''
  useEffect(() => {
    if (matcher) return
    let alive = true
    const load = () =>
      loadMatcher().then(
        (m) => alive && setMatcher(m),
        () => {},
      )
    const timer = setTimeout(load, wanted ? 0 : PREFETCH_DELAY_MS)
    return () => {
      alive = false
      clearTimeout(timer)
    }
  }, [matcher, wanted])

  useEffect(() => {
    const timer = setTimeout(() => setQuery(typing), SIMILAR_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [typing])

  const candidates = useMemo(() => {
    if (!control) return []
    const held = new Set([...control.pendingIdeaIds, ...control.hiddenIdeaIds])
    for (const h of control.heldIdeas) held.add(h.id)
    return ideas.filter((idea) => !held.has(idea.id) && !isOwnIdea(idea, control.me))
  }, [ideas, control])

  const index: SimilarIndex | null = useMemo(
    () => (matcher && candidates.length > 0 ? matcher.similarIndex(candidates) : null),
    [matcher, candidates],
  )

  return useMemo(() => {
    if (!index || query.length < MIN_QUERY_CHARS || !typing) return []
    const byId = new Map(candidates.map((idea) => [idea.id, idea]))
    const supported = new Set(control?.me.supportedIdeaIds ?? [])
    return index.search(query).flatMap((m) => {
      const idea = byId.get(m.id)
      return idea ? [{ idea, supported: supported.has(idea.id) }] : []
    })
  }, [index, query, typing, candidates, control])
}
