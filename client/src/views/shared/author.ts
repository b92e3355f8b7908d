/**
 * Who a new idea is attributed to, by the workshop's anonymity settings: normally the person's
 * id and name; with anonymous ideas no name (the id stays, so people still find their own ideas);
 * and when the workshop does not store authors, neither.
 */
export function newIdeaAuthor(control: {
  anonymousIdeas: boolean
  storeAuthors: boolean
  me: { id: string; name: string | null }
}): { authorId: string | null; authorName: string | null } {
  if (!control.anonymousIdeas) return { authorId: control.me.id, authorName: control.me.name }
  return { authorId: control.storeAuthors ? control.me.id : null, authorName: null }
}
