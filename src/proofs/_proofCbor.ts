/**
 * Shared pieces of the proofs' DAG-CBOR forms: 32-byte nodes, small indices, lists, and the
 * Poseidon opening.  Every structure is a CBOR array (a tuple, as Filecoin's `Serialize_tuple`
 * types are), nodes are 32-byte byte strings, indices unsigned integers; decoding goes through
 * the strict canonical decoder of `src/impl/encoding/cbor.ts`, so each proof has one byte form.
 *
 * PoseidonOpening = [root: bytes32, leaf: bytes32, path: [[siblings: [bytes32 …], index: uint] …]]
 *
 * @module
 */
import { Result } from "effect"
import {
  decodeCbor, encodeCbor, InvalidCborField, type MalformedCbor, readArray, readBytes, readTuple, readUint
} from "../impl/encoding/cbor.js"
import type { PoseidonOpening, PoseidonPathElement } from "./poseidon/opening.js"

/** Why bytes are not a proof of the expected form. */
export type ProofDecodeError = MalformedCbor | InvalidCborField

/** A 32-byte node. */
export const _readNode = (value: unknown, field: string): Result.Result<Uint8Array, InvalidCborField> =>
  Result.flatMap(readBytes(value, field), (b) =>
    b.length === 32
      ? Result.succeed(b)
      : Result.fail(new InvalidCborField({ field, expected: "32-byte node", message: `${field}: expected 32-byte node, got bytes(${b.length})` })))

/** An unsigned integer that fits a JS number exactly (≤ 2^53 − 1). */
export const _readIndex = (value: unknown, field: string): Result.Result<number, InvalidCborField> =>
  Result.flatMap(readUint(value, field), (n) =>
    n <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Result.succeed(Number(n))
      : Result.fail(new InvalidCborField({ field, expected: "index ≤ 2^53 − 1", message: `${field}: expected index ≤ 2^53 − 1, got ${n}` })))

/** A list whose items each read with `read` (field names `field[i]`). */
export const _readList = <A>(
  value: unknown, field: string, read: (v: unknown, f: string) => Result.Result<A, InvalidCborField>
): Result.Result<ReadonlyArray<A>, InvalidCborField> =>
  Result.flatMap(readArray(value, field), (items) => {
    const out: Array<A> = []
    for (let i = 0; i < items.length; i++) {
      const r = read(items[i], `${field}[${i}]`)
      if (Result.isFailure(r)) return Result.fail(r.failure)
      out.push(r.success)
    }
    return Result.succeed(out)
  })

/** The CBOR value of an opening. */
export const _openingValue = (o: PoseidonOpening): unknown =>
  [o.root, o.leaf, o.path.map((p) => [p.siblings.map((s) => s), p.index])]

const readPathElement = (value: unknown, field: string): Result.Result<PoseidonPathElement, InvalidCborField> =>
  Result.flatMap(readTuple(value, 2, field), ([siblings, index]) =>
    Result.flatMap(_readList(siblings, `${field}.siblings`, _readNode), (s) =>
      Result.map(_readIndex(index, `${field}.index`), (i) => ({ siblings: s, index: i }))))

/** An opening from its CBOR value. */
export const _readOpening = (value: unknown, field: string): Result.Result<PoseidonOpening, InvalidCborField> =>
  Result.flatMap(readTuple(value, 3, field), ([root, leaf, path]) =>
    Result.flatMap(_readNode(root, `${field}.root`), (r) =>
      Result.flatMap(_readNode(leaf, `${field}.leaf`), (l) =>
        Result.map(_readList(path, `${field}.path`, readPathElement), (p) => ({ root: r, leaf: l, path: p })))))

/** Encodes a value built from a proof. */
export const _encode = (value: unknown): Uint8Array => encodeCbor(value)

/** Decodes canonical DAG-CBOR and reads it with `read`. */
export const _decode = <A>(
  bytes: Uint8Array, read: (v: unknown, f: string) => Result.Result<A, InvalidCborField>, what: string
): Result.Result<A, ProofDecodeError> => Result.flatMap(decodeCbor(bytes), (v): Result.Result<A, ProofDecodeError> => read(v, what))
