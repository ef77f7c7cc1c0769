/**
 * Function vectors through our implementation: {@link callFunction} runs one function call of
 * the wire protocol (`vectors/README.md`, "Function vectors") — Fr32, CommP, zero-piece
 * commitments, CommD, PIPs (src/proofs/) and sector indexing (src/impl/mining/sectorIndexing.ts)
 * — the deal protocol's message encodings (`./parties.ts`), Stacked DRG sealing and seal proofs
 * (`./sdr.ts`) and PoSt (`./post.ts`) —
 * and answers its output as JSON, or the tag of the typed error it fails with.
 *
 * Bytes are lowercase hex, sizes and offsets decimal strings, CIDs their base32 strings.
 *
 * @module
 */
import { Result } from "effect"
import { CID } from "multiformats/cid"
import { fromHex, toHex } from "../src/impl/encoding/hex.js"
import {
  addToSector, emptyIndex, packDealIntoSector, packSector, type SectorIndexingState
} from "../src/impl/mining/sectorIndexing.js"
import { CommD, type PieceInput } from "../src/proofs/commd.js"
import { CommP } from "../src/proofs/commp.js"
import { sectorLayout } from "../src/proofs/commd.js"
import { fr32Pad, fr32Unpad } from "../src/proofs/fr32.js"
import type { PaddedPieceSize, Pip } from "../src/proofs/interface.js"
import { paddedPieceSize } from "../src/proofs/piece.js"
import { dataCommitmentV1ToCID, pieceCidV2, pieceCommitmentV1ToCID } from "../src/proofs/piececid.js"
import { decodePip, encodePip, makePip, verifyPip } from "../src/proofs/pip.js"
import { zeroPieceCommitment } from "../src/proofs/zerocomm.js"
import { decodeDealMessageCall, encodeDealMessageCall } from "./parties.js"
import { isPostCall, postCall } from "./post.js"
import { isSdrCall, sdrCall } from "./sdr.js"
import type { FunctionCall, FunctionOutput, PipJson } from "./schema.js"

/** Why a function call failed: the typed error's tag (compared) and its message. */
export interface FunctionFailure {
  readonly tag: string
  readonly message: string
}

type R<A> = Result.Result<A, FunctionFailure>

/** An input the function cannot even be given (bad hex, a malformed CID): tag `InvalidInput`. */
const invalidInput = (message: string): FunctionFailure => ({ tag: "InvalidInput", message })

const bytes = (hex: string, field: string): R<Uint8Array> => Result.mapError(fromHex(hex), (e) => invalidInput(`${field}: ${e.message}`))
const typed = <A>(r: Result.Result<A, { readonly _tag: string; readonly message: string }>): R<A> =>
  Result.mapError(r, (e) => ({ tag: e._tag, message: e.message !== "" ? e.message : e._tag }))

const pipJson = (p: Pip): PipJson => ({
  pieceCommP: toHex(p.pieceCommP), pieceSize: String(p.pieceSize), offset: String(p.offset),
  path: p.path.map(toHex), sectorSize: String(p.sectorSize)
})

const pipOf = (p: PipJson): R<Pip> => Result.gen(function* () {
  const path: Array<Uint8Array> = []
  for (const [i, n] of p.path.entries()) path.push(yield* bytes(n, `pip.path[${i}]`))
  return {
    pieceCommP: yield* bytes(p.pieceCommP, "pip.pieceCommP"), pieceSize: BigInt(p.pieceSize) as PaddedPieceSize,
    offset: BigInt(p.offset), path, sectorSize: BigInt(p.sectorSize) as PaddedPieceSize
  }
})

const piecesOf = (pieces: ReadonlyArray<{ readonly size: string; readonly commP: string }>): R<ReadonlyArray<PieceInput>> =>
  Result.gen(function* () {
    const out: Array<PieceInput> = []
    for (const [i, p] of pieces.entries()) out.push({ size: BigInt(p.size), commP: yield* bytes(p.commP, `pieces[${i}].commP`) })
    return out
  })

const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Sector indexing's state as JSON: the queue by deal, sectors by number, deals by offset, PIPs
 * (encoded) by deal.
 */
export const indexingStateJson = (s: SectorIndexingState): Extract<FunctionOutput, { readonly queue: unknown }> => ({
  sectorSize: String(s.sectorSize),
  queue: [...s.queue].sort(([a], [b]) => cmp(a, b)).map(([deal, p]) => ({ deal: String(deal), pieceCid: p.pieceCid.toString(), size: String(p.size) })),
  sectors: [...s.sectors].sort(([a], [b]) => cmp(a, b)).map(([sector, e]) => ({
    sector: String(sector),
    deals: e.deals.map((d) => ({ deal: String(d.deal), offset: String(d.offset), pieceCid: d.piece.pieceCid.toString(), size: String(d.piece.size) })),
    packed: e.packed === undefined ? null : {
      commD: toHex(e.packed.commD), unsealedCid: e.packed.unsealedCid.toString(),
      pips: [...e.packed.pips].sort(([a], [b]) => cmp(a, b)).map(([deal, pip]) => ({ deal: String(deal), pip: toHex(Result.getOrThrow(encodePip(pip))) }))
    }
  }))
})

