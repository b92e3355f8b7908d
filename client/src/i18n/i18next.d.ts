/** Makes `t()` type-checked: a key that is not in the German resources is a type error. */
import 'i18next'
import type { Resources } from './resources.ts'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common'
    resources: Resources
  }
}
