/**
 * The System actor (f00): the caller of implicit calls (account constructors).  Its only method is
 * its Constructor, which takes no params and only the System actor may call.
 *
 * Source: filecoin-project/builtin-actors `actors/system/src/lib.rs` @ v18.0.0 (Constructor = 1,
 * `validate_immediate_caller_is(SYSTEM_ACTOR_ADDR)`, then `rt.create` of its state).
 *
 * @module
 */
import { Result } from "effect"
import type { ActorCode } from "../../vm/interface.js"
import { SYSTEM_ACTOR_ID } from "../../vm/state.js"
import { actorDispatch, noParams } from "../dispatch.js"
import { validateCallerIs } from "../shared.js"

/**
 * The System actor's code.
 *
 * @category actors
 * @since 0.1.0
 */
export const SystemActor: ActorCode<null> = actorDispatch<null>("system", [
  [1n, noParams(function* (rt) {
    return Result.flatMap(validateCallerIs(rt, [SYSTEM_ACTOR_ID], "CallerIsSystem"), () => Result.map(rt.create(null), () => ({})))
  })]
])
