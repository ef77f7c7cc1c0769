/**
 * The registry holds every actor's code at the state type `unknown`; the VM hands each code back
 * the state that code wrote, so the state type it was written with holds.
 *
 * @module
 */
import type { ActorCode } from "../vm/interface.js"

/** An actor's code as the registry holds it. */
export const erase = <S>(code: ActorCode<S>): ActorCode => code as unknown as ActorCode
