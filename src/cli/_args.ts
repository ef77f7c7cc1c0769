/**
 * The one argument parser of filflow's commands (`filflow`, `filflow scenario`, `filflow commp`,
 * `filflow help`) and of the conformance runner.  A command declares its options (flags, and
 * options that take a value) and how many positional arguments it takes; anything else — an
 * unknown option, a value given to a flag, an option without its value, an option given twice, a
 * stray argument — is a {@link UsageError}, which the commands report on stderr with their usage
 * line and exit status 2.
 *
 * Conventions: `--name value` and `--name=value` are the same; `--` ends the options (what follows
 * is positional, even if it starts with `-`); `--help` and `-h` ask for the usage; a lone `-` is a
 * positional argument.  A value that starts with `-` must be written `--name=value`, so that a
 * forgotten value (`--impl --json`) is an error instead of swallowing the next option.
 *
 * @module
 */
import * as Data from "effect/Data"
import * as Result from "effect/Result"

/**
 * A command line a command cannot run; `message` names what was wrong.
 *
 * @category errors
 * @since 0.1.0
 */
export class UsageError extends Data.TaggedError("UsageError")<{
  readonly message: string
}> {}

/** An option's kind: a `flag` (present or not) or a `value` option (`--name value`). */
export type OptionKind = "flag" | "value"

/**
 * What a command accepts: its options by name (without the leading `--`) and the number of
 * positional arguments, named `positional` in messages.
 *
 * @category models
 * @since 0.1.0
 */
export interface ArgSpec<O extends Readonly<Record<string, OptionKind>>> {
  readonly options: O
  readonly positionals: { readonly min: number; readonly max: number; readonly name: string }
}

/**
 * The parsed command line: each flag as a boolean, each value option as its string (undefined
 * when not given), and the positional arguments in order.
 *
 * @category models
 * @since 0.1.0
 */
export interface ParsedArgs<O extends Readonly<Record<string, OptionKind>>> {
  readonly options: { readonly [K in keyof O]: O[K] extends "flag" ? boolean : string | undefined }
  readonly positionals: ReadonlyArray<string>
}

const fail = (message: string) => Result.fail(new UsageError({ message }))

/**
 * Parses `args` against `spec`; `"help"` when `--help` or `-h` comes before any `--`.
 *
 * @example
 * parseArgs({ options: { json: "flag" }, positionals: { min: 1, max: 1, name: "<file>" } }, ["a.car", "--json"])
 * // => Success({ options: { json: true }, positionals: ["a.car"] })
 * parseArgs({ options: {}, positionals: { min: 0, max: 0, name: "" } }, ["--bogus"])
 * // => Failure(UsageError("unknown option --bogus"))
 * @category commands
 * @since 0.1.0
 */
export const parseArgs = <const O extends Readonly<Record<string, OptionKind>>>(
  spec: ArgSpec<O>,
  args: ReadonlyArray<string>
): Result.Result<ParsedArgs<O> | "help", UsageError> => {
  const values = new Map<string, string | boolean>()
  const positionals: Array<string> = []
  let optionsEnded = false
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (optionsEnded || arg === "-" || !arg.startsWith("-")) {
      positionals.push(arg)
      continue
    }
    if (arg === "--") {
      optionsEnded = true
      continue
    }
    if (arg === "--help" || arg === "-h") return Result.succeed("help")
    const eq = arg.indexOf("=")
    const name = arg.startsWith("--") ? arg.slice(2, eq < 0 ? undefined : eq) : ""
    const kind = Object.hasOwn(spec.options, name) ? spec.options[name] : undefined
    if (kind === undefined) return fail(`unknown option ${eq < 0 ? arg : arg.slice(0, eq)}`)
    if (values.has(name)) return fail(`--${name} given twice`)
    if (kind === "flag") {
      if (eq >= 0) return fail(`--${name} takes no value`)
      values.set(name, true)
    } else if (eq >= 0) {
      values.set(name, arg.slice(eq + 1))
    } else {
      const next = args[i + 1]
      if (next === undefined || (next.startsWith("-") && next !== "-")) return fail(`--${name} needs a value`)
      values.set(name, next)
      i++
    }
  }
  const { min, max, name } = spec.positionals
  if (positionals.length > max) {
    const stray = positionals.slice(max)
    return fail(max === 0 ? `unexpected argument ${stray.join(" ")}` : `unexpected argument ${stray.join(" ")} (at most ${max} ${name})`)
  }
  if (positionals.length < min) return fail(`missing ${name}`)
  const options = Object.fromEntries(Object.entries(spec.options).map(([k, kind]) => [k, values.get(k) ?? (kind === "flag" ? false : undefined)]))
  return Result.succeed({ options: options as ParsedArgs<O>["options"], positionals })
}
