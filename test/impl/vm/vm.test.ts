/**
 * The in-process VM: genesis, accounts, address resolution, the explicit clock, and the
 * message-application rules of lotus `chain/vm/vm.go` ApplyMessage / ref-fvm
 * `fvm/src/executor/default.rs` + `call_manager/default.rs`:
 * - sender missing or not an account → 1 SYS_SENDER_INVALID, nothing changes;
 * - nonce ≠ the sender's sequence → 2 SYS_SENDER_STATE_INVALID, nothing changes;
 * - otherwise the message is included: on any failure only the sender's nonce advances;
 * - the receiver is resolved first (a missing f1/f3 receiver becomes a new account, anything else
 *   missing → 5 SYS_INVALID_RECEIVER), then the value is checked (6 SYS_INSUFFICIENT_FUNDS);
 * - method 0 only moves value; Init Exec creates actors; an actor writes its state as it runs.
 * Plus three properties: value is conserved, application is deterministic, and it never mutates
 * the state it is given.
 */
import { fc, test } from "@fast-check/vitest"
import { afterAll, describe, expect, it } from "vitest"
import { AccountMethod } from "../../../src/impl/actors/account/index.js"
import { InitMethod } from "../../../src/impl/actors/init/index.js"
import { channelFromReceipt, collectMessage, createChannelMessage, settleMessage } from "../../../src/impl/actors/paych/messages.js"
import { signVoucher } from "../../../src/impl/actors/paych/types.js"
import { idAddress, newActorAddress } from "../../../src/impl/address/address.js"
import type { Address } from "../../../src/impl/address/interface.js"
import { keyFromSeed } from "../../../src/impl/crypto/keys.js"
import type { Message, VmState } from "../../../src/impl/vm/interface.js"
import { CORE_SINGLETONS, genesis } from "../../../src/impl/actors/builtin.js"
import {
  applyMessage, atEpoch, balanceOf, createAccount, FIRST_USER_ACTOR_ID, INIT_ACTOR_ID, resolveAddress, send, SYSTEM_ACTOR_ID
} from "../../../src/impl/vm/vm.js"
import { updateChannelStateMessage } from "../../../src/impl/actors/paych/messages.js"
import { balances, expectRejected, totalBalance, withNonceBumped } from "../actors/_chain.js"

const SYS_SENDER_INVALID = 1
const SYS_SENDER_STATE_INVALID = 2
const SYS_INVALID_RECEIVER = 5
const SYS_INSUFFICIENT_FUNDS = 6
const USR_FORBIDDEN = 18
const USR_NOT_FOUND = 17
const USR_UNHANDLED_MESSAGE = 22
const USR_UNSPECIFIED = 23

const alice = keyFromSeed(1, "vm alice")
const bob = keyFromSeed(2, "vm bob")
const carol = keyFromSeed(1, "vm carol")
const newSecp = keyFromSeed(1, "vm newcomer secp")
const newBls = keyFromSeed(2, "vm newcomer bls")
const empty = new Uint8Array()

/** Genesis with Alice (f0100, 1000), Bob (f0101, 50), Carol (f0102, 0). */
const world = (): VmState => {
  let vm = genesis()
  vm = createAccount(vm, alice.address, 1000n).vm
  vm = createAccount(vm, bob.address, 50n).vm
  vm = createAccount(vm, carol.address, 0n).vm
  return vm
}
const transfer = (from: Address, to: Address, value: bigint): Omit<Message, "nonce"> => ({ from, to, value, method: 0n, params: empty })

