/**
 * The Placeholder actor: what a send to a new f4 address in the EAM's namespace creates (ref-fvm
 * `fvm/src/call_manager/default.rs` @ fvm@v4.8.2, `create_placeholder_actor_from_send`).  It holds
 * value; every method succeeds with no return and changes nothing.
 *
 * Source: filecoin-project/builtin-actors `actors/placeholder/src/lib.rs` @ v18.0.0 (`invoke`
 * returns 0, the empty return block).
 *
 * @module
 */
import { Result } from "effect"
import type { ActorCode } from "../../vm/interface.js"

/**
 * The Placeholder actor's code.
 *
 * @category actors
 * @since 0.1.0
 */
export const PlaceholderActor: ActorCode<null> = {
  kind: "placeholder",
  invoke: function* () {
    return Result.succeed({})
  }
}
