/**
 * `/leicht` and `/leicht/so-gehts`: the pages in Leichte Sprache (German) or Easy Read (English),
 * a lazy chunk of the main build. Each group of short lines stands next to its pictogram; hard
 * words are explained in a box. Large type, generous line spacing, left-aligned (styles.css,
 * "Leichte Sprache").
 */
import type { ReactElement } from 'react'
import { useId } from 'react'
import { useLang } from '../i18n/LangProvider.tsx'
import { Link } from '../ui/Link.tsx'
import { Page } from '../ui/Page.tsx'
import type { EasyBlock, EasySection, PictureName } from './content.ts'
import { de } from './de.ts'
import { en } from './en.ts'
import {
  ClockPictogram,
  CodePictogram,
  DotsPictogram,
  GroupPictogram,
  HandPictogram,
  HomePictogram,
  IdeaPictogram,
  LockPictogram,
  PhonePictogram,
  QrPictogram,
  SwitchPictogram,
} from './Pictograms.tsx'

const PICTURES: Record<PictureName, () => ReactElement> = {
  phone: PhonePictogram,
  qr: QrPictogram,
  idea: IdeaPictogram,
  dots: DotsPictogram,
  clock: ClockPictogram,
  hand: HandPictogram,
  home: HomePictogram,
  group: GroupPictogram,
  lock: LockPictogram,
  code: CodePictogram,
  switch: SwitchPictogram,
}

const Lines = ({ lines }: { lines: readonly string[] }) => (
  <>
    {lines.map((line) => (
      <p key={line}>{line}</p>
    ))}
  </>
)

function Block({ block, wordLabel }: { block: EasyBlock; wordLabel: string }) {
  switch (block.kind) {
    case 'step': {
      const Picture = PICTURES[block.picture]
      return (
        <div className="iw-easy-step">
          <Picture />
          <div>
            <Lines lines={block.lines} />
          </div>
        </div>
      )
    }
    case 'word':
      return (
        <div className="iw-easy-word">
          <p>
            {wordLabel} <strong>{block.word}</strong>
          </p>
          <Lines lines={block.lines} />
        </div>
      )
    case 'link':
      return (
        <p className="iw-easy-next">
          <Link className="iw-button iw-button-primary iw-button-large" href={block.href}>
            {block.text}
          </Link>
        </p>
      )
  }
}

const blockKey = (block: EasyBlock) =>
  block.kind === 'link' ? block.href : `${block.kind}:${block.lines[0]}`

function Section({ section, wordLabel }: { section: EasySection; wordLabel: string }) {
  const id = useId()
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{section.heading}</h2>
      {section.blocks.map((block) => (
        <Block key={blockKey(block)} block={block} wordLabel={wordLabel} />
      ))}
    </section>
  )
}

export default function EasyReadPage({ page }: { page: 'start' | 'how' }) {
  const { lang } = useLang()
  const texts = lang === 'de' ? de : en
  const content = texts[page]
  return (
    <Page title={content.title} className="iw-easy-page">
      <div className="iw-easy-intro">
        <Lines lines={content.intro} />
      </div>
      {content.sections.map((section) => (
        <Section key={section.heading} section={section} wordLabel={texts.wordLabel} />
      ))}
    </Page>
  )
}
