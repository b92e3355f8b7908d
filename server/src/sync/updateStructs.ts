/** The structs of a decoded Yjs update, found by id (the update check resolves positions). */
import type * as Y from 'yjs'

export type Struct = Y.Item | Y.GC | Y.Skip

/** The structs of a decoded update by client, for finding the one that holds an id. */
export class UpdateStructs {
  private readonly byClient = new Map<number, Struct[]>()

  constructor(structs: Struct[]) {
    for (const s of structs) {
      const list = this.byClient.get(s.id.client)
      if (list) list.push(s)
      else this.byClient.set(s.id.client, [s])
    }
    for (const list of this.byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock)
  }

  find(id: Y.ID): Struct | undefined {
    const list = this.byClient.get(id.client)
    if (!list) return undefined
    let lo = 0
    let hi = list.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const s = list[mid]!
      if (id.clock < s.id.clock) hi = mid - 1
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1
      else return s
    }
    return undefined
  }
}
