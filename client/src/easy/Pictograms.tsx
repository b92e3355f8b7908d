/**
 * Pictograms for the pages in Leichte Sprache, drawn for this project as plain SVG and licensed
 * with it (EUPL-1.2): one simple picture per paragraph, in the text colour. They are decoration
 * (`aria-hidden`): the paragraph next to each says what it shows.
 */
import type { ReactNode } from 'react'

function Pictogram({ children }: { children: ReactNode }) {
  return (
    <svg
      className="iw-pictogram"
      viewBox="0 0 64 64"
      width="64"
      height="64"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="3.5"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  )
}

/** A mobile phone. */
export const PhonePictogram = () => (
  <Pictogram>
    <rect x="18" y="5" width="28" height="54" rx="5" />
    <path d="M18 13h28M18 49h28" />
    <circle cx="32" cy="54" r="1.5" fill="currentColor" />
  </Pictogram>
)

/** A QR code: three finder squares and a few modules. */
export const QrPictogram = () => (
  <Pictogram>
    <rect x="7" y="7" width="18" height="18" rx="1" />
    <rect x="39" y="7" width="18" height="18" rx="1" />
    <rect x="7" y="39" width="18" height="18" rx="1" />
    <g fill="currentColor" stroke="none">
      <rect x="13" y="13" width="6" height="6" />
      <rect x="45" y="13" width="6" height="6" />
      <rect x="13" y="45" width="6" height="6" />
      <rect x="39" y="39" width="6" height="6" />
      <rect x="51" y="39" width="6" height="6" />
      <rect x="45" y="45" width="6" height="6" />
      <rect x="39" y="51" width="6" height="6" />
      <rect x="51" y="51" width="6" height="6" />
      <rect x="29" y="7" width="6" height="6" />
      <rect x="29" y="29" width="6" height="6" />
      <rect x="7" y="29" width="6" height="6" />
    </g>
  </Pictogram>
)

/** A light bulb with rays: an idea. */
export const IdeaPictogram = () => (
  <Pictogram>
    <path d="M24 42c0-5-6-8-6-16a14 14 0 0 1 28 0c0 8-6 11-6 16z" />
    <path d="M25 48h14M27 54h10" />
    <path d="M32 3v3M9 26h3M52 26h3M15 10l2 2M49 10l-2 2" />
  </Pictogram>
)

/** An idea card with three dots on it: voting with dots. */
export const DotsPictogram = () => (
  <Pictogram>
    <rect x="6" y="14" width="52" height="36" rx="4" />
    <g fill="currentColor" stroke="none">
      <circle cx="20" cy="32" r="5.5" />
      <circle cx="32" cy="32" r="5.5" />
      <circle cx="44" cy="32" r="5.5" />
    </g>
  </Pictogram>
)

/** A clock: the timer. */
export const ClockPictogram = () => (
  <Pictogram>
    <circle cx="32" cy="34" r="24" />
    <path d="M32 20v14l9 6M26 4h12M32 4v6" />
  </Pictogram>
)

/** A raised hand: asking for help. */
export const HandPictogram = () => (
  <Pictogram>
    <path d="M22 36V13a3 3 0 0 1 6 0v17M28 30V9a3 3 0 0 1 6 0v21M34 30V12a3 3 0 0 1 6 0v20M40 32V19a3 3 0 0 1 6 0v19c0 11-7 20-16 20-6 0-10-3-13-8l-7-11a3 3 0 0 1 5-4l3 4" />
  </Pictogram>
)

/** A person in a house: taking part from home. */
export const HomePictogram = () => (
  <Pictogram>
    <path d="M6 30 32 8l26 22" />
    <path d="M13 25v32h38V25" />
    <circle cx="32" cy="35" r="5" />
    <path d="M22 57c0-7 4-11 10-11s10 4 10 11" />
  </Pictogram>
)

/** Three people: the group in the room. */
export const GroupPictogram = () => (
  <Pictogram>
    <circle cx="32" cy="18" r="7" />
    <path d="M19 50c0-10 6-17 13-17s13 7 13 17" />
    <circle cx="13" cy="26" r="5.5" />
    <path d="M3 52c0-8 4-13 10-13 2 0 4 .6 5.5 2" />
    <circle cx="51" cy="26" r="5.5" />
    <path d="M61 52c0-8-4-13-10-13-2 0-4 .6-5.5 2" />
  </Pictogram>
)

/** A padlock: privacy. */
export const LockPictogram = () => (
  <Pictogram>
    <rect x="12" y="28" width="40" height="30" rx="4" />
    <path d="M21 28v-8a11 11 0 0 1 22 0v8" />
    <path d="M32 39v8" />
    <circle cx="32" cy="39" r="2" fill="currentColor" />
  </Pictogram>
)

/** A text field with characters and a cursor: typing the code. */
export const CodePictogram = () => (
  <Pictogram>
    <rect x="4" y="20" width="56" height="24" rx="4" />
    <g fill="currentColor" stroke="none">
      <circle cx="15" cy="32" r="3" />
      <circle cx="25" cy="32" r="3" />
      <circle cx="35" cy="32" r="3" />
    </g>
    <path d="M46 26v12" />
  </Pictogram>
)

/** A switch that is on: the button "Leichte Sprache". */
export const SwitchPictogram = () => (
  <Pictogram>
    <rect x="4" y="18" width="56" height="28" rx="14" />
    <circle cx="46" cy="32" r="9" fill="currentColor" />
  </Pictogram>
)
