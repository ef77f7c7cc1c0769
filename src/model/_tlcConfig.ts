/**
 * A reader for TLC model-checking configurations (`spec/tla/MC*.cfg`), so that the TypeScript
 * explorer takes its bounds from the very files TLC ran with.  It understands the subset the
 * project writes: `CONSTANTS` bound to integers, strings, booleans or finite sets of them or
 * replaced by another definition (`Op <- Other`), and the
 * `SPECIFICATION`, `INVARIANT(S)`, `PROPERTY`/`PROPERTIES` and `CHECK_DEADLOCK` statements.
 *
 * @module
 */
import { Data, Result } from "effect"

/** A constant's value in a configuration. */
export type TlcValue = bigint | string | boolean | ReadonlyArray<TlcValue>

/** A parsed configuration. */
export interface TlcConfig {
  readonly constants: Readonly<Record<string, TlcValue>>
  /** Definitions replaced by others (`Op <- Other` in a CONSTANTS section), as TLC substitutes them. */
  readonly overrides: Readonly<Record<string, string>>
  readonly specification: string | undefined
  readonly invariants: ReadonlyArray<string>
  readonly properties: ReadonlyArray<string>
  readonly checkDeadlock: boolean | undefined
}

/** The configuration text is not in the subset this reader understands. */
export class MalformedTlcConfig extends Data.TaggedError("MalformedTlcConfig")<{ readonly reason: string }> {}

const KEYWORDS = new Set(["CONSTANT", "CONSTANTS", "SPECIFICATION", "INVARIANT", "INVARIANTS", "PROPERTY", "PROPERTIES", "CHECK_DEADLOCK", "INIT", "NEXT"])

const tokenize = (text: string): Array<string> =>
  text
    .replace(/\(\*[\s\S]*?\*\)/g, " ")
    .replace(/\\\*.*$/gm, " ")
    .match(/"[^"]*"|-?\d+|[A-Za-z_][A-Za-z0-9_]*|[{}=,]|<-/g) ?? []

/**
 * The constant definitions of a model-checking module (`MC*.tla`): each line `Name == value` whose
 * value is a literal this reader understands (TLC's `.cfg` syntax has no negative numbers, so a
 * configuration binds such a value with `Constant <- Name`).
 *
 * @example
 * ```ts
 * import { tlaDefinitions } from "filflow/model/_tlcConfig"
 * tlaDefinitions("Amounts == {-1, 0}\nOther == x + 1") // => { Amounts: [-1n, 0n] }
 * ```
 * @category parsing
 * @since 0.1.0
 */
export const tlaDefinitions = (tla: string): Readonly<Record<string, TlcValue>> => {
  const out: Record<string, TlcValue> = {}
  for (const m of tla.matchAll(/^([A-Za-z_][A-Za-z0-9_]*) == (.+)$/gm)) {
    const parsed = parseTlcConfig(`CONSTANTS X = ${m[2]}`)
    if (Result.isSuccess(parsed) && parsed.success.constants["X"] !== undefined) out[m[1]!] = parsed.success.constants["X"]
  }
  return out
}

/**
 * Parses the text of a TLC `.cfg` file.  `Op <- Name` is recorded in `overrides`; when `Name` is
 * a literal of `definitions` (see {@link tlaDefinitions}), constant `Op` also takes its value.
 *
 * @example
 * ```ts
 * import { Result } from "effect"
 * import { parseTlcConfig } from "filflow/model/_tlcConfig"
 * Result.getOrThrow(parseTlcConfig('CONSTANTS N = 2 S = {"a"} INVARIANT TypeOK')).constants
 * // => { N: 2n, S: ["a"] }
 * ```
 * @category parsing
 * @since 0.1.0
 */
