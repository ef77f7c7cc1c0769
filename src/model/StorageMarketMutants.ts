/**
 * The deliberately broken variants of the storage market (TLA+ constant `Mutant` of
 * `spec/tla/StorageMarket.tla`), each with the invariant or action property that must catch it.
 * The test suite explores each with the TypeScript explorer over its TLC configuration
 * (`spec/tla/MCStorageMarket_Mutant_<Name>.cfg`) and expects exactly the violation TLC reported.
 *
 * @module
 */
import type { Claim } from "./StorageMarketInvariants.js"

/**
 * Each mutant: the claim it breaks, and the bug it is.
 *
 * @category invariants
 * @since 0.3.0
 */
export const Mutants = {
  Overdraw: { breaks: "TypeOK", doc: "AddBalance does not check that the sender can pay" },
  PenaltyNotBurnt: { breaks: "EscrowConserved", doc: "a missed activation takes the provider's collateral out of escrow without sending it to the burnt-funds account" },
  WithdrawIgnoresLocked: { breaks: "LockedWithinBalance", doc: "WithdrawBalance pays out locked funds too" },
  TimeoutKeepsClientLocked: { breaks: "LockedMatchesDeals", doc: "a missed activation does not unlock the client's fee and collateral" },
  TimeoutPaysProvider: { breaks: "NoPaymentBeforeActivation", doc: "a missed activation pays the provider the fee time would have earned" },
  TerminateKeepsDeal: { breaks: "NoPaymentAfterSlash", doc: "OnMinerSectorsTerminate slashes a deal but does not delete it, so it is settled again" },
  VoucherUncapped: { breaks: "PaidAtMostTotalPrice", doc: "RedeemVoucher does not cap the amount at the deal's total price" },
  RemoveProposalOnly: { breaks: "OnlyPublishedDealsActivate", doc: "completing a deal deletes its proposal but not its deal state" },
  SkipVoucherAmountCheck: { breaks: "NoDoubleRedemption", doc: "RedeemVoucher does not check the amount against what the deal has paid" },
  SkipSignatureCheck: { breaks: "ClientChargedOnlyForSigned", doc: "PublishStorageDeals does not authenticate the client's signature" },
  PayWholeVoucher: { breaks: "PaidWithinVouchersAndTime", doc: "RedeemVoucher pays the voucher's whole amount, not the difference to what the deal has paid" },
  SkipVoucherSignatureCheck: { breaks: "PaidWithinVouchersAndTime", doc: "RedeemVoucher does not authenticate the client's signature on the voucher" }
} as const satisfies Record<string, { readonly breaks: Claim; readonly doc: string }>

/** TLA+ `Mutant`: "None" (the actor as it is) or a broken variant. */
export type Mutant = "None" | keyof typeof Mutants