describe("genesis, accounts, resolution", () => {
  it("genesis holds the singletons (System f00, Init f01, Reward f02, Cron f03, Power f04, Market f05, Burnt Funds f099), at epoch 0, next id 100", () => {
    // ids: go-state-types `builtin/singletons.go` (SystemActorAddr f00 … StorageMarketActorAddr f05, BurntFundsActorAddr f099)
    expect([...genesis().actors].map(([id, a]) => [id, a.kind])).toEqual([
      [0n, "system"], [1n, "init"], [2n, "reward"], [3n, "cron"], [4n, "storagepower"], [5n, "storagemarket"], [99n, "account"]
    ])
    const vm = genesis(undefined, { singletons: CORE_SINGLETONS })
    expect([...vm.actors.keys()]).toEqual([0n, 1n])
    expect(SYSTEM_ACTOR_ID).toBe(0n)
    expect(INIT_ACTOR_ID).toBe(1n)
    expect(vm.actors.get(0n)?.kind).toBe("system")
    expect(vm.actors.get(1n)?.kind).toBe("init")
    expect(vm.epoch).toBe(0n)
    // go-state-types builtin.FirstNonSingletonActorId = 100
    expect(vm.nextId).toBe(100n)
    expect(FIRST_USER_ACTOR_ID).toBe(100n)
    expect(vm.addresses.size).toBe(0)
  })

  it("createAccount gives ids in order from 100, maps the key address, starts the nonce at 0", () => {
    const vm = world()
    expect(resolveAddress(vm, alice.address)).toBe(100n)
    expect(resolveAddress(vm, bob.address)).toBe(101n)
    expect(resolveAddress(vm, carol.address)).toBe(102n)
    expect(vm.nextId).toBe(103n)
    expect(vm.actors.get(101n)).toEqual({ kind: "account", balance: 50n, state: { address: bob.address }, robust: bob.address, sequence: 0n })
  })

  it("createAccount on an existing address adds to its balance and keeps its id", () => {
    const vm = world()
    const again = createAccount(vm, bob.address, 25n)
    expect(again.id).toBe(101n)
    expect(balanceOf(again.vm, bob.address)).toBe(75n)
    expect(again.vm.nextId).toBe(103n)
    // the input state is not mutated
    expect(balanceOf(vm, bob.address)).toBe(50n)
  })

  it("resolveAddress: an ID address of an existing actor is itself; anything unknown is undefined", () => {
    const vm = world()
    expect(resolveAddress(vm, idAddress(101n))).toBe(101n)
    expect(resolveAddress(vm, idAddress(1n))).toBe(1n)
    expect(resolveAddress(vm, idAddress(103n))).toBeUndefined()
    expect(resolveAddress(vm, newSecp.address)).toBeUndefined()
    expect(resolveAddress(vm, newActorAddress(Uint8Array.of(1)))).toBeUndefined()
    expect(balanceOf(vm, newSecp.address)).toBe(0n)
    expect(balanceOf(vm, idAddress(101n))).toBe(50n)
  })

  it("atEpoch moves the clock only, without mutating the input", () => {
    const vm = world()
    const later = atEpoch(vm, 1234n)
    expect(later.epoch).toBe(1234n)
    expect(vm.epoch).toBe(0n)
    expect({ ...later, epoch: 0n }).toEqual(vm)
    expect(atEpoch(later, 5n).epoch).toBe(5n)
  })
})

