import { describe, expect, it } from 'vitest'
import { SlowStorageError, settleWithin } from './settleWithin.ts'

describe('settleWithin', () => {
  it('passes an answer through', async () => {
    await expect(settleWithin(Promise.resolve(7), 'a read', 50)).resolves.toBe(7)
  })

  it('passes a failure through', async () => {
    await expect(settleWithin(Promise.reject(new Error('gone')), 'a read', 50)).rejects.toThrow(
      'gone',
    )
  })

  it('gives up on a read that never answers, so a cache can drop it', async () => {
    const never = new Promise<number>(() => {})
    const started = Date.now()
    await expect(settleWithin(never, 'loading board b1', 30)).rejects.toBeInstanceOf(
      SlowStorageError,
    )
    expect(Date.now() - started).toBeLessThan(1_000)
  })
})
