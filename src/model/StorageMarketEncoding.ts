/**
 * The explorer's compact encoding of a StorageMarket state (see `Specification.encode` in
 * `./interface.ts`) and its inverse, for one specification.  The scalars and amounts are written
 * as they are; each map keyed by deal id is its key set (one bit-mask word for ids 0..30) and its
 * values in id order; a proposal is one word, its number in the specification's table of
 * proposal keys, and so is a key of `pending`, `signed`, `decisions` (a {@link proposalKey}) and
 * of `redemptions` (a {@link voucherKey}), so a set of them is one bit-mask word while fewer than
 * 31 are known.  The tables start with the constants' domains, in their order, and take any other
 * key the first time they meet it, so a state outside the bounds is still encoded exactly.  Two
 * states have equal encodings exactly when their {@link key}s are equal
 * (test/model/encoding.test.ts).
 *
 * @module
 */
import { readIntMap, WordReader, writeBigInt, writeInt, writeIntMap } from "./_fingerprint.js"
import {
  type Constants, type DealState, type Decision, type LogEntry, type Proposal, proposalKey, type State, voucherKey
} from "./StorageMarketActions.js"

/** Strings numbered 0, 1, 2, … in the order they are first met; with each proposal key, one proposal with that key. */
class Numbering {
  private readonly ids = new Map<string, number>()
  readonly strings: Array<string> = []
  readonly proposals: Array<Proposal | undefined> = []
  id(k: string): number {
    let id = this.ids.get(k)
    if (id === undefined) {
      id = this.strings.length
      this.ids.set(k, id)
      this.strings.push(k)
      this.proposals.push(undefined)
    }
    return id
  }
  proposalId(p: Proposal): number {
    // the models' proposals are a few shared objects: found by identity before by key
    const proposals = this.proposals
    for (let i = 0; i < proposals.length; i++) if (proposals[i] === p) return i
    const id = this.id(proposalKey(p))
    if (this.proposals[id] === undefined) this.proposals[id] = p
    return id
  }
}

const scratch: Array<number> = []

/** Sorts `scratch[0..n)` ascending (insertion sort: the sets here are small). */
const sortScratch = (n: number): void => {
  for (let i = 1; i < n; i++) {
    const x = scratch[i]!
    let j = i
    while (j > 0 && scratch[j - 1]! > x) {
      scratch[j] = scratch[j - 1]!
      j--
    }
    scratch[j] = x
  }
}

/**
 * Writes the numbers `ids` of a set's strings: one word, their bit mask, when every number is in
 * 0..30; else −1 − n and the n numbers ascending.  Returns the position after them.
 */
const writeIds = (out: Int32Array, at: number, n: number): number => {
  let mask = 0
  for (let k = 0; k < n; k++) {
    const id = scratch[k]!
    if (id > 30) {
      sortScratch(n)
      out[at++] = -1 - n
      for (let j = 0; j < n; j++) out[at++] = scratch[j]!
      return at
    }
    mask |= 1 << id
  }
  out[at] = mask
  return at + 1
}

/** The numbers written by {@link writeIds}, ascending. */
const readIds = (r: WordReader): Array<number> => {
  const first = r.w[r.at++]!
  const ids: Array<number> = []
  if (first >= 0) for (let bits = first; bits !== 0; bits &= bits - 1) ids.push(31 - Math.clz32(bits & -bits))
  else for (let n = -1 - first; n > 0; n--) ids.push(r.w[r.at++]!)
  return ids
}

/** The bit mask of a map's keys when every key is in 0..30 (writeIntMap's one-word form), else −1. */
const keyMask = (m: ReadonlyMap<number, unknown>): number => {
  let mask = 0
  for (const k of m.keys()) {
    if (!(k >= 0 && k <= 30 && (k | 0) === k)) return -1
    mask |= 1 << k
  }
  return mask
}

const DECISIONS: ReadonlyArray<Decision> = ["Accepted", "Rejected"]

/**
 * The encoding of the states of the specification with constants `c`: `encode` writes `s` into
 * `out` from index 0 and returns the number of words; `decode` is its inverse.
 *
 * @category exploration
 * @since 0.3.0
 */
