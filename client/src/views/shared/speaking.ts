/**
 * How a request to speak is named on every screen: the person's name with the channel where the
 * server sent one (names given and allowed), else a neutral "Person aus dem Saal".
 */
import type { SpeakingEntry } from '@ideenwand/protocol'
import type { TFunction } from 'i18next'

export type SpeakingChannel = SpeakingEntry['channel']

export function speakerLabel(entry: SpeakingEntry, v: TFunction<'views'>): string {
  const channel = entry.channel === 'room' ? v('speaking.channelRoom') : v('speaking.channelHome')
  if (entry.name) return v('speaking.named', { name: entry.name, channel })
  return entry.channel === 'room' ? v('speaking.personRoom') : v('speaking.personHome')
}
