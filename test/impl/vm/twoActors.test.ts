/**
 * Two actors that call each other, as the market, miner and power actors will (the miner writes
 * its state, then calls the market's ActivateDeals, which calls back into the miner …): a Vault and
 * a Ledger, added to the registry like any actor — nothing in the VM knows them.
 *
 * The rules checked, from upstream:
 * - builtin-actors `runtime/src/runtime/fvm.rs:290-316` @ v18.0.0 (`transaction`): the state is
 *   written (`set_root`) when the transaction ends, before any later send, so a callee that calls
 *   back into the writer reads the write (ref-fvm's kernel reads the root from the state tree,
 *   `fvm/src/kernel/default.rs:300-345` @ fvm@v4.8.2).
 * - ref-fvm `fvm/src/call_manager/default.rs:245-263` and `kernel/default.rs:156`: every send is a
 *   transaction; a callee that fails is undone, and a frame that fails after its sends is undone
 *   with them — its own earlier writes included — by its caller's transaction, up to the message.
 * - A callee's return value comes back to the caller (`kernel/default.rs:171-196`); a callee's exit
 *   code reaches a caller using `extract_send_result` as `ActorError::checked` says
 *   (builtin-actors `runtime/src/builtin/shared.rs:144-157`).
 * - A read-only frame may not write (`set_root` → ReadOnly → 25, `runtime/src/actor_error.rs`).
 * Each expected number below is worked out by hand from the methods' definitions.
 */
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { actorDispatch, actorError, type MethodResult, noParams, withParams } from "../../../src/impl/actors/dispatch.js"
import { erase } from "../../../src/impl/actors/erase.js"
import { deserializeReturn, extractSendResult } from "../../../src/impl/actors/shared.js"
import { idAddress } from "../../../src/impl/address/address.js"
import { keyFromSeed } from "../../../src/impl/crypto/keys.js"
import { decodeCbor, encodeCbor } from "../../../src/impl/encoding/cbor.js"
import type { ActorCode, ActorError, ActorId, Runtime, Sends, VmState } from "../../../src/impl/vm/interface.js"
import { send } from "../../../src/impl/vm/vm.js"
import { chainWithActors } from "./_testChain.js"
import { expectRejected, ok } from "../actors/_chain.js"

const VAULT = 101n
const LEDGER = 102n

/** The Vault: an amount it has announced (pending) and the ledger total it last confirmed. */
interface Vault { readonly pending: bigint; readonly confirmed: bigint }
/** The Ledger: the sum of every pending amount it recorded, and how many it recorded. */
interface Ledger { readonly total: bigint; readonly records: bigint }

const VaultMethod = { Deposit: 2n, Pending: 3n, DepositThenFail: 4n, PeekWrite: 5n, AskPeek: 6n } as const
const LedgerMethod = { Record: 2n, RecordReadOnlyPeek: 3n } as const

const decodeAmount = (b: Uint8Array) => Result.map(Result.mapError(decodeCbor(b), (e) => ({ message: e.message })), (v) => BigInt(v as number | bigint))
const readAmount = (ret: Uint8Array | undefined): Result.Result<bigint, ActorError> =>
  Result.map(deserializeReturn(ret), (v) => BigInt(v as number | bigint))

/**
 * Deposit(amount): writes `pending = amount` in a transaction, then sends the Ledger Record (no
 * params) and writes `confirmed = ` the total Record returned; returns that total.
 * DepositThenFail(amount): Deposit, then fails 16 — after its write, its send and its second write.
 * Pending: returns `pending` as the state holds it now.  PeekWrite: writes `pending + 1`.
 * AskPeek: sends the Ledger RecordReadOnlyPeek and returns what it returned.
 */
const VaultActor: ActorCode<Vault> = actorDispatch<Vault>("vault", [
  [VaultMethod.Deposit, withParams(decodeAmount, function* (rt, _, amount) {
    return yield* deposit(rt, amount)
  })],
  [VaultMethod.DepositThenFail, withParams(decodeAmount, function* (rt, _, amount) {
    const done = yield* deposit(rt, amount)
    if (Result.isFailure(done)) return Result.fail(done.failure)
    return Result.fail(actorError("VaultFails", 16, "fails after its sends and writes"))
  })],
  [VaultMethod.Pending, noParams(function* (rt) {
    return Result.map(rt.state(), (st) => ({ return: encodeCbor(st.pending) }))
  })],
  [VaultMethod.PeekWrite, noParams(function* (rt) {
    return Result.map(rt.transaction((st) => Result.succeed({ ...st, pending: st.pending + 1n })), () => ({}))
  })],
  [VaultMethod.AskPeek, noParams(function* (rt) {
    const asked = extractSendResult(yield* rt.send(idAddress(LEDGER), LedgerMethod.RecordReadOnlyPeek, undefined, 0n))
    return Result.map(asked, (ret) => (ret === undefined ? {} : { return: ret }))
  })]
])

function* deposit(rt: Runtime<Vault>, amount: bigint): Sends<MethodResult> {
  const announced = rt.transaction((st) => Result.succeed({ ...st, pending: amount }))
  if (Result.isFailure(announced)) return Result.fail(announced.failure)
  const recorded = Result.flatMap(extractSendResult(yield* rt.send(idAddress(LEDGER), LedgerMethod.Record, undefined, 0n)), readAmount)
  if (Result.isFailure(recorded)) return Result.fail(recorded.failure)
  const confirmed = rt.transaction((st) => Result.succeed({ ...st, confirmed: recorded.success }))
  return Result.map(confirmed, () => ({ return: encodeCbor(recorded.success) }))
}

