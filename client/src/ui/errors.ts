/** Turns an API failure into a sentence for the user, in the chosen language. */
import { ApiError } from '../api/http.ts'
import type { Messages } from '../i18n/messages.ts'

export function errorMessage(t: Messages, error: unknown): string {
  if (!(error instanceof ApiError)) return t.errors.unknown(String(error))
  switch (error.code) {
    case 'network':
      return t.errors.network
    case 'invalid_credentials':
      return error.status === 403 ? t.errors.wrongPassword : t.errors.invalidCredentials
    case 'rate_limited':
      return t.errors.rateLimited(error.retryAfter)
    case 'setup_done':
      return t.errors.setupDone
    case 'invalid_code':
      return t.errors.invalidCode
    case 'invalid_invite':
      return t.errors.invalidInvite
    case 'email_taken':
      return t.errors.emailTaken
    case 'owner_only':
      return t.errors.ownerOnly
    case 'invalid_request':
      return t.errors.invalidRequest(error.message)
    default:
      if (error.status === 429) return t.errors.rateLimited(error.retryAfter)
      if (error.status === 404) return t.errors.notFound
      return t.errors.unknown(`${error.status} ${error.code}`)
  }
}
