/**
 * Our adapter: the conformance wire protocol (conformance/README.md) in front of our
 * implementation.  {@link handle} answers one request in process; run as a program
 * (`node dist/conformance/adapter.js`) it reads one JSON request per line on stdin and writes one
 * JSON response per line on stdout, in order, until stdin closes.
 *
 * A message request is decoded into a `VmState`, the message is applied with `applyMessage` at
 * `pre.epoch` (`applyImplicitMessage` when the action is `implicit`), with the circulating supply
 * `pre.network` names, and the state after is encoded back.  An encoding request runs the encoder it names;
 * a function request runs the function it names (`./proofs.ts`) and answers its output or error.
 *
 * @module
 */
import { createInterface } from "node:readline"
import { pathToFileURL } from "node:url"
import { Result, Schema } from "effect"
import { encodeConstructorParams, encodeSignedVoucher, encodeUpdateChannelStateParams, signVoucher, voucherSigningBytes } from "../src/impl/actors/paych/types.js"
import { addressToBytes, idAddress, newActorAddress, newBlsAddress, newSecp256k1Address, type Address } from "../src/impl/address/address.js"
import { keyFromPrivateKey } from "../src/impl/crypto/keys.js"
import { encodeSignature } from "../src/impl/crypto/signature.js"
import { toHex } from "../src/impl/encoding/hex.js"
import { applyImplicitMessage } from "../src/impl/vm/tick.js"
import { applyMessage, DEFAULT_MACHINE } from "../src/impl/vm/vm.js"
import { dealProposalBytes, dealProposalCid } from "../src/impl/actors/market/types.js"
import { decodeDealProposal } from "./storageCodec.js"
import { addr, circulatingSupplyOf, decodeChainState, decodeMessage, decodeVoucher, encodeChainState, encodeReceipt, parseAddr, parseHex } from "./codec.js"
import { callFunction } from "./proofs.js"
import { type EncodingInput, Request, type Response, STRICT } from "./schema.js"

type Output = Readonly<Record<string, string>>

const addressOutput = (a: Result.Result<Address, { readonly message: string }>): Result.Result<Output, string> =>
  Result.mapBoth(a, { onFailure: (e) => e.message, onSuccess: (x) => ({ string: addr(x), bytes: toHex(addressToBytes(x)) }) })

/**
 * The output of an encoding request, by input type (the keys each type answers with are listed in
 * conformance/README.md).
 *
 * @example
 * encode({ type: "IdAddress", id: "1024" }) // => Success({ string: "f01024", bytes: "008008" })
 * @category adapter
 * @since 0.1.0
 */
export const encode = (input: EncodingInput): Result.Result<Output, string> =>
  Result.gen(function* () {
    switch (input.type) {
      case "SignedVoucher": {
        const sv = yield* decodeVoucher(input.voucher)
        return { bytes: toHex(encodeSignedVoucher(sv)), signingBytes: toHex(voucherSigningBytes(sv)) }
      }
      case "SignVoucher": {
        const key = keyFromPrivateKey(input.keyType, yield* parseHex(input.privateKey, "privateKey"))
        const signed = signVoucher(key, yield* decodeVoucher(input.voucher))
        return { signature: toHex(encodeSignature(signed.signature!)), bytes: toHex(encodeSignedVoucher(signed)) }
      }
      case "UpdateChannelStateParams": {
        const sv = yield* decodeVoucher(input.voucher)
        return { bytes: toHex(encodeUpdateChannelStateParams({ sv, secret: yield* parseHex(input.secret, "secret") })) }
      }
      case "ConstructorParams":
        return { bytes: toHex(encodeConstructorParams({ from: yield* parseAddr(input.from, "from"), to: yield* parseAddr(input.to, "to") })) }
      case "IdAddress": return yield* addressOutput(Result.succeed(idAddress(BigInt(input.id))))
      case "Secp256k1Address": return yield* addressOutput(newSecp256k1Address(yield* parseHex(input.publicKey, "publicKey")))
      case "BlsAddress": return yield* addressOutput(newBlsAddress(yield* parseHex(input.publicKey, "publicKey")))
      case "ActorAddress": return yield* addressOutput(Result.succeed(newActorAddress(yield* parseHex(input.data, "data"))))
      case "DealProposal": {
        const p = yield* decodeDealProposal(input.proposal)
        try {
          return { bytes: toHex(dealProposalBytes(p)), cid: dealProposalCid(p).toString() }
        } catch (e) {
          return yield* Result.fail(`proposal: ${e instanceof Error ? e.message : String(e)}`)
        }
      }
    }
  })

/**
 * Answers one request with our implementation.  Never throws: what it cannot run is a `fault`.
 *
 * @example
 * handle({ id: "x", encoding: { type: "IdAddress", id: "1" } }) // => { id: "x", output: { string: "f01", bytes: "0001" } }
 * @category adapter
 * @since 0.1.0
 */
export const handle = (request: Request): Response => {
  const { id } = request
  try {
    if ("encoding" in request) {
      const out = encode(request.encoding)
      return Result.isSuccess(out) ? { id, output: out.success } : { id, fault: out.failure }
    }
    if ("function" in request) {
      const out = callFunction(request)
      return Result.isSuccess(out) ? { id, output: out.success } : { id, error: out.failure }
    }
    const pre = decodeChainState(request.pre)
    if (Result.isFailure(pre)) return { id, fault: `pre: ${pre.failure.reason}: ${pre.failure.message}` }
    const msg = decodeMessage(request.action)
    if (Result.isFailure(msg)) return { id, fault: msg.failure }
    const circulatingSupply = circulatingSupplyOf(request.pre)
    const machine = { ...DEFAULT_MACHINE, circulatingSupply }
    const { vm, receipt } = request.action.implicit === true
      ? applyImplicitMessage(pre.success, msg.success, machine)
      : applyMessage(pre.success, msg.success, machine)
    const supply = request.pre.network.circulatingSupply === undefined ? {} : { circulatingSupply }
    return { id, post: encodeChainState(vm, supply), receipt: encodeReceipt(receipt) }
  } catch (e) {
    return { id, fault: `adapter threw: ${e instanceof Error ? e.message : String(e)}` }
  }
}

const decodeRequest = Schema.decodeUnknownResult(Request, STRICT)

/**
 * Answers one line of the wire protocol with one line (without the newline).
 *
 * @category adapter
 * @since 0.1.0
 */
export const handleLine = (line: string): string => {
  let json: unknown
  try {
    json = JSON.parse(line)
  } catch {
    return JSON.stringify({ id: "", fault: "request is not JSON" })
  }
  const request = decodeRequest(json)
  if (Result.isFailure(request)) {
    const id = typeof json === "object" && json !== null && "id" in json && typeof json.id === "string" ? json.id : ""
    return JSON.stringify({ id, fault: `request does not match the protocol: ${String(request.failure)}` })
  }
  return JSON.stringify(handle(request.success))
}

/** Serves the protocol on stdin/stdout until stdin closes. */
const main = async (): Promise<void> => {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity })
  for await (const line of lines) {
    if (line.trim() === "") continue
    process.stdout.write(handleLine(line) + "\n")
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) void main()