const parseCid = (s: string): CID | undefined => {
  try {
    return CID.parse(s)
  } catch {
    return undefined
  }
}

/**
 * Runs one function call with our implementation.  Never throws for a well-formed call.
 *
 * @example
 * callFunction({ function: "fr32Pad", input: { bytes: "00".repeat(127) } }) // => Success({ bytes: "00".repeat(128) })
 * callFunction({ function: "fr32Pad", input: { bytes: "00" } })             // => Failure({ tag: "Fr32InvalidLength", … })
 * @category adapter
 * @since 0.1.0
 */
export const callFunction = (call: FunctionCall): R<FunctionOutput> => Result.gen(function* () {
  // Stacked DRG: conformance/sdr.ts
  if (isSdrCall(call)) return yield* sdrCall(call)
  // PoSt: conformance/post.ts
  if (isPostCall(call)) return yield* postCall(call)
  switch (call.function) {
    case "fr32Pad": return { bytes: toHex(yield* typed(fr32Pad(yield* bytes(call.input.bytes, "bytes")))) }
    case "fr32Unpad": return { bytes: toHex(yield* typed(fr32Unpad(yield* bytes(call.input.bytes, "bytes")))) }
    case "commP": {
      const payload = yield* bytes(call.input.payload, "payload")
      const r = CommP(payload)
      return {
        commP: toHex(r.commP), size: String(r.size), height: r.height, padding: String(r.padding),
        pieceCidV1: (yield* typed(pieceCommitmentV1ToCID(r.commP))).toString(),
        pieceCidV2: (yield* typed(pieceCidV2(r.commP, payload.length))).toString()
      }
    }
    case "zeroPieceCommitment": {
      const size = yield* typed(paddedPieceSize(BigInt(call.input.size)))
      const commP = zeroPieceCommitment(size)
      return { commP: toHex(commP), pieceCidV1: (yield* typed(pieceCommitmentV1ToCID(commP))).toString() }
    }
    case "commD": {
      const commD = yield* typed(CommD(BigInt(call.input.sectorSize), yield* piecesOf(call.input.pieces)))
      return { commD: toHex(commD), unsealedCid: (yield* typed(dataCommitmentV1ToCID(commD))).toString() }
    }
    case "makePip": {
      const pieces = yield* piecesOf(call.input.pieces)
      const layout = yield* typed(sectorLayout(BigInt(call.input.sectorSize), pieces))
      const pip = yield* typed(makePip(layout, call.input.pieceIndex))
      const commD = yield* typed(CommD(BigInt(call.input.sectorSize), pieces))
      return { commD: toHex(commD), pip: pipJson(pip), encoded: toHex(yield* typed(encodePip(pip))) }
    }
    case "verifyPip": {
      const commD = yield* bytes(call.input.commD, "commD")
      return { valid: yield* typed(verifyPip(commD, BigInt(call.input.sectorSize), yield* pipOf(call.input.pip))) }
    }
    case "decodePip": return { pip: pipJson(yield* typed(decodePip(yield* bytes(call.input.bytes, "bytes")))) }
    case "encodeDealMessage": return yield* encodeDealMessageCall(call.input)
    case "decodeDealMessage": return yield* decodeDealMessageCall(call.input.bytes)
    case "sectorIndexing": {
      const size = yield* typed(paddedPieceSize(BigInt(call.input.sectorSize)))
      let s = emptyIndex(size)
      for (const [i, step] of call.input.steps.entries()) {
        let next: Result.Result<SectorIndexingState, { readonly tag: string; readonly message: string }>
        switch (step.action) {
          case "AddToSector": {
            const cid = parseCid(step.pieceCid)
            next = cid === undefined
              ? Result.fail({ tag: "InvalidPieceCid", message: `deal ${step.deal}: ${JSON.stringify(step.pieceCid)} is not a CID` })
              : addToSector(s, { deal: BigInt(step.deal), piece: { pieceCid: cid, size: BigInt(step.size) as PaddedPieceSize } })
            break
          }
          case "PackDealIntoSector":
            next = packDealIntoSector(s, { deal: BigInt(step.deal), sector: BigInt(step.sector), ...(step.offset === undefined ? {} : { offset: BigInt(step.offset) }) })
            break
          case "PackSector":
            next = packSector(s, { sector: BigInt(step.sector) })
            break
        }
        if (Result.isFailure(next)) return yield* Result.fail({ tag: next.failure.tag, message: `step ${i} (${step.action}): ${next.failure.message}` })
        s = next.success
      }
      return indexingStateJson(s)
    }
  }
})
