/**
 * Shared setup of the parties' tests: deterministic keys, a real piece (its CommP computed by
 * src/proofs), deal terms the default policy accepts, and a client and provider that know each
 * other.
 */
import { Result } from "effect"
import { idAddress } from "../../../src/impl/address/address.js"
import { labelFromString } from "../../../src/impl/actors/market/types.js"
import { keyFromSeed } from "../../../src/impl/crypto/keys.js"
import { SigType } from "../../../src/impl/crypto/signature.js"
import { type ClientInput, type ClientState, clientStep, type DealTerms, initialClient } from "../../../src/impl/parties/client/index.js"
import type { PieceRef } from "../../../src/impl/parties/interface.js"
import { initialProvider, type ProviderState } from "../../../src/impl/parties/provider/index.js"
import { DEFAULT_POLICY } from "../../../src/impl/parties/provider/policy.js"
import { CommP } from "../../../src/proofs/commp.js"
import { pieceCommitmentV1ToCID } from "../../../src/proofs/piececid.js"

export const clientKey = keyFromSeed(SigType.Secp256k1, "parties test client")
export const workerKey = keyFromSeed(SigType.Secp256k1, "parties test worker")
export const strangerKey = keyFromSeed(SigType.Secp256k1, "parties test stranger")
export const blsClientKey = keyFromSeed(SigType.BLS, "parties test bls client")
/** The provider's miner actor. */
export const miner = idAddress(1000n)
export const otherMiner = idAddress(1001n)

const payload = new TextEncoder().encode("the piece a client stores with a provider, 1 KiB or so. ".repeat(18))
const commP = CommP(payload)
export const piece: PieceRef = { pieceCid: Result.getOrThrow(pieceCommitmentV1ToCID(commP.commP)), payloadSize: commP.payloadSize }
export const pieceSize = commP.size

/** Terms the default policy accepts at epoch 0. */
export const terms: DealTerms = {
  pieceSize, label: labelFromString("parties"), startEpoch: 10_000n, endEpoch: 10_000n + 600_000n,
  storagePricePerEpoch: 1000n, providerCollateral: 0n, clientCollateral: 0n
}

export const propose = (t: Partial<DealTerms> = {}): Extract<ClientInput, { _tag: "ProposeDeal" }> => ({
  _tag: "ProposeDeal", provider: miner, providerWorker: workerKey.address, piece, terms: { ...terms, ...t }
})

export const freshClient = (): ClientState => initialClient(clientKey)
export const freshProvider = (): ProviderState => initialProvider(miner, workerKey, DEFAULT_POLICY)

/** The client after proposing `t`, and the envelope it sent. */
export const proposed = (t: Partial<DealTerms> = {}, client: ClientState = freshClient()) => {
  const st = Result.getOrThrow(clientStep(client, propose(t)))
  return { client: st.state, envelope: st.outbox[0]! }
}

export const failureOf = <A, E>(r: Result.Result<A, E>): E => {
  if (Result.isSuccess(r)) throw new Error("expected a failure")
  return r.failure
}
