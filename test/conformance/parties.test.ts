/**
 * The deal-message function vectors (vectors/parties/) hang together: every encoded message
 * decodes back to the message it was made from, its signing bytes are its envelope with the
 * signature slot null (a provider's signature verifies over them), and the decoder's refusals are
 * the tags the README lists.
 */
import { fileURLToPath } from "node:url"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { decodeDealMessageCall, encodeDealMessageCall } from "../../conformance/parties.js"
import { loadVectors } from "../../conformance/runner.js"
import type { FunctionVector } from "../../conformance/schema.js"
import { keyFromSeed, verifySignature } from "../../src/impl/crypto/keys.js"
import { fromHex } from "../../src/impl/encoding/hex.js"

const vectors = loadVectors(fileURLToPath(new URL("../../vectors/parties", import.meta.url)))
  .flatMap((v) => ("vector" in v && "function" in v.vector ? [[v.id, v.vector] as const] : [])) as Array<readonly [string, FunctionVector]>
const encodes = vectors.filter(([, v]) => v.function === "encodeDealMessage" && "output" in v)
const bytes = (hex: string) => Result.getOrThrow(fromHex(hex))

describe("encode_deal_message", () => {
  it("there is one valid vector per message kind and status the README names", () => expect(encodes.length).toBe(11))

  it.each(encodes)("%s decodes back to its input", (_, v) => {
    if (v.function !== "encodeDealMessage" || !("output" in v)) throw new Error("not an encoding")
    expect(Result.getOrThrow(decodeDealMessageCall(v.output.bytes))).toEqual(v.input)
  })

  it.each(encodes)("%s: a provider's signature verifies over the signing bytes; a client message has none", (_, v) => {
    if (v.function !== "encodeDealMessage" || !("output" in v)) throw new Error("not an encoding")
    const sig = v.input.signature
    if (sig === null) {
      // a client message's envelope is its signing bytes
      expect(v.output.bytes).toBe(v.output.signingBytes)
      return
    }
    // the worker key the generator signs with (scripts/vectors/parties.ts), BLS
    const worker = keyFromSeed(2, "filflow vectors parties worker")
    expect(verifySignature({ type: sig.type, data: bytes(sig.data) }, worker.address, bytes(v.output.signingBytes))).toBe(true)
    // and not over the envelope itself (the signature slot filled in)
    expect(verifySignature({ type: sig.type, data: bytes(sig.data) }, worker.address, bytes(v.output.bytes))).toBe(false)
  })
})

describe("decode_deal_message refusals", () => {
  it("a deal id written in two bytes (83 05 81 82 01 18 07 f6, by hand per RFC 8949 §4.2.1) is not canonical", () => {
    expect(Result.isFailure(decodeDealMessageCall("83058182011807f6"))).toBe(true)
    // the same query written canonically (07 in one byte) decodes
    expect(Result.getOrThrow(decodeDealMessageCall("830581820107f6"))).toEqual({ message: { type: "StorageDealQuery", ref: { byDealId: "7" } }, signature: null })
  })

  it("every refusal is one of the two tags the README lists", () => {
    const tags = new Set(vectors.flatMap(([, v]) => ("error" in v ? [v.error.tag] : [])))
    expect([...tags].sort()).toEqual(["InvalidInput", "MalformedMessage", "UnknownMessageKind"])
  })

  it("an input that cannot be encoded is InvalidInput, not a throw", () => {
    const r = encodeDealMessageCall({ message: { type: "StorageDealQuery", ref: { byDealId: String(1n << 64n) } }, signature: null })
    expect(Result.isFailure(r) ? r.failure.tag : "encoded").toBe("InvalidInput")
  })
})