export const parseTlcConfig = (text: string, definitions: Readonly<Record<string, TlcValue>> = {}): Result.Result<TlcConfig, MalformedTlcConfig> => {
  const tokens = tokenize(text)
  let i = 0
  const fail = (reason: string) => Result.fail(new MalformedTlcConfig({ reason }))
  const value = (): TlcValue | undefined => {
    const t = tokens[i++]
    if (t === undefined) return undefined
    if (t === "TRUE") return true
    if (t === "FALSE") return false
    if (/^-?\d+$/.test(t)) return BigInt(t)
    if (t.startsWith('"')) return t.slice(1, -1)
    if (t === "{") {
      const items: Array<TlcValue> = []
      while (tokens[i] !== "}") {
        const item = value()
        if (item === undefined) return undefined
        items.push(item)
        if (tokens[i] === ",") i++
      }
      i++
      return items
    }
    return undefined
  }
  const constants: Record<string, TlcValue> = {}
  const overrides: Record<string, string> = {}
  const invariants: Array<string> = []
  const properties: Array<string> = []
  let specification: string | undefined
  let checkDeadlock: boolean | undefined
  let section = ""
  while (i < tokens.length) {
    const t = tokens[i]!
    if (KEYWORDS.has(t)) {
      section = t
      i++
      if (t === "SPECIFICATION") specification = tokens[i++]
      if (t === "CHECK_DEADLOCK") checkDeadlock = tokens[i++] === "TRUE"
      continue
    }
    if ((section === "CONSTANT" || section === "CONSTANTS") && tokens[i + 1] === "<-") {
      const by = tokens[i + 2]
      if (by === undefined || !/^[A-Za-z_]/.test(by)) return fail(`expected a definition's name after ${t} <-`)
      overrides[t] = by
      // a constant bound to a literal definition of the module takes its value
      const literal = definitions[by]
      if (literal !== undefined) constants[t] = literal
      i += 3
    } else if (section === "CONSTANT" || section === "CONSTANTS") {
      if (tokens[i + 1] !== "=") return fail(`expected "=" after constant ${t}`)
      i += 2
      const v = value()
      if (v === undefined) return fail(`constant ${t} has no value this reader understands`)
      constants[t] = v
    } else if (section === "INVARIANT" || section === "INVARIANTS") {
      invariants.push(t)
      i++
    } else if (section === "PROPERTY" || section === "PROPERTIES") {
      properties.push(t)
      i++
    } else {
      return fail(`unexpected token ${t}`)
    }
  }
  return Result.succeed({ constants, overrides, specification, invariants, properties, checkDeadlock })
}

/** A constant is missing from the configuration or has the wrong type. */
export class BadConstant extends Data.TaggedError("BadConstant")<{ readonly name: string; readonly reason: string }> {}

/** Typed readers over a configuration's constants, for {@link readConstants}. */
export interface ConstantReader {
  readonly int: (name: string) => bigint
  readonly set: <T>(name: string, item: (v: TlcValue) => T | undefined) => ReadonlyArray<T>
  /** A single value (not a set), read by `item`; `fallback` when the configuration omits it. */
  readonly one: <T>(name: string, item: (v: TlcValue) => T | undefined, fallback?: T) => T
}

/** Set elements: a string out of `allowed`. */
export const oneOf = <T extends string>(allowed: ReadonlyArray<T>) => (x: TlcValue): T | undefined =>
  typeof x === "string" && (allowed as ReadonlyArray<string>).includes(x) ? (x as T) : undefined
/** Set elements: an integer as a number. */
export const asNumber = (x: TlcValue): number | undefined => (typeof x === "bigint" ? Number(x) : undefined)
/** Set elements: an integer as a bigint. */
export const asBigInt = (x: TlcValue): bigint | undefined => (typeof x === "bigint" ? x : undefined)
/** Set elements: a boolean. */
export const asBoolean = (x: TlcValue): boolean | undefined => (typeof x === "boolean" ? x : undefined)

/**
 * Reads a module's constants from a parsed configuration with `build`, turning the first
 * missing or mistyped constant into a `BadConstant` failure.
 *
 * @category parsing
 * @since 0.1.0
 */
export const readConstants = <C>(cfg: TlcConfig, build: (r: ConstantReader) => C): Result.Result<C, BadConstant> => {
  const bad = (name: string, reason: string) => new BadConstant({ name, reason })
  const reader: Omit<ConstantReader, "one"> = {
    int: (name) => {
      const v = cfg.constants[name]
      if (typeof v !== "bigint") throw bad(name, "expected an integer")
      return v
    },
    set: (name, item) => {
      const v = cfg.constants[name]
      if (!Array.isArray(v)) throw bad(name, "expected a set")
      return (v as ReadonlyArray<TlcValue>).map((x) => {
        const t = item(x)
        if (t === undefined) throw bad(name, `unexpected element ${String(x)}`)
        return t
      })
    }
  }
  const withOne: ConstantReader = {
    ...reader,
    one: (name, item, fallback) => {
      const v = cfg.constants[name]
      if (v === undefined && fallback !== undefined) return fallback
      const t = v === undefined ? undefined : item(v)
      if (t === undefined) throw bad(name, v === undefined ? "missing" : `unexpected value ${String(v)}`)
      return t
    }
  }
  try {
    return Result.succeed(build(withOne))
  } catch (e) {
    if (e instanceof BadConstant) return Result.fail(e)
    throw e
  }
}