describe("applyMessage: sender and nonce (not included: nothing changes)", () => {
  const cases: ReadonlyArray<{ desc: string; from: Address; nonce: bigint; want: { tag: string; exitCode: number } }> = [
    { desc: "unknown f1 sender", from: newSecp.address, nonce: 0n, want: { tag: "SenderInvalid", exitCode: SYS_SENDER_INVALID } },
    { desc: "unknown f0 sender", from: idAddress(777n), nonce: 0n, want: { tag: "SenderInvalid", exitCode: SYS_SENDER_INVALID } },
    { desc: "the Init actor as sender", from: idAddress(1n), nonce: 0n, want: { tag: "SenderInvalid", exitCode: SYS_SENDER_INVALID } },
    { desc: "the System actor as sender", from: idAddress(0n), nonce: 0n, want: { tag: "SenderInvalid", exitCode: SYS_SENDER_INVALID } },
    { desc: "nonce 1 when the sequence is 0", from: alice.address, nonce: 1n, want: { tag: "SenderStateInvalid", exitCode: SYS_SENDER_STATE_INVALID } },
    { desc: "nonce 2^64 − 1", from: alice.address, nonce: (1n << 64n) - 1n, want: { tag: "SenderStateInvalid", exitCode: SYS_SENDER_STATE_INVALID } }
  ]
  it.each(cases)("$desc → $want.exitCode", ({ from, nonce, want }) => {
    const vm = world()
    const r = applyMessage(vm, { ...transfer(from, bob.address, 1n), nonce })
    expect({ tag: r.receipt.tag, exitCode: r.receipt.exitCode }).toEqual(want)
    expect(r.vm).toEqual(vm)
  })

  it("a payment channel cannot send a message (not an account) → 1", () => {
    let vm = world()
    const created = send(vm, createChannelMessage(alice.address, bob.address, 10n))
    vm = created.vm
    const ch = channelFromReceipt(created.receipt)!
    const r = applyMessage(vm, { ...transfer(ch.id, alice.address, 1n), nonce: 0n })
    expect(r.receipt).toMatchObject({ exitCode: SYS_SENDER_INVALID, tag: "SenderInvalid" })
    expect(r.vm).toEqual(vm)
  })

  it("a stale nonce (already used) → 2, nothing changes", () => {
    let vm = world()
    vm = send(vm, transfer(alice.address, bob.address, 1n)).vm
    const r = applyMessage(vm, { ...transfer(alice.address, bob.address, 1n), nonce: 0n })
    expect(r.receipt).toMatchObject({ exitCode: SYS_SENDER_STATE_INVALID, tag: "SenderStateInvalid" })
    expect(r.vm).toEqual(vm)
  })

  it("the sender may be named by its ID address; nonces count up by one per included message", () => {
    let vm = world()
    for (let n = 0n; n < 3n; n++) {
      const r = applyMessage(vm, { ...transfer(idAddress(100n), bob.address, 1n), nonce: n })
      expect(r.receipt.exitCode).toBe(0)
      vm = r.vm
    }
    expect(vm.actors.get(100n)?.sequence).toBe(3n)
    expect(balanceOf(vm, bob.address)).toBe(53n)
    // a failed but included message advances the nonce too
    const failed = send(vm, transfer(alice.address, bob.address, 10_000n))
    expect(failed.receipt.exitCode).toBe(SYS_INSUFFICIENT_FUNDS)
    expect(failed.vm.actors.get(100n)?.sequence).toBe(4n)
  })
})

