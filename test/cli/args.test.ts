/**
 * The one argument parser of the commands (src/cli/_args.ts): every way a command line can be
 * wrong is a UsageError naming what was wrong; the accepted forms parse to what they say.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { type ArgSpec, parseArgs } from "../../src/cli/_args.js"

const spec = { options: { json: "flag", impl: "value" }, positionals: { min: 0, max: 1, name: "<file>" } } as const satisfies ArgSpec<{ json: "flag"; impl: "value" }>
const none: ArgSpec<{}> = { options: {}, positionals: { min: 0, max: 0, name: "" } }

const error = (s: ArgSpec<Record<string, "flag" | "value">>, args: ReadonlyArray<string>): string => {
  const r = parseArgs(s, args)
  return Result.isFailure(r) ? r.failure.message : "parsed"
}

describe("parseArgs", () => {
  it("flags, value options in both spellings, positionals, and `--` ending the options", () => {
    expect(Result.getOrThrow(parseArgs(spec, []))).toStrictEqual({ options: { json: false, impl: undefined }, positionals: [] })
    expect(Result.getOrThrow(parseArgs(spec, ["a", "--json", "--impl", "x y"]))).toStrictEqual({ options: { json: true, impl: "x y" }, positionals: ["a"] })
    expect(Result.getOrThrow(parseArgs(spec, ["--impl=--weird=1"]))).toStrictEqual({ options: { json: false, impl: "--weird=1" }, positionals: [] })
    expect(Result.getOrThrow(parseArgs(spec, ["--impl="]))).toStrictEqual({ options: { json: false, impl: "" }, positionals: [] })
    expect(Result.getOrThrow(parseArgs(spec, ["--", "--json"]))).toStrictEqual({ options: { json: false, impl: undefined }, positionals: ["--json"] })
    expect(Result.getOrThrow(parseArgs(spec, ["-"]))).toStrictEqual({ options: { json: false, impl: undefined }, positionals: ["-"] })
    expect(Result.getOrThrow(parseArgs(spec, ["--impl", "-"]))).toStrictEqual({ options: { json: false, impl: "-" }, positionals: [] })
  })

  it("--help and -h ask for the usage, even after an error further on; not after `--`", () => {
    expect(Result.getOrThrow(parseArgs(spec, ["--help"]))).toBe("help")
    expect(Result.getOrThrow(parseArgs(none, ["-h", "stray"]))).toBe("help")
    expect(error(none, ["--", "--help"])).toBe("unexpected argument --help")
  })

  it("every malformed command line is a UsageError naming what was wrong", () => {
    expect(error(none, ["--bogus"])).toBe("unknown option --bogus")
    expect(error(none, ["-x"])).toBe("unknown option -x")
    expect(error(none, ["stray", "two"])).toBe("unexpected argument stray two")
    expect(error(spec, ["a", "b"])).toBe("unexpected argument b (at most 1 <file>)")
    expect(error(spec, ["--bogus=1"])).toBe("unknown option --bogus")
    expect(error(spec, ["--json=yes"])).toBe("--json takes no value")
    expect(error(spec, ["--impl"])).toBe("--impl needs a value")
    expect(error(spec, ["--impl", "--json"])).toBe("--impl needs a value")
    expect(error(spec, ["--json", "--json"])).toBe("--json given twice")
    expect(error(spec, ["--impl=a", "--impl", "b"])).toBe("--impl given twice")
    expect(error({ options: {}, positionals: { min: 1, max: 1, name: "<file>" } }, [])).toBe("missing <file>")
    // inherited object properties are not options
    expect(error(none, ["--toString"])).toBe("unknown option --toString")
    expect(error(none, ["--constructor=1"])).toBe("unknown option --constructor")
  })
})
