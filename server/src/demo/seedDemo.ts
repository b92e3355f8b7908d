/**
 * `pnpm demo`: creates the demo workshop through the server's own API and sync rooms, so a
 * newcomer sees a realistic board — 40 ideas in three clusters, twelve participants and a
 * revealed voting round — in one command. Idempotent: a second run finds the workshop.
 */
import { Board } from '@ideenwand/board'
import { FacilitatorStore } from '../auth/FacilitatorStore.ts'
import type { IdeenwandServer } from '../server.ts'
import {
  DEMO_CLUSTERS,
  DEMO_PEOPLE,
  DEMO_UNSORTED,
  DEMO_VOTES,
  DEMO_WORKSHOP,
} from './demoIdeas.ts'

export const DEMO_ACCOUNT = {
  email: 'demo@ideenwand.example',
  password: 'Ideenwand-Demo-2026',
  name: 'Demo-Moderation',
}

/** A minimal cookie-keeping client for the in-process app. */
function client(server: IdeenwandServer) {
  let cookie = ''
  return async (method: string, path: string, body?: unknown) => {
    const res = await server.app.request(path, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(cookie ? { cookie } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    })
    const set = res.headers.get('set-cookie')
    if (set) cookie = set.split(';')[0] ?? ''
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
    return text ? (JSON.parse(text) as Record<string, unknown>) : {}
  }
}

export async function seedDemo(
  server: IdeenwandServer,
): Promise<{ workshopId: string; boardId: string }> {
  const facilitators = new FacilitatorStore(server.db)
  const fac = client(server)
  const setup = (await fac('GET', '/api/setup')) as { needed: boolean }
  if (setup.needed) await fac('POST', '/api/setup', DEMO_ACCOUNT)
  else {
    await facilitators.create(DEMO_ACCOUNT)
    await fac('POST', '/api/auth/login', {
      email: DEMO_ACCOUNT.email,
      password: DEMO_ACCOUNT.password,
    })
  }
  const existing = (await fac('GET', '/api/workshops')) as unknown as {
    id: string
    boardId: string
    title: string
  }[]
  const found = existing.find((w) => w.title === DEMO_WORKSHOP.title)
  if (found) return { workshopId: found.id, boardId: found.boardId }

  const workshop = (await fac('POST', '/api/workshops', DEMO_WORKSHOP)) as {
    id: string
    boardId: string
    invites: { role: string; code: string }[]
  }
  const code = workshop.invites.find((i) => i.role === 'participant')?.code
  const people = []
  for (const name of DEMO_PEOPLE) {
    const guest = client(server)
    await guest('POST', '/api/join', { code, name })
    const me = (await guest('GET', '/api/me')) as { guest: { id: string } }
    people.push({ name, id: me.guest.id, call: guest })
  }

  // The board content goes through the sync room like any client's edit, and is stored by it.
  const room = await server.rooms.acquire(workshop.boardId)
  const board = new Board(room.doc)
  const ideaIds: string[] = []
  let n = 0
  for (const cluster of DEMO_CLUSTERS) {
    const clusterId = board.addCluster({ title: cluster.title })
    for (const text of cluster.ideas) {
      const author = people[n++ % people.length]
      ideaIds.push(
        board.addIdea({
          text,
          clusterId,
          authorId: author?.id ?? null,
          authorName: author?.name ?? null,
        }),
      )
    }
  }
  for (const text of DEMO_UNSORTED) {
    const author = people[n++ % people.length]
    ideaIds.push(
      board.addIdea({ text, authorId: author?.id ?? null, authorName: author?.name ?? null }),
    )
  }
  await room.flush()

  const base = `/api/workshops/${workshop.id}`
  await fac('POST', `${base}/phase`, { phase: 'cluster' })
  await fac('POST', `${base}/rounds`, { dotsPerPerson: 3, maxPerTarget: 2 })
  for (const [i, person] of people.entries()) {
    for (const index of DEMO_VOTES[i] ?? []) {
      await person.call('POST', `${base}/votes`, { targetId: ideaIds[index], delta: 1 })
    }
  }
  await fac('POST', `${base}/rounds/current/reveal`)
  await fac('POST', `${base}/phase`, { phase: 'discuss' })
  return { workshopId: workshop.id, boardId: workshop.boardId }
}
