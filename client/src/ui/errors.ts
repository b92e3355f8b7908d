/** Turns an API failure into a sentence for the user, in the chosen language. */
import type { TFunction } from 'i18next'
import { ApiError } from '../api/http.ts'

export function errorMessage(t: TFunction<'common'>, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.unknown', { detail: String(error) })
  switch (error.code) {
    case 'network':
      return t('errors.network')
    case 'invalid_credentials':
      return error.status === 403 ? t('errors.wrongPassword') : t('errors.invalidCredentials')
    case 'rate_limited':
      return rateLimited(t, error.retryAfter)
    case 'setup_done':
      return t('errors.setupDone')
    case 'invalid_code':
      return t('errors.invalidCode')
    case 'invalid_invite':
      return t('errors.invalidInvite')
    case 'invite_not_accepted':
      return t('errors.inviteNotAccepted')
    case 'owner_only':
      return t('errors.ownerOnly')
    case 'retention_owner_only':
      return t('errors.retentionOwnerOnly')
    case 'workshop_archived':
      return t('errors.workshopArchived')
    case 'carry_same_workshop':
      return t('errors.carrySameWorkshop')
    case 'carry_too_many':
      return t('errors.carryTooMany')
    case 'cluster_not_found':
      return t('errors.clusterNotFound')
    case 'invalid_request':
      return t('errors.invalidRequest', { detail: error.message })
    default:
      if (error.status === 429) return rateLimited(t, error.retryAfter)
      if (error.status === 404) return t('errors.notFound')
      return t('errors.unknown', { detail: `${error.status} ${error.code}` })
  }
}

function rateLimited(t: TFunction<'common'>, seconds: number | null): string {
  return seconds ? t('errors.rateLimited', { count: seconds }) : t('errors.rateLimitedSoon')
}
