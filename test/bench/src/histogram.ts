/**
 * A log-bucket latency histogram (about 2 % resolution from 10 µs to 100 s), small enough to
 * send between processes as a plain array and merge.
 */
const BUCKETS_PER_DOUBLING = 32
const MIN_MS = 0.01
const SIZE = BUCKETS_PER_DOUBLING * 24

export class Histogram {
  counts: number[] = new Array(SIZE).fill(0)
  count = 0
  max = 0
  sum = 0

  record(ms: number): void {
    const v = Math.max(ms, MIN_MS)
    const i = Math.min(SIZE - 1, Math.floor(Math.log2(v / MIN_MS) * BUCKETS_PER_DOUBLING))
    this.counts[i] = (this.counts[i] ?? 0) + 1
    this.count++
    this.sum += ms
    if (ms > this.max) this.max = ms
  }

  merge(other: HistogramData): void {
    for (let i = 0; i < SIZE; i++) this.counts[i] = (this.counts[i] ?? 0) + (other.counts[i] ?? 0)
    this.count += other.count
    this.sum += other.sum
    this.max = Math.max(this.max, other.max)
  }

  percentile(p: number): number {
    if (this.count === 0) return Number.NaN
    const target = Math.ceil((p / 100) * this.count)
    let seen = 0
    for (let i = 0; i < SIZE; i++) {
      seen += this.counts[i] ?? 0
      if (seen >= target) return Math.min(this.max, MIN_MS * 2 ** ((i + 1) / BUCKETS_PER_DOUBLING))
    }
    return this.max
  }

  summary(): LatencySummary {
    return {
      count: this.count,
      p50: this.percentile(50),
      p95: this.percentile(95),
      p99: this.percentile(99),
      max: this.count ? this.max : Number.NaN,
    }
  }

  toJSON(): HistogramData {
    return { counts: this.counts, count: this.count, max: this.max, sum: this.sum }
  }
}

export interface HistogramData {
  counts: number[]
  count: number
  max: number
  sum: number
}

export interface LatencySummary {
  count: number
  p50: number
  p95: number
  p99: number
  max: number
}
