/**
 * The Cron actor (f03): Constructor (1) with the table of entries and EpochTick (2), which the
 * System actor calls once per epoch after all messages (see `applyCronTick` in
 * src/impl/vm/cron.ts).  EpochTick sends each entry's method, with no params and no value, in
 * table order; an entry that fails — its actor missing, its method absent, its method failing —
 * is ignored (upstream logs it) and the tick goes on: the tick itself always succeeds.
 *
 * Source: filecoin-project/builtin-actors `actors/cron/src/lib.rs` @ v18.0.0 (Method table
 * :29-32; `constructor`:47-51 and `epoch_tick`:55-76: both the System actor only) and
 * `actors/cron/src/state.rs` (`State { entries }`, `Entry [receiver, method_num]`).  The genesis
 * table is go-state-types `builtin/v9/cron` `BuiltInEntries` (used by Lotus's genesis,
 * `chain/actors/builtin/cron` @ v1.36.2): power OnEpochTickEnd (f04, 5), then market CronTick (f05, 9).
 *
 * @module
 */
import { Result } from "effect"
import { type Address, addressToBytes, idAddress, readAddress } from "../../address/address.js"
import { decodeCbor, encodeCbor, readArray, readTuple, readUint } from "../../encoding/cbor.js"
import type { ActorCode } from "../../vm/interface.js"
import { SYSTEM_ACTOR_ID } from "../../vm/state.js"
import { actorDispatch, noParams, withParams } from "../dispatch.js"
import { validateCallerIs } from "../shared.js"

/** The Cron actor's id: f03. */
export const CRON_ACTOR_ID = 3n

/** Cron method numbers (lib.rs:29-32). */
export const CronMethod = { Constructor: 1n, EpochTick: 2n } as const

/**
 * A cron entry: the actor to call (an ID address) and the method (which takes no params).
 *
 * @category models
 * @since 0.1.0
 */
export interface CronEntry {
  readonly receiver: Address
  readonly methodNum: bigint
}

/** The cron actor's state. */
export interface CronState {
  readonly entries: ReadonlyArray<CronEntry>
}

/** The genesis entries (`BuiltInEntries`): power OnEpochTickEnd (5), then market CronTick (9). */
export const BUILTIN_CRON_ENTRIES: ReadonlyArray<CronEntry> = [
  { receiver: idAddress(4n), methodNum: 5n },
  { receiver: idAddress(5n), methodNum: 9n }
]

/**
 * Constructor params bytes: `[[[receiver, method_num], …]]` (a one-field tuple holding the list).
 *
 * @category encoding
 * @since 0.1.0
 */
export const encodeCronConstructorParams = (entries: ReadonlyArray<CronEntry>): Uint8Array =>
  encodeCbor([entries.map((e) => [addressToBytes(e.receiver), e.methodNum])])

const decodeConstructorParams = (bytes: Uint8Array) =>
  Result.flatMap(Result.mapError(decodeCbor(bytes), (e) => ({ message: `cron ConstructorParams: ${e.message}` })), (v) => Result.gen(function* () {
    const [list] = yield* readTuple(v, 1, "cron ConstructorParams")
    const items = yield* readArray(list, "cron ConstructorParams.entries")
    const entries: Array<CronEntry> = []
    for (const [i, item] of items.entries()) {
      const [receiver, method] = yield* readTuple(item, 2, `cron ConstructorParams.entries[${i}]`)
      entries.push({ receiver: yield* readAddress(receiver, `entries[${i}].receiver`), methodNum: yield* readUint(method, `entries[${i}].method_num`) })
    }
    return entries
  }))

/**
 * The Cron actor's code.
 *
 * @category actors
 * @since 0.1.0
 */
export const CronActor: ActorCode<CronState> = actorDispatch<CronState>("cron", [
  [CronMethod.Constructor, withParams(decodeConstructorParams, function* (rt, _, entries) {
    return Result.flatMap(validateCallerIs(rt, [SYSTEM_ACTOR_ID], "CallerIsSystem"), () => Result.map(rt.create({ entries }), () => ({})))
  })],
  [CronMethod.EpochTick, noParams(function* (rt) {
    const caller = validateCallerIs(rt, [SYSTEM_ACTOR_ID], "CallerIsSystem")
    if (Result.isFailure(caller)) return Result.fail(caller.failure)
    const st = rt.state()
    if (Result.isFailure(st)) return Result.fail(st.failure)
    // lib.rs:59-73: each entry's failure is logged and ignored
    for (const entry of st.success.entries) yield* rt.send(entry.receiver, entry.methodNum, undefined, 0n)
    return Result.succeed({})
  })]
])
