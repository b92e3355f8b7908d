/**
 * Who runs this installation, as the operator set it when building the client
 * (`VITE_PRIVACY_CONTROLLER`, `VITE_PRIVACY_CONTACT`, `VITE_ACCESSIBILITY_CONTACT`), else
 * placeholders — which a fresh install shows until it is configured (`placeholders` lists the
 * variables still unset, so facilitators are told to set them: `OperatorHint.tsx`).
 */
const env = import.meta.env

export const PRIVACY_CONTROLLER: string =
  env.VITE_PRIVACY_CONTROLLER ||
  'the operator of this installation / der Betreiber dieser Installation'
export const PRIVACY_CONTACT: string = env.VITE_PRIVACY_CONTACT || 'datenschutz@example.org'
export const ACCESSIBILITY_CONTACT: string =
  env.VITE_ACCESSIBILITY_CONTACT || 'barrierefreiheit@example.org'

/** The operator variables this build was made without. */
export const placeholders: readonly string[] = [
  env.VITE_PRIVACY_CONTROLLER ? null : 'VITE_PRIVACY_CONTROLLER',
  env.VITE_PRIVACY_CONTACT ? null : 'VITE_PRIVACY_CONTACT',
  env.VITE_ACCESSIBILITY_CONTACT ? null : 'VITE_ACCESSIBILITY_CONTACT',
].filter((name): name is string => name !== null)
