#!/usr/bin/env node
/**
 * filflow command-line entry point.  With no arguments it runs the main job: the narrated
 * payment-channel scenario (src/cli/scenario.ts).
 *
 * @module
 */
import { Result } from "effect"
import { paymentChannelScenario } from "./scenario.js"

const main = (args: ReadonlyArray<string>): number => {
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
    case "help":
    case "--help":
      console.log("usage: filflow [scenario]\n  scenario   the narrated payment-channel scenario (default)")
      return 0
    default:
      console.error(`unknown command ${command}; try filflow help`)
      return 2
  }
}

process.exitCode = main(process.argv.slice(2))
