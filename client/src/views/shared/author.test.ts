import { describe, expect, it } from 'vitest'
import { newIdeaAuthor } from './author.ts'

describe('newIdeaAuthor', () => {
  const me = { id: 'g1', name: 'Anna' }
  it('names the author normally, and nobody when ideas are anonymous', () => {
    expect(newIdeaAuthor({ anonymousIdeas: false, storeAuthors: true, me })).toEqual({
      authorId: 'g1',
      authorName: 'Anna',
    })
    expect(newIdeaAuthor({ anonymousIdeas: true, storeAuthors: true, me })).toEqual({
      authorId: null,
      authorName: null,
    })
    expect(newIdeaAuthor({ anonymousIdeas: true, storeAuthors: false, me })).toEqual({
      authorId: null,
      authorName: null,
    })
  })
})
