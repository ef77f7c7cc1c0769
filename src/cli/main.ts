#!/usr/bin/env node
/**
 * filflow command-line entry point.  With no arguments it runs the main job: the narrated
 * payment-channel scenario (src/cli/scenario.ts); `filflow commp <file> [--json]` prints a file's
 * piece CIDs and sizes (src/cli/commp.ts); `filflow deal` makes a storage deal for a file
 * (src/cli/deal.ts); `filflow seal`, `filflow unseal` and `filflow post` seal a file into a
 * sector, unseal it and prove it is stored (src/cli/seal.ts, unseal.ts, post.ts);
 * `filflow help` prints the usage.
 *
 * Every command parses its arguments with the one parser of src/cli/_args.ts: an unknown option
 * or a stray argument exits 2 with the command's usage on stderr; `--help` prints it on stdout and
 * exits 0.
 *
 * @module
 */
import * as Result from "effect/Result"
import { type ArgSpec, parseArgs } from "./_args.js"
import { COMMP_USAGE, runCommP } from "./commp.js"
import { DEAL_USAGE } from "./deal.js"
import { POST_USAGE } from "./post.js"
import { SEAL_USAGE } from "./seal.js"
import { UNSEAL_USAGE } from "./unseal.js"

const SCENARIO_USAGE = "usage: filflow [scenario]\n  the narrated payment-channel scenario (the default command)"
const HELP_USAGE = "usage: filflow help\n  prints this usage"
const USAGE = `${SCENARIO_USAGE}\n${COMMP_USAGE}\n${DEAL_USAGE}\n${SEAL_USAGE}\n${UNSEAL_USAGE}\n${POST_USAGE}\n${HELP_USAGE}`

/** A command that takes no options and no arguments. */
const NO_ARGS: ArgSpec<{}> = { options: {}, positionals: { min: 0, max: 0, name: "" } }

/** Parses a command without arguments: undefined to go on, or the exit status (usage printed). */
const noArgs = (command: string, usage: string, args: ReadonlyArray<string>): number | undefined => {
  const parsed = parseArgs(NO_ARGS, args)
  if (Result.isFailure(parsed)) {
    console.error(`filflow ${command}: ${parsed.failure.message}\n${usage}`)
    return 2
  }
  if (parsed.success === "help") {
    console.log(usage)
    return 0
  }
  return undefined
}

// The scenario's module (the whole chain implementation) is imported only when it runs, so that
// `filflow commp` does not pay for loading it (start-up is part of what `filflow commp FILE` costs).
const scenario = async (args: ReadonlyArray<string>): Promise<number> => {
  const usage = noArgs("scenario", SCENARIO_USAGE, args)
  if (usage !== undefined) return usage
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

const COMMANDS: Readonly<Record<string, (args: ReadonlyArray<string>) => number | Promise<number>>> = {
  scenario,
  commp: runCommP,
  deal: async (args) => (await import("./deal.js")).runDeal(args),
  seal: async (args) => (await import("./seal.js")).runSeal(args),
  unseal: async (args) => (await import("./unseal.js")).runUnseal(args),
  post: async (args) => (await import("./post.js")).runPost(args),
  help: (args) => noArgs("help", HELP_USAGE, args) ?? (console.log(USAGE), 0)
}

const main = (args: ReadonlyArray<string>): number | Promise<number> => {
  const [first] = args
  if (first === undefined) return scenario([])
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined
  if (command !== undefined) return command(args.slice(1))
  if (first.startsWith("-") && first !== "-") {
    // options before any command: only --help / -h
    const parsed = parseArgs(NO_ARGS, args)
    if (Result.isSuccess(parsed) && parsed.success === "help") {
      console.log(USAGE)
      return 0
    }
    console.error(`filflow: ${Result.isFailure(parsed) ? parsed.failure.message : `unexpected argument ${first}`}\n${USAGE}`)
    return 2
  }
  console.error(`filflow: unknown command ${first}\n${USAGE}`)
  return 2
}

void Promise.resolve(main(process.argv.slice(2))).then((code) => {
  process.exitCode = code
})