describe("applyMessage: receiver, value, method 0", () => {
  it("method 0 moves the value and nothing else", () => {
    const vm = world()
    const r = send(vm, transfer(alice.address, bob.address, 300n))
    expect(r.receipt).toEqual({ exitCode: 0, return: empty })
    expect(balanceOf(r.vm, alice.address)).toBe(700n)
    expect(balanceOf(r.vm, bob.address)).toBe(350n)
    const expected = withNonceBumped(vm, alice.address)
    const actors = new Map(expected.actors)
    actors.set(100n, { ...actors.get(100n)!, balance: 700n })
    actors.set(101n, { ...actors.get(101n)!, balance: 350n })
    expect(r.vm).toEqual({ ...expected, actors })
  })

  it("sending exactly the whole balance leaves 0", () => {
    const r = send(world(), transfer(alice.address, carol.address, 1000n))
    expect(r.receipt.exitCode).toBe(0)
    expect(balanceOf(r.vm, alice.address)).toBe(0n)
    expect(balanceOf(r.vm, carol.address)).toBe(1000n)
  })

  it("value above the balance → 6 InsufficientFunds, only the nonce advances", () => {
    const vm = world()
    expectRejected(vm, send(vm, transfer(alice.address, bob.address, 1001n)), alice.address, { tag: "InsufficientFunds", exitCode: SYS_INSUFFICIENT_FUNDS })
    expectRejected(vm, send(vm, transfer(carol.address, bob.address, 1n)), carol.address, { tag: "InsufficientFunds", exitCode: SYS_INSUFFICIENT_FUNDS })
  })

  it("sending to oneself moves nothing and succeeds", () => {
    const vm = world()
    const r = send(vm, transfer(alice.address, alice.address, 400n))
    expect(r.receipt.exitCode).toBe(0)
    expect(r.vm).toEqual(withNonceBumped(vm, alice.address))
  })

  // (Found as a bug and fixed.) ref-fvm's transfer (fvm/src/call_manager/default.rs) checks
  // `from_actor.balance < value` → InsufficientFunds *before* the `from == to` no-op, so a
  // self-send above the balance fails with 6.
  it("sending oneself more than one's balance → 6 InsufficientFunds (ref-fvm checks the balance before the self-transfer no-op)", () => {
    const vm = world()
    expectRejected(vm, send(vm, transfer(bob.address, bob.address, 51n)), bob.address, { tag: "InsufficientFunds", exitCode: SYS_INSUFFICIENT_FUNDS })
  })

  // (Found as a bug and fixed: a negative value used to move |value| from the receiver to the
  // sender.)  Lotus rejects such a message before inclusion (`Message.ValidForBlockInclusion`: "'Value'
  // field cannot be negative") and ref-fvm's transfer fails ("attempted to transfer negative
  // transfer value", IllegalArgument → SYS_ASSERTION_FAILED at top level).  Either way no money moves.
  it("a message with a negative value is not included: 10 ValueNonNegative, nothing changes (not even the nonce)", () => {
    const vm = world()
    const r = send(vm, transfer(carol.address, alice.address, -500n))
    expect(r.receipt).toMatchObject({ exitCode: 10, tag: "ValueNonNegative" })
    expect(r.vm).toEqual(vm)
  })

  const missing: ReadonlyArray<{ desc: string; to: Address }> = [
    { desc: "an unknown ID address", to: idAddress(555n) },
    { desc: "an unknown actor (f2) address", to: newActorAddress(Uint8Array.of(4, 5, 6)) }
  ]
  it.each(missing)("a missing receiver that is $desc → 5 InvalidReceiver, only the nonce advances", ({ to }) => {
    const vm = world()
    expectRejected(vm, send(vm, transfer(alice.address, to, 1n)), alice.address, { tag: "InvalidReceiver", exitCode: SYS_INVALID_RECEIVER })
  })

  it("the receiver is checked before the value: a missing f0 receiver with too much value → 5, not 6", () => {
    const vm = world()
    expectRejected(vm, send(vm, transfer(carol.address, idAddress(555n), 99n)), carol.address, { tag: "InvalidReceiver", exitCode: SYS_INVALID_RECEIVER })
  })

  it.each([
    { desc: "secp256k1 (f1)", key: newSecp },
    { desc: "BLS (f3)", key: newBls }
  ])("value to a new $desc address creates an account with the next id", ({ key }) => {
    const vm = world()
    const r = send(vm, transfer(alice.address, key.address, 42n))
    expect(r.receipt.exitCode).toBe(0)
    expect(resolveAddress(r.vm, key.address)).toBe(103n)
    expect(r.vm.nextId).toBe(104n)
    expect(r.vm.actors.get(103n)).toEqual({ kind: "account", balance: 42n, state: { address: key.address }, robust: key.address, sequence: 0n })
    expect(balanceOf(r.vm, alice.address)).toBe(958n)
    // the new account can send (its key address resolves, its nonce starts at 0)
    const back = send(r.vm, transfer(key.address, alice.address, 2n))
    expect(back.receipt.exitCode).toBe(0)
    expect(balanceOf(back.vm, alice.address)).toBe(960n)
  })

  it("a new f1 receiver with too much value → 6, and no account is left behind", () => {
    const vm = world()
    const r = send(vm, transfer(carol.address, newSecp.address, 1n))
    expectRejected(vm, r, carol.address, { tag: "InsufficientFunds", exitCode: SYS_INSUFFICIENT_FUNDS })
    expect(resolveAddress(r.vm, newSecp.address)).toBeUndefined()
    expect(r.vm.nextId).toBe(vm.nextId)
  })

  it("a method other than 0 on an account it does not have → 22, only the nonce advances", () => {
    const vm = world()
    expectRejected(vm, send(vm, { from: alice.address, to: bob.address, value: 5n, method: 7n, params: empty }), alice.address, { tag: "UnhandledMessage", exitCode: USR_UNHANDLED_MESSAGE })
  })

  it("a method call to the System actor → 22 (it has no methods here), value returned", () => {
    const vm = world()
    expectRejected(vm, send(vm, { from: alice.address, to: idAddress(0n), value: 5n, method: 2n, params: empty }), alice.address, { tag: "UnhandledMessage", exitCode: USR_UNHANDLED_MESSAGE })
  })

  it("method 0 to the Init actor just moves value", () => {
    const r = send(world(), transfer(alice.address, idAddress(1n), 7n))
    expect(r.receipt.exitCode).toBe(0)
    expect(r.vm.actors.get(1n)?.balance).toBe(7n)
  })

  it("a method's return bytes come back in the receipt (account PubkeyAddress)", () => {
    const r = send(world(), { from: alice.address, to: bob.address, value: 0n, method: AccountMethod.PubkeyAddress, params: empty })
    expect(r.receipt.exitCode).toBe(0)
    // CBOR byte string of Bob's 49-byte f3 address: 0x58 0x31 ‖ 0x03 ‖ 48-byte key
    expect(Array.from(r.receipt.return.slice(0, 3))).toEqual([0x58, 0x31, 0x03])
    expect(r.receipt.return.length).toBe(2 + 49)
  })
})

