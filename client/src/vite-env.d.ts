/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** tldraw licence key; optional on localhost (development shows a watermark). */
  readonly VITE_TLDRAW_LICENSE_KEY?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
