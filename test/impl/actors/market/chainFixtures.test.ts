import { blake2b } from "@noble/hashes/blake2.js"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { decodePublishStorageDealsParams, encodePublishStorageDealsParams } from "../../../../src/impl/actors/market/params.js"
import {
  dealProposalBytes, dealProposalCid, decodeClientDealProposal, encodeClientDealProposal, totalStorageFee
} from "../../../../src/impl/actors/market/types.js"
import { addressToString } from "../../../../src/impl/address/address.js"
import { verifySignature } from "../../../../src/impl/crypto/keys.js"
import { fromHex, toHex } from "../../../../src/impl/encoding/hex.js"

const hex = (s: string) => Result.getOrThrow(fromHex(s))

// Known answers from mainnet: filecoin-project/test-vectors @ 195bc065973ec35826621823964a5c3cbe5fa56d,
// corpus/extracted/0004-coverage-boost/fil_1_storagemarket/PublishStorageDeals/16/, messages extracted by
// Lotus 0.10.0 ("network:ignition"). The hex below is the message's params, cut at CBOR item boundaries.

/**
 * ext-0004-…-PublishStorageDeals-16-8.json, message bafy2bzaceazpqlsutqmwbgitlz66qekepzddowadywof3d332mwzl2uqazv4c:
 * its one ClientDealProposal `[proposal, signature]` (the params are 81 81 ‖ this).
 */
const CDP_16_8 =
  "828bd82a5828000181e2039220206e30e4b3bc5fffe601ce98aea0df4634ab63f2c04606a183be4d73239906000d1a00020000f45831038931f7db" +
  "4090e4a8c1f124c416dd22cab11e2f0868c06753130de68304e838ed9e4ae5b1cbd6704f71463d6cf4bc410e4300b84e78647b0a09227063696473" +
  "223a205b0a09097b0a090909222f223a20226261666b32627a6163656472336a646a6935376e6464776e71326e796768756363617a697a6f76376f" +
  "723536756733356573357979773363367067647165220a09097d0a095d0a7d0a19a6af1a00097a6c44001e84804040586102828eea7171e8c49ca6" +
  "7129d23f62ec106d00a064f2d8bd36472904171e1c7e3392657214fda2a070e5a29262f110c37803e31b50af68aaa52a21a0bf79a00548b084721f" +
  "8198b4599838fd372230fa82a31c7bd7fc3ba8adaebfdac6349da065"
/** Where the signature begins: 58 61 02 … (bytes(97) = type 02 BLS ‖ 96 bytes) — the proposal is what lies between 82 and it. */
const SIG_AT = CDP_16_8.indexOf("586102")

/** ext-0004-…-PublishStorageDeals-16-1.json, message bafy2bzaceacqgfhaslwkopwrrvch7oukpqddwbwxjpvk6e6qlqloyqsiu3yom: its params. */
const PARAMS_16_1 =
  "8181828bd82a5828000181e2039220204bb3f456affd427c38b1eba9693bc4b7294df1c15ce403edb0550adeaeb59f181a00020000f455016c9778" +
  "2f8f12baf87ce31af3866dd1baefbed9444300a14c7833a165706369647381d82a5827000155a0e40220da879e19c3b605a6682a576ec7bceb31ae" +
  "849b5440bcf6b891c8d7105b7dfd0e19c0bd1a000b7ca14300ee6b4040584201b6743a1280896e5a3a27239fdc03585fddacaa757ee3a40c360fbd" +
  "8de249eaa13496bf7619293ad5f95766a5b7295c3c6153bf33c9b1722740d9231404c1e37100"

describe("a mainnet ClientDealProposal (test-vectors PublishStorageDeals-16-8)", () => {
  const cdp = Result.getOrThrow(decodeClientDealProposal(hex(CDP_16_8)))

  it("decodes to the chain's fields and re-encodes to the same bytes", () => {
    const p = cdp.proposal
    expect(p.pieceSize).toBe(131072n)
    expect(p.verifiedDeal).toBe(false)
    expect(p.client.protocol).toBe(3)
    expect(addressToString(p.provider)).toBe("f010040")
    expect(p.label.kind).toBe("string")
    expect(p.label.value).toMatch(/^\{\n\t"pcids": \[/)
    // start 0xa6af, end 0x097a6c, price 0x1e8480 (2 000 000), collaterals 0
    expect([p.startEpoch, p.endEpoch, p.storagePricePerEpoch, p.providerCollateral, p.clientCollateral]).toEqual([42671n, 621164n, 2_000_000n, 0n, 0n])
    expect(totalStorageFee(p)).toBe(2_000_000n * (621164n - 42671n))
    expect(cdp.clientSignature.type).toBe(2)
    expect(toHex(encodeClientDealProposal(cdp))).toBe(CDP_16_8)
  })

  it("our proposal bytes are exactly the bytes the client signed: its BLS signature verifies over them, not over others", () => {
    const bytes = dealProposalBytes(cdp.proposal)
    expect(toHex(bytes)).toBe(CDP_16_8.slice(2, SIG_AT))
    expect(verifySignature(cdp.clientSignature, cdp.proposal.client, bytes)).toBe(true)
    expect(verifySignature(cdp.clientSignature, cdp.proposal.client, dealProposalBytes({ ...cdp.proposal, storagePricePerEpoch: 2_000_001n }))).toBe(false)
  })

  it("its CID is CIDv1 dag-cbor blake2b-256 of those bytes (digest by @noble/hashes); the params re-encode byte-exact", () => {
    expect(toHex(dealProposalCid(cdp.proposal).bytes)).toBe("0171a0e40220" + toHex(blake2b(hex(CDP_16_8.slice(2, SIG_AT)), { dkLen: 32 })))
    const params = Result.getOrThrow(decodePublishStorageDealsParams(hex("8181" + CDP_16_8)))
    expect(toHex(encodePublishStorageDealsParams(params))).toBe("8181" + CDP_16_8)
  })
})

describe("a mainnet proposal from before actors v8 (test-vectors PublishStorageDeals-16-1)", () => {
  it("its label is a text string of bytes that are not UTF-8 (78 33 a1 65 …), which the v8+ decoder refuses", () => {
    // the label: text(51) whose bytes are the CBOR map {"pcids": [CID]} (a1 65 'pcids' 81 d8 2a …), 0xa1 not valid UTF-8
    expect(PARAMS_16_1).toContain("7833a1657063696473")
    const e = decodePublishStorageDealsParams(hex(PARAMS_16_1))
    expect(Result.isFailure(e) && e.failure._tag).toBe("MalformedParams")
  })
})