describe("applyMessage: Init Exec and effects", () => {
  it("Exec creates the channel with the message's value; a second Exec gets the next id", () => {
    let vm = world()
    const first = send(vm, createChannelMessage(alice.address, bob.address, 100n))
    vm = first.vm
    const second = send(vm, createChannelMessage(alice.address, carol.address, 5n))
    const a = channelFromReceipt(first.receipt)!
    const b = channelFromReceipt(second.receipt)!
    expect(a.id).toEqual(idAddress(103n))
    expect(b.id).toEqual(idAddress(104n))
    expect(a.robust).not.toEqual(b.robust)
    expect(resolveAddress(second.vm, a.robust)).toBe(103n)
    expect(resolveAddress(second.vm, b.robust)).toBe(104n)
    expect(balanceOf(second.vm, a.id)).toBe(100n)
    expect(balanceOf(second.vm, b.id)).toBe(5n)
    expect(balanceOf(second.vm, alice.address)).toBe(895n)
  })

  it.each([
    { desc: "the constructor fails (unknown party → 17)", to: idAddress(999n), value: 10n, want: { tag: "PartyExists", exitCode: USR_NOT_FOUND } },
    // resolve_to_actor_id sends 0 to the unknown f2, which ref-fvm cannot create (call_manager/default.rs:641-643
    // @ fvm@v4.8.2: NotFound), which builtin-actors turns into 23 (runtime/src/builtin/shared.rs:112-114 @ v18.0.0)
    { desc: "the constructor fails (unknown actor address → 23)", to: newActorAddress(Uint8Array.of(9, 9)), value: 10n, want: { tag: "PartyExists", exitCode: USR_UNSPECIFIED } },
    { desc: "the value exceeds the sender's balance (6)", to: bob.address, value: 1001n, want: { tag: "InsufficientFunds", exitCode: SYS_INSUFFICIENT_FUNDS } }
  ])("a failed Exec leaves no actor, address or id behind: $desc", ({ to, value, want }) => {
    const vm = world()
    const r = send(vm, createChannelMessage(alice.address, to, value))
    expectRejected(vm, r, alice.address, want)
    expect(r.vm.nextId).toBe(103n)
    expect(r.vm.addresses.size).toBe(3)
    expect(r.vm.actors.has(103n)).toBe(false)
  })

  it("Init with a method it does not have (4) → 22", () => {
    const vm = world()
    expectRejected(vm, send(vm, { from: alice.address, to: idAddress(1n), value: 0n, method: InitMethod.Exec4 + 1n, params: empty }), alice.address, { tag: "UnhandledMessage", exitCode: USR_UNHANDLED_MESSAGE })
  })

  it("effects are applied after the method: Collect pays To then deletes the actor, paying From the rest", () => {
    let vm = world()
    const created = send(vm, createChannelMessage(alice.address, bob.address, 100n))
    const ch = channelFromReceipt(created.receipt)!
    vm = created.vm
    vm = send(vm, updateChannelStateMessage(bob.address, ch.id, signVoucher(alice, { channelAddr: ch.id, timeLockMin: 0n, timeLockMax: 0n, secretPreImage: empty, extra: null, lane: 0n, nonce: 1n, amount: 30n, minSettleHeight: 0n, merges: [], signature: null }))).vm
    vm = send(vm, settleMessage(alice.address, ch.id)).vm
    const r = send(atEpoch(vm, 1440n), collectMessage(bob.address, ch.id))
    expect(r.receipt.exitCode).toBe(0)
    // Bob 50 + 30; Alice 900 + 70
    expect(balanceOf(r.vm, bob.address)).toBe(80n)
    expect(balanceOf(r.vm, alice.address)).toBe(970n)
    expect(r.vm.actors.has(103n)).toBe(false)
    // the id is not reused
    expect(r.vm.nextId).toBe(104n)
  })
})

