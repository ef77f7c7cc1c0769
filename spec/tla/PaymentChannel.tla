--------------------------- MODULE PaymentChannel ---------------------------
(***************************************************************************)
(* One Filecoin payment channel from From (the client, who funds it) to    *)
(* To (the provider, who is paid), as implemented by the PaymentChannel    *)
(* actor of filecoin-project/builtin-actors (actors/paych/src/lib.rs).     *)
(*                                                                         *)
(* In the storage flow of the spec ("Collecting payment, via the client")  *)
(* the provider redeems the vouchers the client signed; RedeemVoucher at   *)
(* the PaymentChannelActor is the actor method UpdateChannelState.         *)
(*                                                                         *)
(* Modelled: the channel's balance and the two parties' balances, lanes    *)
(* (cumulative redeemed amount and nonce), merges, time locks, the         *)
(* min-settle height, settling, collecting, adding funds, a bounded        *)
(* clock.  Every check the actor makes on UpdateChannelState, Settle and   *)
(* Collect is an enabling conjunct below, in the actor's order, each a     *)
(* named operator (the TypeScript model reports the failing one by name).  *)
(*                                                                         *)
(* Left out or abstracted: cryptography (a voucher is signed by From, by   *)
(* To, forged, or not at all; its channel address names this channel or    *)
(* another one; a hash-locked voucher's secret is correct, wrong, or too   *)
(* long; the optional "extra" verification call passes or fails), the     *)
(* byte encodings, and the Constructor (Init is the state just after it).  *)
(***************************************************************************)
EXTENDS Integers, Sequences, FiniteSets

CONSTANTS
    MaxLane,        \* highest lane id the actor accepts (MAX_LANE = 2^63-1 in production)
    SettleDelay,    \* epochs from Settle to the earliest Collect (SETTLE_DELAY = 1440)
    MaxEpoch,       \* the model's clock stops at this epoch
    FromFunds,      \* From's balance before anything happens
    ChannelFunds,   \* the amount From put into the channel when creating it
    Callers,        \* who may send a message: a subset of {"From", "To", "Stranger"}
    Signers,        \* who signed a voucher: a subset of {"From", "To", "Forged", "Unsigned"}
    Channels,       \* the channel a voucher names: a subset of {"This", "Other"}
    LaneIds,        \* voucher lane ids (may exceed MaxLane, to exercise that check)
    Nonces,         \* voucher nonces
    Amounts,        \* voucher amounts, cumulative per lane (may be negative)
    TimeLocks,      \* voucher timeLockMin / timeLockMax values (timeLockMax = 0: no expiry)
    SettleHeights,  \* voucher minSettleHeight values (0: none)
    MaxMerges,      \* the longest merge list in a voucher
    HashLocks,      \* whether a voucher carries a secret pre-image: a subset of BOOLEAN
    Secrets,        \* the secret given with it: a subset of {"Correct", "Wrong", "TooLong"}
    Extras,         \* the voucher's extra check: a subset of {"None", "Passes", "Fails"}
    AddAmounts      \* amounts From may add to the channel

ASSUME /\ MaxLane \in Nat /\ SettleDelay \in Nat /\ MaxEpoch \in Nat
       /\ FromFunds \in Nat /\ ChannelFunds \in Nat /\ ChannelFunds <= FromFunds
       /\ Callers \subseteq {"From", "To", "Stranger"}
       /\ Signers \subseteq {"From", "To", "Forged", "Unsigned"}
       /\ Channels \subseteq {"This", "Other"}
       /\ LaneIds \subseteq Nat /\ Nonces \subseteq Nat /\ Amounts \subseteq Int
       /\ TimeLocks \subseteq Nat /\ SettleHeights \subseteq Nat /\ MaxMerges \in Nat
       /\ HashLocks \subseteq BOOLEAN
       /\ Secrets \subseteq {"Correct", "Wrong", "TooLong"}
       /\ Extras \subseteq {"None", "Passes", "Fails"}
       /\ AddAmounts \subseteq Nat \ {0}

VARIABLES
    epoch,            \* the current chain epoch
    fromBalance,      \* From's account balance
    toBalance,        \* To's account balance
    channelBalance,   \* the channel actor's balance
    toSend,           \* total redeemed so far; paid to To by Collect
    settlingAt,       \* 0: not settling; else the epoch from which Collect is allowed
    minSettleHeight,  \* the lowest settlingAt allowed, raised by vouchers
    laneStates,       \* lane id -> [redeemed, nonce], for the lanes that exist (the AMT)
    collected         \* TRUE once Collect has paid out and deleted the actor

vars == << epoch, fromBalance, toBalance, channelBalance, toSend,
           settlingAt, minSettleHeight, laneStates, collected >>

-----------------------------------------------------------------------------
(***************************************************************************)
(* Values and helpers.                                                     *)
(***************************************************************************)
TotalFunds == FromFunds

Max(a, b) == IF a >= b THEN a ELSE b

LaneState == [redeemed : Int, nonce : Nat]

Merge == [lane : LaneIds, nonce : Nonces]

MergeLists == UNION { [1..n -> Merge] : n \in 0..MaxMerges }

Voucher == [ channel : Channels, signer : Signers, lane : LaneIds, nonce : Nonces,
             amount : Amounts, timeLockMin : TimeLocks, timeLockMax : TimeLocks,
             minSettleHeight : SettleHeights, merges : MergeLists,
             hashLocked : HashLocks, extra : Extras ]

(* The party that must have signed a voucher redeemed by `by`. *)
Counterparty(by) == IF by = "From" THEN "To" ELSE "From"

(* The lane states after the merges of v set their nonces, in order. *)
RECURSIVE MergedLanes(_, _)
MergedLanes(lanes, ms) ==
    IF ms = << >> THEN lanes
    ELSE MergedLanes([lanes EXCEPT ![Head(ms).lane].nonce = Head(ms).nonce], Tail(ms))

(* The sum of the amounts already redeemed on the merged lanes. *)
RECURSIVE SumRedeemed(_)
SumRedeemed(ms) ==
    IF ms = << >> THEN 0 ELSE laneStates[Head(ms).lane].redeemed + SumRedeemed(Tail(ms))

LaneRedeemed(l) == IF l \in DOMAIN laneStates THEN laneStates[l].redeemed ELSE 0

(* toSend after redeeming v: the voucher's amount replaces what its lane  *)
(* and the merged lanes had redeemed.                                      *)
NewToSend(v) == toSend + (v.amount - (SumRedeemed(v.merges) + LaneRedeemed(v.lane)))

-----------------------------------------------------------------------------
(***************************************************************************)
(* Enabling conditions, one operator per check the actor makes.  A check   *)
(* with two cases is written IF-THEN-ELSE, not as a disjunction: TLC       *)
(* splits a disjunction inside an action into two successors when both     *)
(* hold, which would count one step twice in "states generated".           *)
(***************************************************************************)
ChannelExists == collected = FALSE
CallerIsParty(by) == by \in {"From", "To"}
VoucherSigned(v) == v.signer # "Unsigned"
NotSettled == IF settlingAt = 0 THEN TRUE ELSE epoch < settlingAt
SecretWithinSize(secret) == secret # "TooLong"
SignedByCounterparty(by, v) == v.signer = Counterparty(by)
VoucherForThisChannel(v) == v.channel = "This"
TimeLockMinReached(v) == epoch >= v.timeLockMin
TimeLockMaxNotPassed(v) == IF v.timeLockMax = 0 THEN TRUE ELSE epoch <= v.timeLockMax
AmountNonNegative(v) == v.amount >= 0
SecretMatches(v, secret) == IF v.hashLocked THEN secret = "Correct" ELSE TRUE
ExtraVerified(v) == v.extra # "Fails"
LaneWithinMax(v) == v.lane <= MaxLane
LaneNonceFresh(v) ==
    IF v.lane \in DOMAIN laneStates THEN laneStates[v.lane].nonce < v.nonce ELSE TRUE
MergeNotSelf(v) == \A i \in 1..Len(v.merges) : v.merges[i].lane # v.lane
MergeLaneWithinMax(v) == \A i \in 1..Len(v.merges) : v.merges[i].lane <= MaxLane
MergeLaneExists(v) == \A i \in 1..Len(v.merges) : v.merges[i].lane \in DOMAIN laneStates
MergeNonceFresh(v) ==
    \A i \in 1..Len(v.merges) :
        MergedLanes(laneStates, SubSeq(v.merges, 1, i - 1))[v.merges[i].lane].nonce
            < v.merges[i].nonce
ToSendNonNegative(v) == NewToSend(v) >= 0
ToSendWithinBalance(v) == NewToSend(v) <= channelBalance
NotSettling == settlingAt = 0
SettlingReached == settlingAt # 0 /\ epoch >= settlingAt
FromHasFunds(amount) == amount <= fromBalance
ClockRunning == epoch < MaxEpoch

-----------------------------------------------------------------------------
TypeOK ==
    /\ epoch \in 0..MaxEpoch
    /\ fromBalance \in 0..TotalFunds
    /\ toBalance \in 0..TotalFunds
    /\ channelBalance \in 0..TotalFunds
    /\ toSend \in Int
    /\ settlingAt \in Nat
    /\ minSettleHeight \in Nat
    /\ DOMAIN laneStates \subseteq 0..MaxLane
    /\ \A l \in DOMAIN laneStates : laneStates[l] \in LaneState
    /\ collected \in BOOLEAN

(***************************************************************************)
(* Just after the Constructor: From has funded the channel, no lanes.      *)
(***************************************************************************)
Init ==
    /\ epoch = 0
    /\ fromBalance = FromFunds - ChannelFunds
    /\ toBalance = 0
    /\ channelBalance = ChannelFunds
    /\ toSend = 0
    /\ settlingAt = 0
    /\ minSettleHeight = 0
    /\ laneStates = [l \in {} |-> [redeemed |-> 0, nonce |-> 0]]
    /\ collected = FALSE

-----------------------------------------------------------------------------
(***************************************************************************)
(* `by` redeems voucher v (signed by the other party) with `secret`:       *)
(* method 2, UpdateChannelState.  The lane's redeemed amount becomes the   *)
(* voucher's amount and toSend moves by the difference; merged lanes take  *)
(* the merge nonces and their redeemed amounts count as already paid.      *)
(* The actor checks the four merge conjuncts merge by merge; the model     *)
(* in TypeScript reports the first failure in that order (the conjunction  *)
(* is the same).  Merging one lane twice counts its redeemed amount twice, *)
(* as the actor does.                                                      *)
(***************************************************************************)
UpdateChannelState(by, v, secret) ==
    /\ ChannelExists
    /\ CallerIsParty(by)
    /\ VoucherSigned(v)
    /\ NotSettled
    /\ SecretWithinSize(secret)
    /\ SignedByCounterparty(by, v)
    /\ VoucherForThisChannel(v)
    /\ TimeLockMinReached(v)
    /\ TimeLockMaxNotPassed(v)
    /\ AmountNonNegative(v)
    /\ SecretMatches(v, secret)
    /\ ExtraVerified(v)
    /\ LaneWithinMax(v)
    /\ LaneNonceFresh(v)
    /\ MergeNotSelf(v)
    /\ MergeLaneWithinMax(v)
    /\ MergeLaneExists(v)
    /\ MergeNonceFresh(v)
    /\ ToSendNonNegative(v)
    /\ ToSendWithinBalance(v)
    /\ toSend' = NewToSend(v)
    /\ laneStates' =
         LET merged == MergedLanes(laneStates, v.merges)
         IN  [l \in DOMAIN merged \cup {v.lane} |->
                IF l = v.lane THEN [redeemed |-> v.amount, nonce |-> v.nonce]
                ELSE merged[l]]
    /\ settlingAt' =
         IF v.minSettleHeight # 0 /\ settlingAt # 0 /\ settlingAt < v.minSettleHeight
         THEN v.minSettleHeight ELSE settlingAt
    /\ minSettleHeight' =
         IF v.minSettleHeight # 0 /\ minSettleHeight < v.minSettleHeight
         THEN v.minSettleHeight ELSE minSettleHeight
    /\ UNCHANGED << epoch, fromBalance, toBalance, channelBalance, collected >>

(***************************************************************************)
(* Either party starts settling (method 3): Collect becomes possible       *)
(* SettleDelay epochs from now, or at minSettleHeight if that is later.    *)
(***************************************************************************)
Settle(by) ==
    /\ ChannelExists
    /\ CallerIsParty(by)
    /\ NotSettling
    /\ settlingAt' = Max(epoch + SettleDelay, minSettleHeight)
    /\ UNCHANGED << epoch, fromBalance, toBalance, channelBalance, toSend,
                    minSettleHeight, laneStates, collected >>

(***************************************************************************)
(* Either party collects once settled (method 4): toSend goes to To, the   *)
(* rest of the balance back to From, and the actor is deleted.             *)
(***************************************************************************)
Collect(by) ==
    /\ ChannelExists
    /\ CallerIsParty(by)
    /\ SettlingReached
    /\ toBalance' = toBalance + toSend
    /\ fromBalance' = fromBalance + (channelBalance - toSend)
    /\ channelBalance' = 0
    /\ toSend' = 0
    /\ settlingAt' = 0
    /\ minSettleHeight' = 0
    /\ laneStates' = [l \in {} |-> [redeemed |-> 0, nonce |-> 0]]
    /\ collected' = TRUE
    /\ UNCHANGED << epoch >>

(***************************************************************************)
(* From sends more funds to the channel (a plain value transfer).          *)
(***************************************************************************)
AddFunds(amount) ==
    /\ ChannelExists
    /\ FromHasFunds(amount)
    /\ fromBalance' = fromBalance - amount
    /\ channelBalance' = channelBalance + amount
    /\ UNCHANGED << epoch, toBalance, toSend, settlingAt, minSettleHeight,
                    laneStates, collected >>

(***************************************************************************)
(* The chain advances one epoch.                                           *)
(***************************************************************************)
Tick ==
    /\ ClockRunning
    /\ epoch' = epoch + 1
    /\ UNCHANGED << fromBalance, toBalance, channelBalance, toSend, settlingAt,
                    minSettleHeight, laneStates, collected >>

Next ==
    \/ \E by \in Callers, v \in Voucher, secret \in Secrets : UpdateChannelState(by, v, secret)
    \/ \E by \in Callers : Settle(by)
    \/ \E by \in Callers : Collect(by)
    \/ \E amount \in AddAmounts : AddFunds(amount)
    \/ Tick

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(***************************************************************************)
(* Invariants.                                                             *)
(***************************************************************************)

(* The channel never owes To more than it holds. *)
RedeemedWithinBalance == 0 <= toSend /\ toSend <= channelBalance

(* No FIL is created or destroyed: From + To + channel is constant. *)
FundsConserved == fromBalance + toBalance + channelBalance = TotalFunds

(* Once collected, the channel holds nothing and owes nothing. *)
NothingAfterCollect ==
    collected => /\ channelBalance = 0 /\ toSend = 0 /\ settlingAt = 0
                 /\ DOMAIN laneStates = {}

(* A settling channel never settles before its min-settle height. *)
SettleNotBeforeMinHeight == settlingAt # 0 => settlingAt >= minSettleHeight

(***************************************************************************)
(* A voucher never pays twice: every step that changes a lane raises its   *)
(* nonce, so the same voucher (same lane and nonce) cannot be redeemed     *)
(* again.  An action property, checked on every transition.                *)
(***************************************************************************)
NoDoubleRedemption ==
    [][\A l \in DOMAIN laneStates \cap DOMAIN laneStates' :
         laneStates'[l] # laneStates[l] => laneStates'[l].nonce > laneStates[l].nonce]_vars
=============================================================================
