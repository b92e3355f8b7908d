/**
 * The shape another language must give a namespace: the same keys as the German original, any
 * string as value. (The variables inside the strings are compared by `i18n.test.ts`.)
 */
export type Translation<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : Translation<T[K]>
}