// ---------------------------------------------------------------------------------------------
// properties

/** A random message among Alice, Bob, Carol, the channel (f0103) and two not-yet-existing keys. */
const parties = [alice.address, bob.address, carol.address, idAddress(103n), newSecp.address, newBls.address, idAddress(999n)] as const
const op = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("send" as const), from: fc.nat(2), to: fc.nat(parties.length - 1), value: fc.bigInt(0n, 1200n) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("redeem" as const), lane: fc.bigInt(0n, 2n), nonce: fc.bigInt(0n, 3n), amount: fc.bigInt(0n, 400n) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("settle" as const), by: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("collect" as const), by: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("tick" as const), by: fc.bigInt(1n, 1500n) }) }
)
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never
const signers = [alice, bob, carol] as const

/**
 * A whole channel life the random search rarely completes, holding every outcome the properties'
 * coverage check wants: redeem, redeem the same voucher again, an unaffordable send, settle, wait,
 * collect, then use the dead channel.  Each step's exit code is stated in {@link LIFE_EXIT_CODES}.
 */
const LIFE_OPS: Array<Op> = [
  { kind: "redeem", lane: 0n, nonce: 1n, amount: 150n },
  { kind: "redeem", lane: 0n, nonce: 1n, amount: 150n },
  { kind: "send", from: 2, to: 0, value: 1n },
  { kind: "send", from: 0, to: 3, value: 25n },
  { kind: "settle", by: 1 },
  { kind: "collect", by: 0 },
  { kind: "tick", by: 1440n },
  { kind: "collect", by: 1 },
  { kind: "send", from: 1, to: 3, value: 1n },
  { kind: "collect", by: 0 }
]
/**
 * The exit codes of {@link LIFE_OPS}, derived from the rules this file tests above and from
 * builtin-actors actors/paych/src/lib.rs @ v16.0.1 (a voucher whose nonce is not above its lane's
 * nonce → USR_ILLEGAL_ARGUMENT 16; Collect before the settling epoch → USR_FORBIDDEN 18):
 * the voucher pays 150 of the 200 → 0; the same voucher again is stale → 16; Carol (balance 0)
 * sends 1 → 6; Alice tops the channel up → 0; Bob settles → 0; Alice collects at epoch 0, before
 * settling is over (settle epoch 0 + 1440) → 18; the clock moves; Bob collects → 0 and the channel is
 * deleted; sending to it → 5; collecting it → 5.
 */
const LIFE_EXIT_CODES = [0, 16, SYS_INSUFFICIENT_FUNDS, 0, 0, USR_FORBIDDEN, 0, 0, SYS_INVALID_RECEIVER, SYS_INVALID_RECEIVER]
const LIFE: Array<[Array<Op>]> = [[LIFE_OPS]]

