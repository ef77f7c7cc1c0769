#!/usr/bin/env node
/**
 * filflow command-line entry point.  With no arguments it runs the main job: the narrated
 * payment-channel scenario (src/cli/scenario.ts); `filflow commp <file> [--json]` prints a file's
 * piece CIDs and sizes (src/cli/commp.ts).
 *
 * @module
 */
import * as Result from "effect/Result"

// Each command's module is imported when it runs: `filflow commp` does not load the chain
// implementation behind the scenario (start-up is part of what `filflow commp FILE` costs).
const main = async (args: ReadonlyArray<string>): Promise<number> => {
  const [command = "scenario"] = args
  switch (command) {
    case "scenario": {
      console.log("filflow — payment channel: the storage flow's \"Collecting payment, via the client\"\n")
      const { paymentChannelScenario } = await import("./scenario.js")
      const r = paymentChannelScenario()
      if (Result.isFailure(r)) {
        console.error(`scenario failed: ${r.failure}`)
        return 1
      }
      for (const line of r.success) console.log(line)
      return 0
    }
    case "commp":
      return (await import("./commp.js")).runCommP(args.slice(1))
    case "help":
    case "--help":
      console.log("usage: filflow [scenario]\n  scenario   the narrated payment-channel scenario (default)\n" +
        "usage: filflow commp <file> [--json]\n  commp      the file's piece CID v1 and v2, payload size and padded piece size")
      return 0
    default:
      console.error(`unknown command ${command}; try filflow help`)
      return 2
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