export const stateEncoding = (c: Constants): { readonly encode: (s: State, out: Int32Array) => number; readonly decode: (w: Int32Array) => State } => {
  const keys = new Numbering()
  const vouchers = new Numbering()
  for (const piece of c.Pieces) for (const start of c.Starts) for (const end of c.Ends) for (const price of c.Prices)
    for (const clientCollateral of c.ClientCollaterals) for (const providerCollateral of c.ProviderCollaterals)
      keys.id(proposalKey({ piece, start, end, price, clientCollateral, providerCollateral }))
  for (let d = 0; d < c.MaxDeals; d++) for (const a of c.VoucherAmounts) vouchers.id(voucherKey(d, a))

  const writeKeySet = (out: Int32Array, at: number, xs: ReadonlySet<string>): number => {
    let n = 0
    for (const k of xs) scratch[n++] = keys.id(k)
    return writeIds(out, at, n)
  }
  /** A map from strings: their numbers as {@link writeIds} writes them, then each value in the order of the numbers. */
  const writeStringMap = <V>(out: Int32Array, at: number, m: ReadonlyMap<string, V>, numbering: Numbering, value: (v: V) => number): number => {
    let n = 0
    for (const k of m.keys()) scratch[n++] = numbering.id(k)
    at = writeIds(out, at, n)
    // the values in ascending number order (sorted now when the mask form did not sort them)
    sortScratch(n)
    for (let j = 0; j < n; j++) at = writeInt(out, at, value(m.get(numbering.strings[scratch[j]!]!)!))
    return at
  }
  const readStringMap = <V>(r: WordReader, numbering: Numbering, value: (x: number) => V): Map<string, V> => {
    const out = new Map<string, V>()
    for (const id of readIds(r)) out.set(numbering.strings[id]!, value(r.int()))
    return out
  }
  const decisionNumber = (d: Decision): number => {
    const i = DECISIONS.indexOf(d)
    if (i < 0) throw new RangeError(`StorageMarket encoding: ${String(d)} is not a decision`)
    return i
  }

  // the maps keyed by deal id, each written as writeIntMap writes it, without a callback per value
  const writeProposals = (out: Int32Array, at: number, m: State["proposals"]): number => {
    const mask = keyMask(m)
    if (mask < 0) return writeIntMap(out, at, m, (o, a, p: Proposal) => writeInt(o, a, keys.proposalId(p)))
    out[at++] = mask
    for (let bits = mask; bits !== 0; bits &= bits - 1) out[at++] = keys.proposalId(m.get(31 - Math.clz32(bits & -bits))!)
    return at
  }
  const writeDealState = (o: Int32Array, a: number, st: DealState): number => writeBigInt(o, writeInt(o, writeInt(o, a, st.sector), st.updated ? 1 : 0), st.paid)
  const writeDealStates = (out: Int32Array, at: number, m: State["dealStates"]): number => {
    const mask = keyMask(m)
    if (mask < 0) return writeIntMap(out, at, m, writeDealState)
    out[at++] = mask
    for (let bits = mask; bits !== 0; bits &= bits - 1) at = writeDealState(out, at, m.get(31 - Math.clz32(bits & -bits))!)
    return at
  }
  const writeVouchersSigned = (out: Int32Array, at: number, m: State["vouchersSigned"]): number => {
    const mask = keyMask(m)
    if (mask < 0) return writeIntMap(out, at, m, writeBigInt)
    out[at++] = mask
    for (let bits = mask; bits !== 0; bits &= bits - 1) at = writeBigInt(out, at, m.get(31 - Math.clz32(bits & -bits))!)
    return at
  }
  const writeEntry = (o: Int32Array, a: number, e: LogEntry): number =>
    writeBigInt(o, writeInt(o, writeInt(o, writeInt(o, a, keys.proposalId(e.proposal)), e.activated ? 1 : 0), e.slashedAt), e.paid)
  const writeDealLog = (out: Int32Array, at: number, m: State["dealLog"]): number => {
    const mask = keyMask(m)
    if (mask < 0) return writeIntMap(out, at, m, writeEntry)
    out[at++] = mask
    for (let bits = mask; bits !== 0; bits &= bits - 1) at = writeEntry(out, at, m.get(31 - Math.clz32(bits & -bits))!)
    return at
  }

  const encode = (s: State, out: Int32Array): number => {
    let at = writeInt(out, 0, s.epoch)
    at = writeBigInt(out, at, s.balance.Client)
    at = writeBigInt(out, at, s.balance.Provider)
    at = writeBigInt(out, at, s.balance.Market)
    at = writeBigInt(out, at, s.balance.Burnt)
    at = writeBigInt(out, at, s.escrow.Client)
    at = writeBigInt(out, at, s.escrow.Provider)
    at = writeBigInt(out, at, s.locked.Client)
    at = writeBigInt(out, at, s.locked.Provider)
    at = writeInt(out, at, s.nextId)
    at = writeProposals(out, at, s.proposals)
    at = writeDealStates(out, at, s.dealStates)
    at = writeKeySet(out, at, s.pending)
    at = writeKeySet(out, at, s.signed)
    at = writeStringMap(out, at, s.decisions, keys, decisionNumber)
    at = writeVouchersSigned(out, at, s.vouchersSigned)
    at = writeStringMap(out, at, s.redemptions, vouchers, (n) => n)
    return writeDealLog(out, at, s.dealLog)
  }

  const decode = (w: Int32Array): State => {
    const r = new WordReader(w)
    const epoch = r.int()
    const balance = { Client: r.bigint(), Provider: r.bigint(), Market: r.bigint(), Burnt: r.bigint() }
    const escrow = { Client: r.bigint(), Provider: r.bigint() }
    const locked = { Client: r.bigint(), Provider: r.bigint() }
    const nextId = r.int()
    const proposals = readIntMap(r, (q) => keys.proposals[q.int()]!)
    const dealStates = readIntMap(r, (q): DealState => {
      const sector = q.int()
      const updated = q.int() === 1
      return { sector, updated, paid: q.bigint() }
    })
    const pending = new Set(readIds(r).map((id) => keys.strings[id]!))
    const signed = new Set(readIds(r).map((id) => keys.strings[id]!))
    const decisions = readStringMap(r, keys, (x) => DECISIONS[x]!)
    const vouchersSigned = readIntMap(r, (q) => q.bigint())
    const redemptions = readStringMap(r, vouchers, (x) => x)
    const dealLog = readIntMap(r, (q): LogEntry => {
      const proposal = keys.proposals[q.int()]!
      const activated = q.int() === 1
      const slashedAt = q.int()
      return { proposal, activated, slashedAt, paid: q.bigint() }
    })
    return { epoch, balance, escrow, locked, proposals, dealStates, pending, nextId, signed, decisions, vouchersSigned, redemptions, dealLog }
  }

  return { encode, decode }
}
