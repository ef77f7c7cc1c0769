--------------------------- MODULE StorageMarket ----------------------------
(***************************************************************************)
(* The seed's StorageDealMake and the on-chain market it ends in: one      *)
(* client and one provider negotiate deals off chain, and the              *)
(* StorageMarketActor of filecoin-project/builtin-actors v18.0.0           *)
(* (actors/market/src/lib.rs, state.rs, deal.rs, policy.rs) holds their    *)
(* escrow, publishes the deals, activates them when the sector holding     *)
(* them is proven, pays the provider per epoch, unlocks collateral at the  *)
(* end, burns the provider's collateral on a missed activation or an early *)
(* termination -- and redeems the seed's RedeemVoucher(Voucher, PIP),      *)
(* which production Filecoin never built.                                   *)
(*                                                                         *)
(* RedeemVoucher(Voucher, PIP) at the StorageMarketActor, as defined here. *)
(* The voucher is the client's signed promise to pay for one deal: it     *)
(* names the deal and a cumulative amount (what the client agrees the      *)
(* provider has earned on the deal so far, by any route).  The PIP is a    *)
(* piece inclusion proof: it proves that the deal's PieceCID is a piece    *)
(* of the data commitment (CommD, the unsealed CID) of the sector the deal *)
(* is active in -- the commitment the market itself computed from the      *)
(* deal pieces when the sector was activated.  The market checks, in this  *)
(* order: the deal exists; the caller is the deal's provider; the client  *)
(* of the deal signed the voucher; the deal is active (activated and not   *)
(* terminated -- v18 deletes a terminated deal at once); the PIP is for    *)
(* the deal's piece and for the deal's sector; the amount is above what    *)
(* the deal has already paid; the amount is at most the deal's total      *)
(* price.  It then pays the difference (amount - paid) from the client's   *)
(* locked storage fee to the provider's escrow.  Vouchers and time-based   *)
(* settlement share one counter per deal (`paid`): settlement later pays   *)
(* only what time has earned beyond what is already paid, and completion   *)
(* or termination unlocks what is left.  So a voucher lets the provider    *)
(* collect early, with the client's consent and a proof that the data is  *)
(* in a proven sector, but never more than the deal's price, never twice,  *)
(* and never from funds other than the deal's own locked fee.  It is the   *)
(* early payment-channel design (specs-actors v0.x: a voucher's `extra`   *)
(* names an actor and method the channel calls with the redeemer's        *)
(* `proof`; removed in actors v2) with the market as that actor and the   *)
(* PIP as the proof; because the money already sits in the market's       *)
(* escrow, the market checks the proof itself and no channel is needed.    *)
(* The seed's other route (the client checks the PIP and signs a voucher   *)
(* on a payment channel) is the PaymentChannel module; the two draw on     *)
(* different funds and do not interact.                                    *)
(*                                                                         *)
(* Modelled: the chain (Chain: one clock, one ledger; the Market's FIL     *)
(* balance holds all escrow; slashed collateral goes to Burnt), escrow and *)
(* locked balances, proposals, deal states, the pending-proposal set, the  *)
(* deal-id counter, and the negotiation: the client signs and sends a      *)
(* proposal, the provider accepts or rejects it by its policy (abstract:   *)
(* either answer) and publishes only what it accepted.  Ghost variables    *)
(* record what the parties authorised -- the proposals the client signed,  *)
(* the highest voucher it signed per deal -- and each deal's history       *)
(* (activated, slashed when, paid in total), which survives the deal's    *)
(* deletion; the invariants are stated against them.                      *)
(*                                                                         *)
(* Every check the actor makes is an enabling conjunct, a named operator,  *)
(* in the actor's order.  A method called with a batch holds one deal     *)
(* here.  Abstracted: cryptography (a signature is the client's or         *)
(* forged), byte encodings, addresses (one client, one provider, another  *)
(* miner as a stranger), the policy bounds and well-formedness checks of   *)
(* a proposal (one argument: Valid or Malformed), sector expiration (every *)
(* sector outlives its deals), verified deals, and the cron schedule:     *)
(* cron reaches a deal at some epoch from its start on (builtin-actors     *)
(* schedules it at next_update_epoch, at or after the start).  The         *)
(* constant Mutant selects a deliberately broken variant ("None": the     *)
(* actor as it is), so the test suite can show every invariant failing.   *)
(***************************************************************************)
EXTENDS Chain

CONSTANTS
    ClientFunds,          \* the client's wallet before anything happens
    ProviderFunds,        \* the provider's (owner's) wallet before anything happens
    Pieces,               \* abstract piece CIDs of proposals: a subset of {"P1", "P2"}
    ProofPieces,          \* the pieces a presented PIP may prove: a subset of {"P1", "P2"}
    Starts,               \* proposal start epochs
    Ends,                 \* proposal end epochs (may be <= start, to exercise that check)
    Prices,               \* storage prices per epoch
    ClientCollaterals,    \* proposal client collaterals
    ProviderCollaterals,  \* proposal provider collaterals
    Sectors,              \* the provider's sector numbers
    MaxDeals,             \* the model's bound on deal ids (no on-chain counterpart)
    Callers,              \* who sends a message: a subset of {"Client", "Provider", "OtherMiner"}
    Signatures,           \* a proposal's signature: a subset of {"Client", "Forged"}
    Forms,                \* a proposal's shape: a subset of {"Valid", "Malformed"}
    VoucherAmounts,       \* cumulative voucher amounts
    VoucherSigners,       \* who signed a voucher: a subset of {"Client", "Forged"}
    AddAmounts,           \* amounts a party adds to its escrow
    WithdrawAmounts,      \* amounts a party asks to withdraw (may be negative)
    Mutant                \* "None", or the name of a deliberately broken variant

(* The broken variants, each guarded where it changes the actor; the test *)
(* suite checks that each breaks the invariant or property named beside   *)
(* it in src/model/StorageMarketMutants.ts.                                *)
Mutants == { "None", "Overdraw", "PenaltyNotBurnt", "WithdrawIgnoresLocked",
             "TimeoutKeepsClientLocked", "TimeoutPaysProvider", "TerminateKeepsDeal",
             "VoucherUncapped", "RemoveProposalOnly", "SkipVoucherAmountCheck",
             "SkipSignatureCheck", "PayWholeVoucher", "SkipVoucherSignatureCheck" }

Parties == {"Client", "Provider"}
DealIds == 0 .. (MaxDeals - 1)
NoEpoch == -1

ASSUME /\ Accounts = {"Client", "Provider", "Market", "Burnt"}
       /\ MaxEpoch \in Nat /\ ClientFunds \in Nat /\ ProviderFunds \in Nat
       /\ Pieces \subseteq {"P1", "P2"} /\ ProofPieces \subseteq {"P1", "P2"} /\ Starts \subseteq Nat /\ Ends \subseteq Nat
       /\ Prices \subseteq Nat /\ ClientCollaterals \subseteq Nat /\ ProviderCollaterals \subseteq Nat
       /\ Sectors \subseteq Nat /\ MaxDeals \in Nat
       /\ Callers \subseteq {"Client", "Provider", "OtherMiner"}
       /\ Signatures \subseteq {"Client", "Forged"} /\ Forms \subseteq {"Valid", "Malformed"}
       /\ VoucherAmounts \subseteq Nat /\ VoucherSigners \subseteq {"Client", "Forged"}
       /\ AddAmounts \subseteq Nat /\ WithdrawAmounts \subseteq Int
       /\ Mutant \in Mutants

VARIABLES
    escrow,          \* party -> its escrow balance (escrow_table)
    locked,          \* party -> the part of it locked by deals (locked_table)
    proposals,       \* deal id -> proposal, for the deals that exist (DealProposals)
    dealStates,      \* deal id -> [sector, updated, paid], for the activated deals (DealStates)
    pending,         \* the proposals published and not yet processed (PendingProposals)
    nextId,          \* the next deal id
    signed,          \* the proposals the client signed and sent (negotiation; ghost for safety)
    decisions,       \* proposal -> "Accepted" or "Rejected": the provider's answers
    vouchersSigned,  \* ghost: deal id -> the highest cumulative amount the client signed a voucher for
    redemptions,     \* ghost: voucher [deal, amount] -> how often it was redeemed
    dealLog          \* ghost: deal id -> [proposal, activated, slashedAt, paid], never deleted

marketVars == << escrow, locked, proposals, dealStates, pending, nextId >>
ghostVars == << signed, decisions, vouchersSigned, redemptions, dealLog >>
vars == << chainVars, marketVars, ghostVars >>

-----------------------------------------------------------------------------
(***************************************************************************)
(* Values and helpers.                                                     *)
(***************************************************************************)
Max(a, b) == IF a >= b THEN a ELSE b
Min(a, b) == IF a <= b THEN a ELSE b

Proposal == [ piece : Pieces, start : Starts, end : Ends, price : Prices,
              clientCollateral : ClientCollaterals, providerCollateral : ProviderCollaterals ]

Voucher == [ deal : DealIds, amount : VoucherAmounts, signer : VoucherSigners ]

Pip == [ piece : ProofPieces, sector : Sectors ]

DealState == [ sector : Sectors, updated : BOOLEAN, paid : Nat ]

LogEntry == [ proposal : Proposal, activated : BOOLEAN, slashedAt : Nat \cup {NoEpoch}, paid : Nat ]

(* total_storage_fee: the price over the whole deal. *)
TotalPrice(p) == p.price * (p.end - p.start)

(* client_balance_requirement: what publishing locks of the client. *)
ClientLock(p) == TotalPrice(p) + p.clientCollateral

(* What time has earned the provider on proposal p by epoch e: the price  *)
(* per epoch from the start to e, capped at the end.                       *)
Earned(p, e) == IF e <= p.start THEN 0 ELSE p.price * (Min(e, p.end) - p.start)

(* f with k mapped to v (k in its domain or not), and f without k. *)
Put(f, k, v) == [x \in DOMAIN f \cup {k} |-> IF x = k THEN v ELSE f[x]]
Drop(f, k) == [x \in DOMAIN f \ {k} |-> f[x]]

(* Escrow and locked balances after the client pays `amount` of its locked *)
(* storage fee to the provider (transfer_balance).                         *)
PayEscrow(e, amount) == [e EXCEPT !["Client"] = @ - amount, !["Provider"] = @ + amount]

(* The highest amount the client signed a voucher for on deal d (0: none). *)
VoucherAuthorised(d) == IF d \in DOMAIN vouchersSigned THEN vouchersSigned[d] ELSE 0

(* How often voucher v was redeemed. *)
Redeemed(v) == IF v \in DOMAIN redemptions THEN redemptions[v] ELSE 0

(* The deals a termination of sector s by `caller` slashes: the caller's  *)
(* deals active in it whose end has not passed (deals past their end are  *)
(* left to settle).  Only "Provider" has deals.                            *)
Slashable(s, caller) ==
    IF caller = "Provider"
    THEN { d \in DOMAIN dealStates : dealStates[d].sector = s /\ epoch < proposals[d].end }
    ELSE {}

(* What a terminated deal d pays the provider: what time earned up to now  *)
(* beyond what is paid already.                                            *)
SlashPay(d) == Max(0, Earned(proposals[d], epoch) - dealStates[d].paid)

(* What settling active deal d pays the provider now. *)
SettlePay(d) == Max(0, Earned(proposals[d], epoch) - dealStates[d].paid)

(***************************************************************************)
(* Which messages the environment presents.  The provider publishes, with  *)
(* the client's signature, only proposals it accepted (it can republish    *)
(* one later: v18 allows it once the first is no longer pending, which a   *)
(* settlement before the start achieves; builtin-actors pull request #1781 *)
(* (FIP-0118) keeps a proposal pending through its start epoch);           *)
(* a forged signature is always presented, the bad input the actor must    *)
(* reject.  A voucher signed by the client is within what it signed for   *)
(* the deal (a lower cumulative amount is one it signed earlier, as in     *)
(* PaymentChannel).  Not checks of the actor, so not conjuncts.            *)
(***************************************************************************)
PublishPresentable(p, sig) ==
    IF sig = "Client" THEN p \in DOMAIN decisions /\ decisions[p] = "Accepted" ELSE TRUE

VoucherPresentable(v) ==
    IF v.signer = "Client" THEN v.amount <= VoucherAuthorised(v.deal) ELSE TRUE

-----------------------------------------------------------------------------
(***************************************************************************)
(* Enabling conditions, one operator per check.  A check with two cases is *)
(* written IF-THEN-ELSE, not as a disjunction: TLC splits a disjunction    *)
(* inside an action into two successors when both hold (see               *)
(* PaymentChannel.tla).                                                    *)
(***************************************************************************)
\* negotiation (off chain)
NotYetProposed(p) == p \notin signed
ProposalReceived(p) == p \in signed
NotYetAnswered(p) == p \notin DOMAIN decisions
DealOfClient(d) == d \in DOMAIN dealLog /\ dealLog[d].proposal \in signed
VoucherRaises(d, a) == a > VoucherAuthorised(d)
\* escrow
SenderCanPay(who, amount) ==
    IF Mutant = "Overdraw" THEN TRUE                      \* broken: no funds check
    ELSE CanPay(who, amount)
AmountPositive(amount) == amount > 0
AmountNonNegative(amount) == amount >= 0
CallerIsRecipient(who, caller) == caller = who
\* PublishStorageDeals
CallerControlsProvider(caller) == caller = "Provider"
ProposalSignedByClient(sig) ==
    IF Mutant = "SkipSignatureCheck" THEN TRUE            \* broken: no AuthenticateMessage
    ELSE sig = "Client"
ProposalWellFormed(form) == form = "Valid"
EndAfterStart(p) == p.end > p.start
StartNotElapsed(p) == epoch <= p.start
ClientBalanceCovered(p) == locked["Client"] + ClientLock(p) <= escrow["Client"]
ProviderBalanceCovered(p) == locked["Provider"] + p.providerCollateral <= escrow["Provider"]
NotPendingDuplicate(p) == p \notin pending
DealIdsLeft == nextId < MaxDeals
\* BatchActivateDeals (preactivate_deal) and the miner-only methods
CallerIsMiner(caller) == caller \in {"Provider", "OtherMiner"}
DealPublished(d) == d \in DOMAIN proposals
CallerIsDealProvider(caller) == caller = "Provider"
StartNotPassed(d) == epoch <= proposals[d].start
NotYetActivated(d) == d \notin DOMAIN dealStates
DealPending(d) == proposals[d] \in pending
\* SettleDealPayments and CronTick
SettlementDue(d) == IF d \in DOMAIN dealStates THEN TRUE ELSE epoch >= proposals[d].start
StartReached(d) == epoch >= proposals[d].start
(* Cron still has an entry for d: an activated deal cron took out of the   *)
(* pending set before any settlement is not scheduled again.               *)
CronScheduled(d) ==
    IF d \in DOMAIN dealStates
    THEN IF dealStates[d].updated THEN TRUE ELSE proposals[d] \in pending
    ELSE TRUE
\* RedeemVoucher
DealExists(v) == v.deal \in DOMAIN proposals
VoucherSignedByClient(v) ==
    IF Mutant = "SkipVoucherSignatureCheck" THEN TRUE     \* broken: no AuthenticateMessage
    ELSE v.signer = "Client"
DealActive(v) == v.deal \in DOMAIN dealStates
PipForDealPiece(v, pip) == pip.piece = proposals[v.deal].piece
PipForDealSector(v, pip) == pip.sector = dealStates[v.deal].sector
VoucherAbovePaid(v) ==
    IF Mutant = "SkipVoucherAmountCheck" THEN TRUE        \* broken: no check against paid
    ELSE v.amount > dealStates[v.deal].paid
VoucherWithinTotalPrice(v) ==
    IF Mutant = "VoucherUncapped" THEN TRUE               \* broken: no cap
    ELSE v.amount <= TotalPrice(proposals[v.deal])

-----------------------------------------------------------------------------
TypeOK ==
    /\ ChainTypeOK
    /\ DOMAIN escrow = Parties /\ \A x \in Parties : escrow[x] \in Nat
    /\ DOMAIN locked = Parties /\ \A x \in Parties : locked[x] \in Nat
    /\ DOMAIN proposals \subseteq DealIds /\ \A d \in DOMAIN proposals : proposals[d] \in Proposal
    /\ DOMAIN dealStates \subseteq DealIds /\ \A d \in DOMAIN dealStates : dealStates[d] \in DealState
    /\ pending \subseteq Proposal
    /\ nextId \in 0 .. MaxDeals
    /\ signed \subseteq Proposal
    /\ DOMAIN decisions \subseteq Proposal
    /\ \A p \in DOMAIN decisions : decisions[p] \in {"Accepted", "Rejected"}
    /\ DOMAIN vouchersSigned \subseteq DealIds /\ \A d \in DOMAIN vouchersSigned : vouchersSigned[d] \in Nat
    /\ \A v \in DOMAIN redemptions : redemptions[v] \in Nat
    /\ DOMAIN dealLog \subseteq DealIds /\ \A d \in DOMAIN dealLog : dealLog[d] \in LogEntry

(***************************************************************************)
(* Just after genesis: the parties hold their funds, the market is empty,  *)
(* nothing is signed.                                                      *)
(***************************************************************************)
Init ==
    /\ ChainInit([a \in Accounts |->
                    IF a = "Client" THEN ClientFunds
                    ELSE IF a = "Provider" THEN ProviderFunds ELSE 0])
    /\ escrow = [x \in Parties |-> 0]
    /\ locked = [x \in Parties |-> 0]
    /\ proposals = [d \in {} |-> 0]
    /\ dealStates = [d \in {} |-> 0]
    /\ pending = {}
    /\ nextId = 0
    /\ signed = {}
    /\ decisions = [p \in {} |-> "Accepted"]
    /\ vouchersSigned = [d \in {} |-> 0]
    /\ redemptions = [v \in {} |-> 0]
    /\ dealLog = [d \in {} |-> 0]

-----------------------------------------------------------------------------
(***************************************************************************)
(* The client signs proposal p and sends it to the provider (the seed's    *)
(* DealProposal: a signed ClientDealProposal for its Piece/PieceCID).      *)
(***************************************************************************)
ProposeDeal(p) ==
    /\ NotYetProposed(p)
    /\ signed' = signed \cup {p}
    /\ UNCHANGED << chainVars, marketVars, decisions, vouchersSigned, redemptions, dealLog >>

(***************************************************************************)
(* The provider answers a proposal it received by its acceptance policy    *)
(* (abstract here: either answer): the seed's DealResponse.                *)
(***************************************************************************)
RespondToProposal(p, accept) ==
    /\ ProposalReceived(p)
    /\ NotYetAnswered(p)
    /\ decisions' = Put(decisions, p, IF accept THEN "Accepted" ELSE "Rejected")
    /\ UNCHANGED << chainVars, marketVars, signed, vouchersSigned, redemptions, dealLog >>

(***************************************************************************)
(* AddBalance (method 2): `who` sends `amount` to the market, credited to  *)
(* its escrow.  The VM moves the value before the method runs, so the      *)
(* sender's funds are checked first.                                        *)
(***************************************************************************)
AddBalance(who, amount) ==
    /\ SenderCanPay(who, amount)
    /\ AmountPositive(amount)
    /\ balance' = Transfer(balance, who, "Market", amount)
    /\ escrow' = [escrow EXCEPT ![who] = @ + amount]
    /\ UNCHANGED << epoch, locked, proposals, dealStates, pending, nextId, ghostVars >>

(***************************************************************************)
(* WithdrawBalance (method 3): the party's recipient withdraws at most its *)
(* unlocked escrow (subtract_with_minimum: min(amount, escrow - locked)).  *)
(***************************************************************************)
Withdrawn(who, amount) ==
    IF Mutant = "WithdrawIgnoresLocked" THEN Min(amount, escrow[who])   \* broken
    ELSE Min(amount, Max(0, escrow[who] - locked[who]))

WithdrawBalance(who, caller, amount) ==
    /\ AmountNonNegative(amount)
    /\ CallerIsRecipient(who, caller)
    /\ LET x == Withdrawn(who, amount)
       IN  /\ balance' = Transfer(balance, "Market", who, x)
           /\ escrow' = [escrow EXCEPT ![who] = @ - x]
    /\ UNCHANGED << epoch, locked, proposals, dealStates, pending, nextId, ghostVars >>

(***************************************************************************)
(* PublishStorageDeals (method 4) with one deal: proposal p with signature *)
(* sig and shape form, sent by caller.  Locks the client's total price and *)
(* collateral and the provider's collateral; the deal gets id nextId and   *)
(* its proposal joins the pending set.                                      *)
(***************************************************************************)
PublishStorageDeals(p, sig, form, caller) ==
    /\ CallerControlsProvider(caller)
    /\ ProposalSignedByClient(sig)
    /\ ProposalWellFormed(form)
    /\ EndAfterStart(p)
    /\ StartNotElapsed(p)
    /\ ClientBalanceCovered(p)
    /\ ProviderBalanceCovered(p)
    /\ NotPendingDuplicate(p)
    /\ DealIdsLeft
    /\ locked' = [locked EXCEPT !["Client"] = @ + ClientLock(p), !["Provider"] = @ + p.providerCollateral]
    /\ proposals' = Put(proposals, nextId, p)
    /\ pending' = pending \cup {p}
    /\ nextId' = nextId + 1
    /\ dealLog' = Put(dealLog, nextId, [proposal |-> p, activated |-> FALSE, slashedAt |-> NoEpoch, paid |-> 0])
    /\ UNCHANGED << chainVars, escrow, dealStates, signed, decisions, vouchersSigned, redemptions >>

(***************************************************************************)
(* BatchActivateDeals (method 6) with one sector holding one deal: the     *)
(* provider's miner activates deal d in sector s once the sector is proven *)
(* (the miner module is the environment here).                             *)
(***************************************************************************)
ActivateDeals(d, s, caller) ==
    /\ CallerIsMiner(caller)
    /\ DealPublished(d)
    /\ CallerIsDealProvider(caller)
    /\ StartNotPassed(d)
    /\ NotYetActivated(d)
    /\ DealPending(d)
    /\ dealStates' = Put(dealStates, d, [sector |-> s, updated |-> FALSE, paid |-> 0])
    /\ dealLog' = [dealLog EXCEPT ![d].activated = TRUE]
    /\ UNCHANGED << chainVars, escrow, locked, proposals, pending, nextId, signed, decisions,
                    vouchersSigned, redemptions >>

(***************************************************************************)
(* A published deal not activated by its start epoch times out            *)
(* (process_deal_init_timed_out): the client's lock is released, the      *)
(* provider's collateral is burnt, the proposal is deleted.                *)
(***************************************************************************)
TimeoutPay(d) ==
    IF Mutant = "TimeoutPaysProvider" THEN Earned(proposals[d], epoch) ELSE 0   \* broken

TimeOut(d) ==
    LET p == proposals[d]
        pay == TimeoutPay(d)
        unlock == IF Mutant = "TimeoutKeepsClientLocked" THEN 0 ELSE ClientLock(p)   \* broken
        burn == IF Mutant = "PenaltyNotBurnt" THEN 0 ELSE p.providerCollateral       \* broken
    IN  /\ escrow' = [escrow EXCEPT !["Client"] = @ - pay,
                                    !["Provider"] = @ + pay - p.providerCollateral]
        /\ locked' = [locked EXCEPT !["Client"] = @ - unlock, !["Provider"] = @ - p.providerCollateral]
        /\ balance' = Transfer(balance, "Market", "Burnt", burn)
        /\ proposals' = Drop(proposals, d)
        /\ pending' = pending \ {p}
        /\ dealLog' = [dealLog EXCEPT ![d].paid = @ + pay]
        /\ UNCHANGED << epoch, dealStates, nextId, signed, decisions, vouchersSigned, redemptions >>

(***************************************************************************)
(* An active deal is settled (process_deal_update): the provider is paid   *)
(* what time has earned beyond what is paid already; at or after its end  *)
(* the deal completes (process_deal_expired: both collaterals unlocked,    *)
(* and whatever is left of the client's fee) and is deleted.               *)
(***************************************************************************)
Settle(d) ==
    LET p == proposals[d]
        st == dealStates[d]
        pay == SettlePay(d)
        unpend == IF st.updated THEN pending ELSE pending \ {p}
    IN  /\ escrow' = PayEscrow(escrow, pay)
        /\ pending' = unpend
        /\ dealLog' = [dealLog EXCEPT ![d].paid = @ + pay]
        /\ IF epoch >= p.end
           THEN /\ locked' = [locked EXCEPT !["Client"] = @ - (TotalPrice(p) - st.paid) - p.clientCollateral,
                                            !["Provider"] = @ - p.providerCollateral]
                /\ proposals' = Drop(proposals, d)
                /\ dealStates' = IF Mutant = "RemoveProposalOnly" THEN dealStates     \* broken
                                 ELSE Drop(dealStates, d)
           ELSE /\ locked' = [locked EXCEPT !["Client"] = @ - pay]
                /\ proposals' = proposals
                /\ dealStates' = [dealStates EXCEPT ![d] = [@ EXCEPT !.updated = TRUE, !.paid = @ + pay]]
        /\ UNCHANGED << chainVars, nextId, signed, decisions, vouchersSigned, redemptions >>

(***************************************************************************)
(* SettleDealPayments (FRC-42 exported) for one deal, by anyone: a deal    *)
(* not activated times out once its start is reached; an active one is     *)
(* settled.  Before the start of a deal not activated it is a success     *)
(* that changes nothing (SettlementDue fails: TooEarly).                   *)
(***************************************************************************)
SettleDealPayments(d) ==
    /\ DealPublished(d)
    /\ SettlementDue(d)
    /\ IF d \in DOMAIN dealStates THEN Settle(d) ELSE TimeOut(d)

(***************************************************************************)
(* CronTick (method 9) reaching deal d's scheduled epoch (at or after its  *)
(* start): a deal not activated times out; an activated deal never        *)
(* updated only leaves the pending set (new deals are settled by           *)
(* SettleDealPayments); an updated one is settled (the legacy path).       *)
(***************************************************************************)
CronTick(d) ==
    /\ DealPublished(d)
    /\ StartReached(d)
    /\ CronScheduled(d)
    /\ IF d \notin DOMAIN dealStates THEN TimeOut(d)
       ELSE IF ~dealStates[d].updated
            THEN /\ pending' = pending \ {proposals[d]}
                 /\ UNCHANGED << chainVars, escrow, locked, proposals, dealStates, nextId, ghostVars >>
            ELSE Settle(d)

(***************************************************************************)
(* OnMinerSectorsTerminate (method 7): the provider's miner terminates     *)
(* sector s early.  Every deal active in it whose end has not passed is    *)
(* slashed (process_slashed_deal): paid up to now, the rest of the         *)
(* client's fee and its collateral unlocked, the provider's collateral     *)
(* burnt, the deal deleted.                                                *)
(***************************************************************************)
OnMinerSectorsTerminate(s, caller) ==
    /\ CallerIsMiner(caller)
    /\ LET T == Slashable(s, caller)
           pays == SumOver([d \in T |-> SlashPay(d)], T)
           burnt == SumOver([d \in T |-> proposals[d].providerCollateral], T)
           released == SumOver([d \in T |-> ClientLock(proposals[d]) - dealStates[d].paid], T)
           kept == Mutant = "TerminateKeepsDeal"                                    \* broken
       IN  /\ escrow' = [escrow EXCEPT !["Client"] = @ - pays, !["Provider"] = @ + pays - burnt]
           /\ locked' = [locked EXCEPT !["Client"] = @ - released, !["Provider"] = @ - burnt]
           /\ balance' = Transfer(balance, "Market", "Burnt", burnt)
           /\ proposals' = IF kept THEN proposals ELSE [d \in DOMAIN proposals \ T |-> proposals[d]]
           /\ dealStates' =
                IF kept THEN [d \in DOMAIN dealStates |->
                                IF d \in T THEN [dealStates[d] EXCEPT !.paid = @ + SlashPay(d)] ELSE dealStates[d]]
                ELSE [d \in DOMAIN dealStates \ T |-> dealStates[d]]
           /\ pending' = pending \ { proposals[d] : d \in { x \in T : ~dealStates[x].updated } }
           /\ dealLog' = [d \in DOMAIN dealLog |->
                            IF d \in T THEN [dealLog[d] EXCEPT !.slashedAt = epoch, !.paid = @ + SlashPay(d)]
                            ELSE dealLog[d]]
    /\ UNCHANGED << epoch, nextId, signed, decisions, vouchersSigned, redemptions >>

(***************************************************************************)
(* The client signs a voucher for its deal d for the cumulative amount a,  *)
(* above what it signed before (off chain).  In the seed's "via client"    *)
(* route it first checks the sector and the PIP itself; on chain the       *)
(* market checks the PIP, so the client may sign at any time -- even      *)
(* before activation: the voucher pays nothing until a proof is given.     *)
(***************************************************************************)
SignVoucher(d, a) ==
    /\ DealOfClient(d)
    /\ VoucherRaises(d, a)
    /\ vouchersSigned' = Put(vouchersSigned, d, a)
    /\ UNCHANGED << chainVars, marketVars, signed, decisions, redemptions, dealLog >>

(***************************************************************************)
(* RedeemVoucher(Voucher, PIP) at the market (defined in the header): the  *)
(* provider redeems voucher v with piece inclusion proof pip.              *)
(***************************************************************************)
VoucherPay(v) ==
    IF Mutant = "PayWholeVoucher" THEN v.amount                              \* broken
    ELSE v.amount - dealStates[v.deal].paid

RedeemVoucher(v, pip, caller) ==
    /\ DealExists(v)
    /\ CallerIsDealProvider(caller)
    /\ VoucherSignedByClient(v)
    /\ DealActive(v)
    /\ PipForDealPiece(v, pip)
    /\ PipForDealSector(v, pip)
    /\ VoucherAbovePaid(v)
    /\ VoucherWithinTotalPrice(v)
    /\ LET key == [deal |-> v.deal, amount |-> v.amount]
       IN  /\ escrow' = PayEscrow(escrow, VoucherPay(v))
           /\ locked' = [locked EXCEPT !["Client"] = @ - VoucherPay(v)]
           /\ dealStates' = [dealStates EXCEPT ![v.deal].paid = v.amount]
           /\ dealLog' = [dealLog EXCEPT ![v.deal].paid = @ + VoucherPay(v)]
           /\ redemptions' = Put(redemptions, key, Redeemed(key) + 1)
    /\ UNCHANGED << chainVars, proposals, pending, nextId, signed, decisions, vouchersSigned >>

Next ==
    \/ \E p \in Proposal : ProposeDeal(p)
    \/ \E p \in Proposal, accept \in BOOLEAN : RespondToProposal(p, accept)
    \/ \E who \in Parties, amount \in AddAmounts : AddBalance(who, amount)
    \/ \E who \in Parties, caller \in Callers, amount \in WithdrawAmounts : WithdrawBalance(who, caller, amount)
    \/ \E p \in Proposal, sig \in Signatures, form \in Forms, caller \in Callers :
          PublishPresentable(p, sig) /\ PublishStorageDeals(p, sig, form, caller)
    \/ \E d \in DealIds, s \in Sectors, caller \in Callers : ActivateDeals(d, s, caller)
    \/ \E d \in DealIds : SettleDealPayments(d)
    \/ \E d \in DealIds : CronTick(d)
    \/ \E s \in Sectors, caller \in Callers : OnMinerSectorsTerminate(s, caller)
    \/ \E d \in DealIds, a \in VoucherAmounts : SignVoucher(d, a)
    \/ \E v \in Voucher, pip \in Pip, caller \in Callers :
          VoucherPresentable(v) /\ RedeemVoucher(v, pip, caller)
    \/ Tick /\ UNCHANGED << marketVars, ghostVars >>

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(***************************************************************************)
(* Invariants.                                                             *)
(***************************************************************************)

(* The market's FIL is exactly the escrow it holds, and no FIL is created *)
(* or destroyed (burnt FIL stays counted, in Burnt).                       *)
EscrowConserved ==
    /\ escrow["Client"] + escrow["Provider"] = balance["Market"]
    /\ ValueConserved(ClientFunds + ProviderFunds)

(* No party has more locked than it holds in escrow. *)
LockedWithinBalance == \A x \in Parties : 0 <= locked[x] /\ locked[x] <= escrow[x]

(* What is locked is exactly what the existing deals still lock: of the   *)
(* client, each deal's unpaid fee and its collateral; of the provider,     *)
(* each deal's collateral.                                                 *)
Paid(d) == IF d \in DOMAIN dealStates THEN dealStates[d].paid ELSE 0
LockedMatchesDeals ==
    /\ locked["Client"] = SumOver([d \in DOMAIN proposals |-> ClientLock(proposals[d]) - Paid(d)], DOMAIN proposals)
    /\ locked["Provider"] = SumOver([d \in DOMAIN proposals |-> proposals[d].providerCollateral], DOMAIN proposals)

(* The provider is paid nothing for a deal that was never activated. *)
NoPaymentBeforeActivation == \A d \in DOMAIN dealLog : ~dealLog[d].activated => dealLog[d].paid = 0

(* The provider is paid at most the deal's total price. *)
PaidAtMostTotalPrice == \A d \in DOMAIN dealLog : dealLog[d].paid <= TotalPrice(dealLog[d].proposal)

(* Only a deal that is published (its proposal exists) has a deal state. *)
OnlyPublishedDealsActivate == \A d \in DOMAIN dealStates : d \in DOMAIN proposals

(* No voucher is redeemed twice. *)
NoDoubleRedemption == \A v \in DOMAIN redemptions : redemptions[v] <= 1

(* The client is never charged for a deal it did not sign: every deal      *)
(* that locks or pays the client's funds is one it signed.                 *)
ClientChargedOnlyForSigned == \A d \in DOMAIN proposals : proposals[d] \in signed

(* The provider is never paid for a deal more than time has earned (up to *)
(* now, or up to the termination) or, if more, than the client signed in   *)
(* a voucher for it.                                                       *)
EarnedSoFar(d) ==
    Earned(dealLog[d].proposal, IF dealLog[d].slashedAt = NoEpoch THEN epoch ELSE dealLog[d].slashedAt)
PaidWithinVouchersAndTime ==
    \A d \in DOMAIN dealLog : dealLog[d].paid <= Max(EarnedSoFar(d), VoucherAuthorised(d))

(***************************************************************************)
(* Action property: nothing is paid for a deal once it is slashed.         *)
(***************************************************************************)
NoPaymentAfterSlash ==
    [][\A d \in DOMAIN dealLog : dealLog[d].slashedAt # NoEpoch => dealLog'[d].paid = dealLog[d].paid]_vars
=============================================================================
