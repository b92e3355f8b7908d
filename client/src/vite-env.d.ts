/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** tldraw licence key; optional on localhost (development shows a watermark). */
  readonly VITE_TLDRAW_LICENSE_KEY?: string
  /** E-mail address for accessibility feedback shown in the accessibility statement. */
  readonly VITE_ACCESSIBILITY_CONTACT?: string
  /** Who is responsible for the data (shown in the privacy notice). */
  readonly VITE_PRIVACY_CONTROLLER?: string
  /** E-mail for data protection requests (shown in the privacy notice). */
  readonly VITE_PRIVACY_CONTACT?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
