/**
 * A progress bar for work done in stages (sealing: labelling each layer, building tree_c,
 * encoding, building tree_r_last), drawn on stderr: `[#####·····]  45%  labels 1/2  3 s`.
 * One line redrawn in place (`\r`) at most every 100 ms, and at once when the stage changes or
 * completes; `end` clears it.  The commands draw it only when stderr is a terminal and `--json`
 * is not given, so that piped or machine-read output never carries it.
 *
 * @module
 */

/**
 * Where the bar is drawn.
 *
 * @category models
 * @since 0.3.0
 */
export interface ProgressIo {
  readonly stderr: (text: string) => void
  /** Terminal width (default 80). */
  readonly columns?: number
}

/**
 * A running bar: `update(stage, done, total)` for each report, `end()` to clear it.
 *
 * @category models
 * @since 0.3.0
 */
export interface StageProgress {
  readonly update: (stage: string, done: number, total: number) => void
  readonly end: () => void
}

/**
 * One frame: the bar for `done / total` of the current stage, the percentage, the stage's name
 * with its count, and the seconds since the start; at most `columns − 1` characters.
 *
 * @example
 * stageLine("labels", 1, 2, 50, 3) // => "[##########··········]   50%  labels 1/2  3 s"
 * @category progress
 * @since 0.3.0
 */
export const stageLine = (stage: string, done: number, total: number, columns: number, seconds: number): string => {
  const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1
  const text = `  ${(100 * fraction).toFixed(0).padStart(3)}%  ${stage} ${done}/${total}  ${seconds.toFixed(0)} s`
  const width = Math.max(10, Math.min(20, columns - 1 - text.length - 2))
  const full = Math.round(fraction * width)
  return `[${"#".repeat(full)}${"·".repeat(width - full)}]${text}`.slice(0, Math.max(0, columns - 1))
}

/**
 * A bar on `io.stderr`, or one that draws nothing when `enabled` is false. `now` (milliseconds)
 * is the clock, replaceable in tests.
 *
 * @example
 * const bar = stageProgress({ stderr: (s) => process.stderr.write(s) }, process.stderr.isTTY === true)
 * bar.update("labels", 1, 2)
 * bar.end()
 * @category progress
 * @since 0.3.0
 */
export const stageProgress = (io: ProgressIo, enabled: boolean, now: () => number = () => performance.now()): StageProgress => {
  if (!enabled) return { update: () => {}, end: () => {} }
  const start = now()
  const columns = io.columns ?? 80
  let last = -Infinity
  let lastStage = ""
  return {
    update: (stage, done, total) => {
      const t = now()
      // redraw when 100 ms have passed, the stage changed, or the stage is complete
      if (t - last < 100 && stage === lastStage && done < total) return
      last = t
      lastStage = stage
      io.stderr(`\r${stageLine(stage, done, total, columns, (t - start) / 1000)}`)
    },
    end: () => {
      if (last > -Infinity) io.stderr("\r\x1b[2K")
    }
  }
}
