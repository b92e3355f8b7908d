/**
 * A tiny HTTP client for the JSON API that keeps its session cookie like a browser would, and a
 * fixture that sets up a facilitator, a workshop and guests through the real API.
 */
export interface ApiResponse {
  status: number
  // biome-ignore lint/suspicious/noExplicitAny: tests assert the shape of what the API returns
  body: any
  headers: Headers
}

export class ApiClient {
  cookie: string | null = null

  constructor(
    readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...this.headers,
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    })
    const setCookie = res.headers.get('set-cookie')
    if (setCookie) {
      const pair = setCookie.split(';')[0] ?? ''
      this.cookie = pair.endsWith('=') ? null : pair
    }
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {
      // not JSON (e.g. SVG)
    }
    return { status: res.status, body: parsed, headers: res.headers }
  }

  get = (path: string) => this.request('GET', path)
  post = (path: string, body?: unknown) => this.request('POST', path, body ?? {})
  patch = (path: string, body: unknown) => this.request('PATCH', path, body)
  delete = (path: string) => this.request('DELETE', path)
}

export interface WorkshopFixture {
  facilitator: ApiClient
  workshopId: string
  boardId: string
  participantCode: string
  viewerCode: string
  /** Joins with the code of `role`; returns the guest's client (cookie set). */
  join(role: 'participant' | 'viewer', name?: string): Promise<ApiClient>
}

export const FACILITATOR = {
  email: 'moderation@ok-lab-flaeming.de',
  password: 'Ideenwand-Test-2026',
  name: 'Frau Moderatorin',
}

/**
 * A further session of the facilitator (set up by `workshopFixture`), as `name=value` cookie.
 * For tests of the sync mechanics that write arbitrary shared types: participants may only make
 * the domain model's changes (server/src/sync/updateRights.ts), facilitators anything.
 */
export async function facilitatorSession(baseUrl: string): Promise<string> {
  const client = new ApiClient(baseUrl)
  const login = await client.post('/api/auth/login', {
    email: FACILITATOR.email,
    password: FACILITATOR.password,
  })
  if (login.status !== 200 || !client.cookie) throw new Error(`login: ${login.status}`)
  return client.cookie
}

/** Sets up (first run) or signs in the facilitator and creates a workshop. */
export async function workshopFixture(
  baseUrl: string,
  workshop: Record<string, unknown> = { title: 'Themenlabor Freizeit' },
): Promise<WorkshopFixture> {
  const facilitator = new ApiClient(baseUrl)
  const needed = (await facilitator.get('/api/setup')).body.needed as boolean
  const setup = needed
    ? await facilitator.post('/api/setup', FACILITATOR)
    : { status: 409, body: null }
  if (setup.status === 409) {
    const login = await facilitator.post('/api/auth/login', {
      email: FACILITATOR.email,
      password: FACILITATOR.password,
    })
    if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`)
  } else if (setup.status !== 201) {
    throw new Error(`setup failed: ${setup.status} ${JSON.stringify(setup.body)}`)
  }
  const created = await facilitator.post('/api/workshops', workshop)
  if (created.status !== 201) throw new Error(`workshop: ${JSON.stringify(created.body)}`)
  const code = (role: string) =>
    (created.body.invites as { role: string; code: string }[]).find((i) => i.role === role)!.code
  return {
    facilitator,
    workshopId: created.body.id,
    boardId: created.body.boardId,
    participantCode: code('participant'),
    viewerCode: code('viewer'),
    async join(role, name) {
      const guest = new ApiClient(baseUrl)
      const res = await guest.post('/api/join', {
        code: role === 'participant' ? code('participant') : code('viewer'),
        ...(name ? { name } : {}),
      })
      if (res.status !== 200) throw new Error(`join failed: ${JSON.stringify(res.body)}`)
      return guest
    },
  }
}
