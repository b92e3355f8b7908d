/**
 * The end-of-time signal: a short two-tone beep made with WebAudio (no audio file, nothing
 * fetched). Browsers only allow sound after a user gesture, so `unlockAudio()` is called when
 * someone turns the sound on.
 */
let context: AudioContext | null = null

function audio(): AudioContext | null {
  if (typeof window === 'undefined' || typeof window.AudioContext !== 'function') return null
  context ??= new window.AudioContext()
  return context
}

/** Resumes the audio context inside a click handler, so a later beep may play. */
export function unlockAudio(): void {
  void audio()
    ?.resume()
    .catch(() => {})
}

export function beep(): void {
  const ctx = audio()
  if (ctx?.state !== 'running') return
  const start = ctx.currentTime
  for (const [i, frequency] of [880, 660].entries()) {
    const osc = ctx.createOscillator()
    const gain = ctx.createGain()
    osc.type = 'sine'
    osc.frequency.value = frequency
    const t0 = start + i * 0.25
    gain.gain.setValueAtTime(0.0001, t0)
    gain.gain.exponentialRampToValueAtTime(0.25, t0 + 0.02)
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.22)
    osc.connect(gain).connect(ctx.destination)
    osc.start(t0)
    osc.stop(t0 + 0.24)
  }
}
