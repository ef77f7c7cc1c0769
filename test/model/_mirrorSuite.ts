/**
 * Test helper: the two suites every model that mirrors a TLA+ module runs the same way — the
 * explorer reproduces TLC's recorded counts for each configuration, and the TypeScript mirror has
 * the module's conjuncts, invariants, properties and mutants under the same names.
 */
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { explore } from "../../src/model/explore.js"
import type { Specification } from "../../src/model/interface.js"
import { loadConfig, tlaConjuncts } from "./_checkConfigs.js"

/** What the two suites need of a model. */
export interface MirroredModel<S, A> {
  /** The TLA+ module's name: `spec/tla/<module>.tla`. */
  readonly module: string
  /** The model as the named configuration (`spec/tla/<config>.cfg`) binds it. */
  readonly specificationOf: (config: string) => Specification<S, A>
  /** The configuration's `Mutant` constant. */
  readonly mutantOf: (config: string) => string | undefined
  readonly Conjuncts: Readonly<Record<string, ReadonlyArray<string>>>
  readonly Operators: ReadonlyArray<string>
  readonly Invariants: Readonly<Record<string, unknown>>
  readonly Properties: Readonly<Record<string, unknown>>
  readonly Mutants: Readonly<Record<string, unknown>>
}

/**
 * `fast` configurations: the explorer reproduces TLC's distinct states, states generated and depth
 * (the slow ones are replayed by test/model.slow.test.ts); `fast` and `slow` alike check every
 * invariant and property the model defines, with the actor as it is.
 */
export const describeTlcConfigurations = <S, A>(
  m: MirroredModel<S, A>, fast: ReadonlyArray<string>, slow: ReadonlyArray<string>
): void => void describe("TLC configurations", () => {
  it.each(fast)("%s: the explorer reproduces TLC's distinct states, states generated and depth", (name) => {
    const { expected } = loadConfig(name)
    const r = explore(m.specificationOf(name))
    expect(r.violation).toBeUndefined()
    expect({ distinctStates: r.distinctStates, statesGenerated: r.statesGenerated, depth: r.depth })
      .toEqual({ distinctStates: expected.distinctStates, statesGenerated: expected.statesGenerated, depth: expected.depth })
  })

  it.each([...fast, ...slow])("%s checks every invariant and property the model defines, with the actor as it is", (name) => {
    const { cfg, expected } = loadConfig(name)
    expect([...cfg.invariants].sort()).toEqual(Object.keys(m.Invariants).sort())
    expect([...cfg.properties].sort()).toEqual(Object.keys(m.Properties).sort())
    expect(m.mutantOf(name)).toBe("None")
    expect([expected.invariants, expected.properties]).toEqual([cfg.invariants, cfg.properties])
    expect(expected.workers).toBe(1)
  })
})

/** The model's actions, operators and mutants are the TLA+ module's (Tick is Chain's). */
export const describeMirror = <S, A>(m: MirroredModel<S, A>): void =>
  void describe("the TLA+ modules and the TypeScript mirror", () => {
    const tla = readFileSync(new URL(`../../spec/tla/${m.module}.tla`, import.meta.url), "utf8")
    const chain = readFileSync(new URL("../../spec/tla/Chain.tla", import.meta.url), "utf8")
    it.each(Object.keys(m.Conjuncts))("%s has the same enabling conjuncts in the same order", (action) => {
      expect(tlaConjuncts(action === "Tick" ? "Chain" : m.module, action)).toEqual(m.Conjuncts[action])
    })
    it("every conjunct, invariant and property is a TLA+ operator of that name", () => {
      for (const op of [...m.Operators, ...Object.keys(m.Invariants), ...Object.keys(m.Properties)]) {
        expect(`${tla}\n${chain}`).toMatch(new RegExp(`^${op}(\\(|\\s*==)`, "m"))
      }
    })
    it("the TLA+ set Mutants lists exactly the model's mutants", () => {
      const set = /^Mutants == \{([^}]*)\}/m.exec(tla)![1]!
      expect([...set.matchAll(/"(\w+)"/g)].map((x) => x[1]).sort()).toEqual(["None", ...Object.keys(m.Mutants)].sort())
    })
  })
