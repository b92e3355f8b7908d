import { describe, expect, it } from 'vitest'
import { AccessDenial, CloseCode, closeInfoFor } from './closeCodes.ts'

describe('closeInfoFor', () => {
  it('maps each access refusal to the close code clients act on', () => {
    expect(closeInfoFor(AccessDenial.NoSession)).toBe(CloseCode.Unauthorized)
    expect(closeInfoFor(AccessDenial.SessionEnded)).toEqual({ code: 4401, reason: 'session ended' })
    expect(closeInfoFor(AccessDenial.BoardNotFound)).toEqual({
      code: 4404,
      reason: 'board not found',
    })
    expect(closeInfoFor(AccessDenial.WaitingForAdmission)).toEqual({
      code: 4403,
      reason: 'waiting for admission',
    })
    expect(closeInfoFor(AccessDenial.Forbidden)).toEqual({ code: 4403, reason: 'forbidden' })
  })
})