/**
 * Record: asks the caller (a Vault) for its pending amount — a call back into the actor that is
 * sending to it — fails 18 if that is 0, else adds it to the total and returns the new total.
 * RecordReadOnlyPeek: sends the caller PeekWrite read-only and returns its exit code.
 */
const LedgerActor: ActorCode<Ledger> = actorDispatch<Ledger>("ledger", [
  [LedgerMethod.Record, noParams(function* (rt) {
    const pending = Result.flatMap(extractSendResult(yield* rt.send(idAddress(rt.caller), VaultMethod.Pending, undefined, 0n)), readAmount)
    if (Result.isFailure(pending)) return Result.fail(pending.failure)
    if (pending.success === 0n) return Result.fail(actorError("NothingPending", 18, "the vault has nothing pending"))
    const written = rt.transaction((st) => Result.succeed({ total: st.total + pending.success, records: st.records + 1n }))
    return Result.map(written, (st) => ({ return: encodeCbor(st.total) }))
  })],
  [LedgerMethod.RecordReadOnlyPeek, noParams(function* (rt) {
    const sent = yield* rt.send(idAddress(rt.caller), VaultMethod.PeekWrite, undefined, 0n, { readOnly: true })
    return Result.succeed({ return: encodeCbor(Result.isSuccess(sent) ? sent.success.exitCode : -1) })
  })]
])

const alice = keyFromSeed(1, "two actors alice")

/** Alice (f0100), a Vault (f0101, nothing pending, confirmed 0) and a Ledger (f0102, total 40 from one record). */
// The only change needed to run them: two registry entries.
const world = (): VmState => chainWithActors([erase(VaultActor), erase(LedgerActor)], alice.address, [
  { id: VAULT, kind: "vault", state: { pending: 0n, confirmed: 0n } },
  { id: LEDGER, kind: "ledger", state: { total: 40n, records: 1n } }
])
const stateOf = <S>(vm: VmState, id: ActorId): S => vm.actors.get(id)?.state as S
const call = (vm: VmState, to: ActorId, method: bigint, params: Uint8Array) => send(vm, { from: alice.address, to: idAddress(to), value: 0n, method, params })

describe("two actors calling each other", () => {
  it("the callee calling back reads the caller's write made before the send; return values flow back; both writes persist", () => {
    const vm = world()
    const r = call(vm, VAULT, VaultMethod.Deposit, encodeCbor(2n))
    // Ledger read pending = 2 from the Vault (its write before the send): total 40 + 2 = 42
    expect(r.receipt).toEqual({ exitCode: 0, return: encodeCbor(42n) })
    expect(stateOf<Vault>(r.vm, VAULT)).toEqual({ pending: 2n, confirmed: 42n })
    expect(stateOf<Ledger>(r.vm, LEDGER)).toEqual({ total: 42n, records: 2n })
  })

  it("two deposits in a row each see the state the previous message left", () => {
    const first = call(world(), VAULT, VaultMethod.Deposit, encodeCbor(2n))
    const second = call(first.vm, VAULT, VaultMethod.Deposit, encodeCbor(5n))
    expect(second.receipt.return).toEqual(encodeCbor(47n))
    expect(stateOf<Ledger>(second.vm, LEDGER)).toEqual({ total: 47n, records: 3n })
  })

  it("a failure after the send undoes everything: the caller's own earlier writes and the callee's", () => {
    const vm = world()
    const r = call(vm, VAULT, VaultMethod.DepositThenFail, encodeCbor(2n))
    expectRejected(vm, r, alice.address, { tag: "VaultFails", exitCode: 16 })
    expect(stateOf<Vault>(r.vm, VAULT)).toEqual({ pending: 0n, confirmed: 0n })
    expect(stateOf<Ledger>(r.vm, LEDGER)).toEqual({ total: 40n, records: 1n })
  })

  it("a callee that fails is undone; the caller passes its code on (checked: 18 stays 18) and its own write is undone with it", () => {
    const vm = world()
    // pending 0: Ledger's Record fails 18 after the Vault wrote pending = 0 and before any Ledger write
    const r = call(vm, VAULT, VaultMethod.Deposit, encodeCbor(0n))
    expectRejected(vm, r, alice.address, { tag: "NothingPending", exitCode: 18 })
  })

  it("a read-only call back into the caller cannot write: it exits 25 and its write does not stay", () => {
    const vm = world()
    // control: called directly, PeekWrite writes pending + 1
    expect(stateOf<Vault>(ok(call(vm, VAULT, VaultMethod.PeekWrite, new Uint8Array())), VAULT).pending).toBe(1n)
    // Vault → Ledger.RecordReadOnlyPeek → Vault.PeekWrite read-only: set_root refused, 25
    const r = call(vm, VAULT, VaultMethod.AskPeek, new Uint8Array())
    expect(r.receipt).toEqual({ exitCode: 0, return: encodeCbor(25) })
    expect(stateOf<Vault>(r.vm, VAULT)).toEqual({ pending: 0n, confirmed: 0n })
  })
})
