/**
 * The native seal engine's entry point, owned by helper `native`: it returns the binding's
 * {@link SealEngine} when the addon is built and loads, else undefined (then `defaultEngine`
 * falls back to the TypeScript engine).  Until the native engine lands this returns undefined.
 *
 * @module
 */
import type { SealEngine } from "./engine.js"

/**
 * The native engine, or undefined when it is not available.
 *
 * @example
 * nativeSealEngine() // => undefined until the native engine is built
 * @category engines
 * @since 0.1.0
 */
export const nativeSealEngine = (): SealEngine | undefined => undefined