/** World plus a channel Alice → Bob (f0103) holding 200. */
const worldWithChannel = (): VmState => send(world(), createChannelMessage(alice.address, bob.address, 200n)).vm

const run = (vm: VmState, o: Op): { vm: VmState; exitCode: number } => {
  const channel = idAddress(103n)
  const r = (() => {
    switch (o.kind) {
      case "send": return send(vm, transfer(parties[o.from]!, parties[o.to]!, o.value))
      case "redeem": {
        const sv = signVoucher(alice, { channelAddr: channel, timeLockMin: 0n, timeLockMax: 0n, secretPreImage: empty, extra: null, lane: o.lane, nonce: o.nonce, amount: o.amount, minSettleHeight: 0n, merges: [], signature: null })
        return send(vm, updateChannelStateMessage(bob.address, channel, sv))
      }
      case "settle": return send(vm, settleMessage(signers[o.by]!.address, channel))
      case "collect": return send(vm, collectMessage(signers[o.by]!.address, channel))
      case "tick": return { vm: atEpoch(vm, vm.epoch + o.by), receipt: { exitCode: 0, return: empty } }
    }
  })()
  return { vm: r.vm, exitCode: r.receipt.exitCode }
}

describe("properties", () => {
  it("the fixed channel life every property starts from gives the exit codes derived by hand", () => {
    let vm = worldWithChannel()
    const codes: Array<number> = []
    for (const o of LIFE_OPS) {
      const r = run(vm, o)
      codes.push(r.exitCode)
      vm = r.vm
    }
    expect(codes).toEqual(LIFE_EXIT_CODES)
  })

  /**
   * kind:exitCode pairs the runs produced, checked at the end so the properties cannot pass
   * vacuously.  The fixed example LIFE runs first and reaches every one of them (the test above),
   * so the check holds by construction, whatever the random sequences do.
   */
  const seen = new Set<string>()
  afterAll(() => {
    const wanted = ["send:0", "send:5", "send:6", "redeem:0", "redeem:16", "settle:0", "collect:0", "collect:18", "collect:5"]
    expect(wanted.filter((w) => !seen.has(w))).toEqual([])
  })

  test.prop([fc.array(op, { maxLength: 40 })], { seed: 8101, numRuns: 60, examples: LIFE })("value is conserved: the sum of all balances never changes", (ops) => {
    let vm = worldWithChannel()
    // 1000 + 50 + 0 (the channel's 200 came from Alice)
    const total = 1050n
    expect(totalBalance(vm)).toBe(total)
    for (const o of ops) {
      const r = run(vm, o)
      seen.add(`${o.kind}:${r.exitCode}`)
      vm = r.vm
      expect(totalBalance(vm)).toBe(total)
      for (const a of vm.actors.values()) expect(a.balance >= 0n).toBe(true)
    }
  })

  test.prop([fc.array(op, { maxLength: 30 })], { seed: 8102, numRuns: 30, examples: LIFE })("determinism: the same messages from the same genesis give deep-equal states and receipts", (ops) => {
    let a = worldWithChannel()
    let b = worldWithChannel()
    for (const o of ops) {
      const ra = run(a, o)
      const rb = run(b, o)
      expect(ra.exitCode).toBe(rb.exitCode)
      a = ra.vm
      b = rb.vm
    }
    expect(a).toEqual(b)
  })

  test.prop([fc.array(op, { maxLength: 30 })], { seed: 8103, numRuns: 30, examples: LIFE })("applying a message never mutates the state it was given", (ops) => {
    let vm = worldWithChannel()
    const history: Array<readonly [VmState, unknown]> = []
    // the registry holds code (functions), which cannot be cloned: compare the data
    const data = (s: VmState) => ({ ...s, registry: null })
    for (const o of ops) {
      history.push([vm, structuredClone(data(vm))])
      vm = run(vm, o).vm
    }
    for (const [state, copyWhenMade] of history) expect(data(state)).toEqual(copyWhenMade)
  })
})
