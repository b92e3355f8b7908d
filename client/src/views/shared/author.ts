/**
 * Who a new idea is attributed to, by the workshop's anonymity settings: normally the person's
 * id and name; with anonymous ideas neither — the document then names nobody, and the server's
 * own record (control state `me.ideaIds`) tells people which ideas are theirs.
 */
/** Whether the person wrote `idea`: its author field, or the server's record of anonymous ones. */
export function isOwnIdea(
  idea: { id: string; authorId: string | null },
  me: { id: string; ideaIds: readonly string[] },
): boolean {
  return (idea.authorId !== null && idea.authorId === me.id) || me.ideaIds.includes(idea.id)
}

export function newIdeaAuthor(control: {
  anonymousIdeas: boolean
  storeAuthors: boolean
  me: { id: string; name: string | null }
}): { authorId: string | null; authorName: string | null } {
  if (!control.anonymousIdeas) return { authorId: control.me.id, authorName: control.me.name }
  return { authorId: null, authorName: null }
}
