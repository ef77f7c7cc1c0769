#!/usr/bin/env node
/**
 * filflow command-line entry point.  With no arguments it runs the main job: the narrated
 * payment-channel scenario (src/cli/scenario.ts); `filflow commp <file> [--json]` prints a file's
 * piece CIDs and sizes (src/cli/commp.ts).
 *
 * @module
 */
import { Result } from "effect"
import { runCommP } from "./commp.js"
import { paymentChannelScenario } from "./scenario.js"

const main = (args: ReadonlyArray<string>): number | Promise<number> => {
  const [command = "scenario"] = args
  switch (command) {
    case "scenario": {
      console.log("filflow — payment channel: the storage flow's \"Collecting payment, via the client\"\n")
      const r = paymentChannelScenario()
      if (Result.isFailure(r)) {
        console.error(`scenario failed: ${r.failure}`)
        return 1
      }
      for (const line of r.success) console.log(line)
      return 0
    }
    case "commp":
      return runCommP(args.slice(1))
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

void Promise.resolve(main(process.argv.slice(2))).then((code) => {
  process.exitCode = code
})
