/**
 * Test helper: inputs with no StorageMarket model counterpart — params that do not decode, a
 * voucher for another channel, party messages that are not messages, a proposal for another
 * provider — each refused with nothing changed but the sender's nonce.
 */
import { Result } from "effect"
import { expect } from "vitest"
import { MarketMethod } from "../../src/impl/actors/market/index.js"
import { encodePublishStorageDealsParams, encodeRedeemVoucherParams } from "../../src/impl/actors/market/params.js"
import type { Address } from "../../src/impl/address/interface.js"
import { type ClientState, clientStep } from "../../src/impl/parties/client/index.js"
import { encodeMessage } from "../../src/impl/parties/messages.js"
import { type ProviderState, providerStep } from "../../src/impl/parties/provider/index.js"
import { ExitCode } from "../../src/impl/vm/exitcode.js"
import type { VmState } from "../../src/impl/vm/interface.js"
import { send } from "../../src/impl/vm/vm.js"
import {
  clientDealProposal, concretePip, dealProposal, DIRECT, MARKET, marketVoucher, type MarketWorld, pieceRef, signDealProposal, signVoucher,
  withNonceBumped
} from "./_concretizeMarket.js"

/** Inputs with no model counterpart. */
export type Malformed =
  | { readonly kind: "garbage"; readonly target: "Publish" | "Redeem" | "Withdraw" | "Settle" | "AddBalance"; readonly bytes: Uint8Array }
  | { readonly kind: "truncatedPublish"; readonly cut: number }
  | { readonly kind: "voucherNotForMarket" }
  | { readonly kind: "partyGarbage"; readonly toProvider: boolean; readonly bytes: Uint8Array }
  | { readonly kind: "proposalForAnotherProvider" }

/** An input with no model counterpart: refused, nothing changed (but the sender's nonce), the model not consulted. */
export const malformedStep = (r: { readonly w: MarketWorld; vm: VmState; readonly client: ClientState; readonly provider: ProviderState }, bad: Malformed): void => {
  const { w } = r
  const refused = (message: { readonly from: Address; readonly to: Address; readonly method: bigint; readonly params: Uint8Array }, want: { tag: string; exitCode: number }) => {
    const applied = send(r.vm, { ...message, value: 0n })
    expect({ tag: applied.receipt.tag, exitCode: applied.receipt.exitCode }, `${bad.kind}: ${applied.receipt.message}`).toEqual(want)
    expect(applied.vm).toEqual(withNonceBumped(r.vm, message.from))
    r.vm = applied.vm
  }
  const malformedParams = { tag: "MalformedParams", exitCode: ExitCode.USR_SERIALIZATION }
  const p = { piece: "P1", start: 1, end: 2, price: 1n, clientCollateral: 0n, providerCollateral: 1n } as const
  switch (bad.kind) {
    case "garbage": {
      // 0xff (a CBOR "break" where an item must start) never decodes
      const params = Uint8Array.of(0xff, ...bad.bytes)
      const [from, method] = {
        Publish: [w.worker.address, MarketMethod.PublishStorageDeals], Redeem: [w.worker.address, MarketMethod.RedeemVoucherExported],
        Withdraw: [w.client.address, MarketMethod.WithdrawBalance], Settle: [w.stranger.address, MarketMethod.SettleDealPaymentsExported],
        AddBalance: [w.client.address, MarketMethod.AddBalance]
      }[bad.target] as [Address, bigint]
      return refused({ from, to: MARKET, method, params }, malformedParams)
    }
    case "truncatedPublish": {
      const full = encodePublishStorageDealsParams([clientDealProposal(w, p, "Client", "Valid", DIRECT)])
      return refused({ from: w.worker.address, to: MARKET, method: MarketMethod.PublishStorageDeals, params: full.slice(0, 1 + (bad.cut % (full.length - 1))) }, malformedParams)
    }
    case "voucherNotForMarket": {
      const voucher = signVoucher(w.client, { ...marketVoucher(0, 1n), channelAddr: w.client.address })
      return refused({
        from: w.worker.address, to: MARKET, method: MarketMethod.RedeemVoucherExported,
        params: encodeRedeemVoucherParams({ voucher, pip: concretePip({ piece: "P1", sector: 1 }) })
      }, { tag: "VoucherForMarket", exitCode: ExitCode.USR_ILLEGAL_ARGUMENT })
    }
    case "partyGarbage": {
      const bytes = Uint8Array.of(0xff, ...bad.bytes)
      const tag = bad.toProvider
        ? Result.match(providerStep(r.provider, { _tag: "Receive", envelope: { from: w.client.address, to: w.miner, bytes } }), { onSuccess: () => "accepted", onFailure: (e) => e.tag })
        : Result.match(clientStep(r.client, { _tag: "Receive", envelope: { from: w.miner, to: w.client.address, bytes } }), { onSuccess: () => "accepted", onFailure: (e) => e.tag })
      expect(tag).toBe("MalformedMessage")
      return
    }
    case "proposalForAnotherProvider": {
      const proposal = signDealProposal(w.client, { ...dealProposal(w, p), provider: w.otherMiner })
      const out = providerStep(r.provider, { _tag: "Receive", envelope: { from: w.client.address, to: w.miner, bytes: encodeMessage({ _tag: "DealProposal", proposal, piece: pieceRef(p) }, null) } })
      expect(Result.isFailure(out) && out.failure.tag).toBe("WrongProvider")
      return
    }
  }
}
