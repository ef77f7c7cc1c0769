/**
 * The stage progress bar (src/cli/_progress.ts): the frame's layout by hand, the redraw rule on a
 * fake clock, and nothing at all when disabled.
 */
import { describe, expect, it } from "vitest"
import { stageLine, stageProgress } from "../../src/cli/_progress.js"

describe("stageLine", () => {
  it("a bar, the percentage, the stage with its count and the seconds, within the terminal", () => {
    // By hand: the text "   50%  labels 1/2  3 s" is 23 characters; 50 columns leave
    // 50 − 1 − 23 − 2 = 24 cells, capped at 20, half of them "#".
    expect(stageLine("labels", 1, 2, 50, 3)).toBe("[##########··········]   50%  labels 1/2  3 s")
    expect(stageLine("tree_r_last", 0, 0, 80, 0)).toContain("100%")
    for (const columns of [10, 20, 30]) expect(stageLine("labels", 1, 2, columns, 1).length).toBeLessThanOrEqual(columns - 1)
  })
})

describe("stageProgress", () => {
  it("redraws at most every 100 ms within a stage, at once on a new stage or a completed one; end clears", () => {
    let t = 0
    let out = ""
    const bar = stageProgress({ stderr: (s) => { out += s }, columns: 60 }, true, () => t)
    bar.update("labels", 0, 4)
    t = 50
    bar.update("labels", 1, 4) // within 100 ms: skipped
    t = 60
    bar.update("labels", 4, 4) // complete: drawn
    t = 70
    bar.update("tree_c", 0, 2) // new stage: drawn
    bar.end()
    const frames = out.split("\r").filter((f) => f !== "")
    expect(frames.map((f) => f.replace(/^\[[#·]+\] +/, ""))).toStrictEqual([
      "0%  labels 0/4  0 s", "100%  labels 4/4  0 s", "0%  tree_c 0/2  0 s", "\x1b[2K"
    ])
  })

  it("draws nothing when disabled, and end after no update draws nothing", () => {
    let out = ""
    const off = stageProgress({ stderr: (s) => { out += s } }, false)
    off.update("labels", 1, 2)
    off.end()
    stageProgress({ stderr: (s) => { out += s } }, true).end()
    expect(out).toBe("")
  })
})
