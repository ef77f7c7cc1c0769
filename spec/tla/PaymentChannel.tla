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
(* Modelled: the balances of From, To and the channel and the clock (the  *)
(* Chain module), lanes (cumulative redeemed amount and nonce), merges,    *)
(* time locks, the min-settle height, settling, collecting, adding funds,  *)
(* and what From has signed (the ghost variable `authorised`).  Every      *)
(* check the actor makes on UpdateChannelState, Settle and Collect is an   *)
(* enabling conjunct below, in the actor's order, each a named operator    *)
(* (the TypeScript model reports the failing one by name).                 *)
(*                                                                         *)
(* The invariants are stated against what the parties authorised, not     *)
(* against the guards: To is never paid more than From signed for; Settle  *)
(* leaves To the whole settle window to redeem; Collect pays To exactly    *)
(* what was redeemed and From the rest.  The constant Mutant selects a     *)
(* deliberately broken variant ("None": the actor as it is), so that the   *)
(* test suite can show each invariant catching a real accounting bug.      *)
(*                                                                         *)
(* Left out or abstracted: cryptography (a voucher is signed by From, by   *)
(* To, forged, or not at all; its channel address names this channel or    *)
(* another one; a hash-locked voucher's secret is correct, wrong, or too   *)
(* long; the optional "extra" verification call passes or fails), the     *)
(* byte encodings, and the Constructor (Init is the state just after it).  *)
(***************************************************************************)
EXTENDS Chain, Sequences

CONSTANTS
    MaxLane,        \* highest lane id the actor accepts (MAX_LANE = 2^63-1 in production)
    SettleDelay,    \* epochs from Settle to the earliest Collect (SETTLE_DELAY = 1440)
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
    AddAmounts,     \* amounts From may add to the channel
    Mutant          \* "None", or the name of a deliberately broken variant (see Mutants)

(* The broken variants, each guarded where it changes the actor; the test *)
(* suite checks that each breaks the invariant or property named beside   *)
(* it in src/model/PaymentChannel.ts (Mutants).                           *)
Mutants == { "None", "PayWholeAmount", "SettleWithoutDelay", "Overdraw", "SkipBalanceCheck",
             "CollectRefundsAll", "CollectKeepsLanes", "SettleIgnoresMinHeight",
             "SkipNonceCheck", "CollectPaysAllToTo" }

ASSUME /\ Accounts = {"From", "To", "Channel"}
       /\ MaxLane \in Nat /\ SettleDelay \in Nat /\ MaxEpoch \in Nat
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
       /\ Mutant \in Mutants

VARIABLES
    toSend,           \* total redeemed so far; paid to To by Collect
    settlingAt,       \* 0: not settling; else the epoch from which Collect is allowed
    minSettleHeight,  \* the lowest settlingAt allowed, raised by vouchers
    laneStates,       \* lane id -> [redeemed, nonce], for the lanes that exist (the AMT)
    collected,        \* TRUE once Collect has paid out and deleted the actor
    authorised        \* ghost: lane id -> the highest amount From has signed on it

channelVars == << toSend, settlingAt, minSettleHeight, laneStates, collected, authorised >>
vars == << chainVars, channelVars >>

-----------------------------------------------------------------------------
(***************************************************************************)
(* Values and helpers.                                                     *)
(***************************************************************************)
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
NewToSend(v) ==
    IF Mutant = "PayWholeAmount" THEN toSend + v.amount   \* broken: pays the whole amount again
    ELSE toSend + (v.amount - (SumRedeemed(v.merges) + LaneRedeemed(v.lane)))

(* The highest amount From has signed on lane l (0: nothing). *)
Authorised(l) == IF l \in DOMAIN authorised THEN authorised[l] ELSE 0

(* Everything From has authorised: on each lane, the highest amount. *)
AuthorisedTotal == SumOver(authorised, DOMAIN authorised)

(***************************************************************************)
(* Which vouchers the environment presents.  A voucher that stands for     *)
(* From's consent -- one From signed, or one From submits itself -- is     *)
(* within what From has signed on its lane: To redeems only vouchers From  *)
(* signed, and From submits only what it agreed to pay.  A voucher on a    *)
(* lane carries a cumulative amount, so a voucher for less than the        *)
(* highest amount From signed on the lane is one From signed earlier (the *)
(* record keeps the highest; a voucher with any other fields is one From   *)
(* could have signed).  Forged and unsigned vouchers are always presented: *)
(* they are the bad inputs the actor must reject.  Not a check of the     *)
(* actor, so not a conjunct of UpdateChannelState.                         *)
(***************************************************************************)
Presentable(by, v) ==
    IF v.signer = "From" \/ by = "From" THEN v.amount <= Authorised(v.lane) ELSE TRUE

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
    IF Mutant = "SkipNonceCheck" THEN TRUE                \* broken: no nonce check
    ELSE IF v.lane \in DOMAIN laneStates THEN laneStates[v.lane].nonce < v.nonce ELSE TRUE
MergeNotSelf(v) == \A i \in 1..Len(v.merges) : v.merges[i].lane # v.lane
MergeLaneWithinMax(v) == \A i \in 1..Len(v.merges) : v.merges[i].lane <= MaxLane
MergeLaneExists(v) == \A i \in 1..Len(v.merges) : v.merges[i].lane \in DOMAIN laneStates
MergeNonceFresh(v) ==
    \A i \in 1..Len(v.merges) :
        MergedLanes(laneStates, SubSeq(v.merges, 1, i - 1))[v.merges[i].lane].nonce
            < v.merges[i].nonce
ToSendNonNegative(v) == NewToSend(v) >= 0
ToSendWithinBalance(v) ==
    IF Mutant = "SkipBalanceCheck" THEN TRUE              \* broken: no balance check
    ELSE NewToSend(v) <= balance["Channel"]
NotSettling == settlingAt = 0
SettlingReached == settlingAt # 0 /\ epoch >= settlingAt
FromHasFunds(amount) ==
    IF Mutant = "Overdraw" THEN TRUE                      \* broken: no funds check
    ELSE CanPay("From", amount)
SignsMore(l, a) == a > Authorised(l)

-----------------------------------------------------------------------------
TypeOK ==
    /\ ChainTypeOK
    /\ toSend \in Int
    /\ settlingAt \in Nat
    /\ minSettleHeight \in Nat
    /\ DOMAIN laneStates \subseteq 0..MaxLane
    /\ \A l \in DOMAIN laneStates : laneStates[l] \in LaneState
    /\ collected \in BOOLEAN
    /\ DOMAIN authorised \subseteq LaneIds
    /\ \A l \in DOMAIN authorised : authorised[l] \in Nat

(***************************************************************************)
(* Just after the Constructor: From has funded the channel, no lanes,      *)
(* nothing signed.                                                         *)
(***************************************************************************)
Init ==
    /\ ChainInit([a \in Accounts |->
                    IF a = "From" THEN FromFunds - ChannelFunds
                    ELSE IF a = "Channel" THEN ChannelFunds ELSE 0])
    /\ toSend = 0
    /\ settlingAt = 0
    /\ minSettleHeight = 0
    /\ laneStates = [l \in {} |-> [redeemed |-> 0, nonce |-> 0]]
    /\ collected = FALSE
    /\ authorised = [l \in {} |-> 0]

-----------------------------------------------------------------------------
(***************************************************************************)
(* From signs a voucher on lane l for the cumulative amount a, above what  *)
(* it signed on that lane before (off chain; the ghost record of what From *)
(* authorised).  To may then present it, or any voucher for less on that  *)
(* lane (Presentable).                                                     *)
(***************************************************************************)
Sign(l, a) ==
    /\ ChannelExists
    /\ SignsMore(l, a)
    /\ authorised' = [x \in DOMAIN authorised \cup {l} |-> IF x = l THEN a ELSE authorised[x]]
    /\ UNCHANGED << chainVars, toSend, settlingAt, minSettleHeight, laneStates, collected >>

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
    /\ UNCHANGED << chainVars, collected, authorised >>

(***************************************************************************)
(* Either party starts settling (method 3): Collect becomes possible       *)
(* SettleDelay epochs from now, or at minSettleHeight if that is later.    *)
(***************************************************************************)
SettleHeight ==
    CASE Mutant = "SettleWithoutDelay"     -> Max(epoch, minSettleHeight)   \* broken
      [] Mutant = "SettleIgnoresMinHeight" -> epoch + SettleDelay           \* broken
      [] OTHER                             -> Max(epoch + SettleDelay, minSettleHeight)

Settle(by) ==
    /\ ChannelExists
    /\ CallerIsParty(by)
    /\ NotSettling
    /\ settlingAt' = SettleHeight
    /\ UNCHANGED << chainVars, toSend, minSettleHeight, laneStates, collected, authorised >>

(***************************************************************************)
(* Either party collects once settled (method 4): toSend goes to To, the   *)
(* rest of the balance back to From, and the actor is deleted.             *)
(***************************************************************************)
Payout ==
    LET paid == Transfer(Transfer(balance, "Channel", "To", toSend),
                         "Channel", "From", balance["Channel"] - toSend)
    IN  CASE Mutant = "CollectPaysAllToTo" ->                    \* broken
               Transfer(balance, "Channel", "To", balance["Channel"])
          [] Mutant = "CollectRefundsAll" ->                     \* broken
               [paid EXCEPT !["From"] = @ + toSend]
          [] OTHER -> paid

Collect(by) ==
    /\ ChannelExists
    /\ CallerIsParty(by)
    /\ SettlingReached
    /\ balance' = Payout
    /\ toSend' = 0
    /\ settlingAt' = 0
    /\ minSettleHeight' = 0
    /\ laneStates' =
         IF Mutant = "CollectKeepsLanes" THEN laneStates          \* broken
         ELSE [l \in {} |-> [redeemed |-> 0, nonce |-> 0]]
    /\ collected' = TRUE
    /\ UNCHANGED << epoch, authorised >>

(***************************************************************************)
(* From sends more funds to the channel (a plain value transfer).          *)
(***************************************************************************)
AddFunds(amount) ==
    /\ ChannelExists
    /\ FromHasFunds(amount)
    /\ balance' = Transfer(balance, "From", "Channel", amount)
    /\ UNCHANGED << epoch, channelVars >>

Next ==
    \/ \E by \in Callers, v \in Voucher, secret \in Secrets :
          Presentable(by, v) /\ UpdateChannelState(by, v, secret)
    \/ \E by \in Callers : Settle(by)
    \/ \E by \in Callers : Collect(by)
    \/ \E amount \in AddAmounts : AddFunds(amount)
    \/ \E l \in LaneIds, a \in Amounts : Sign(l, a)
    \/ Tick /\ UNCHANGED channelVars

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(***************************************************************************)
(* Invariants.                                                             *)
(***************************************************************************)

(* To is never paid, or owed, more than From authorised: what Collect has  *)
(* paid To plus what the channel owes it is at most the sum, over lanes,   *)
(* of the highest amount From signed on each.                              *)
PaidWithinAuthorised == balance["To"] + toSend <= AuthorisedTotal

(* The channel never owes To more than it holds. *)
RedeemedWithinBalance == 0 <= toSend /\ toSend <= balance["Channel"]

(* No FIL is created or destroyed: From + To + channel is constant. *)
FundsConserved == ValueConserved(FromFunds)

(* Once collected, the channel holds nothing and owes nothing. *)
NothingAfterCollect ==
    collected => /\ balance["Channel"] = 0 /\ toSend = 0 /\ settlingAt = 0
                 /\ DOMAIN laneStates = {}

(* A settling channel never settles before its min-settle height. *)
SettleNotBeforeMinHeight == settlingAt # 0 => settlingAt >= minSettleHeight

(***************************************************************************)
(* Action properties, checked on every transition.                         *)
(***************************************************************************)

(* A voucher never pays twice: every step that changes a lane raises its   *)
(* nonce, so the same voucher (same lane and nonce) cannot be redeemed     *)
(* again.                                                                  *)
NoDoubleRedemption ==
    [][\A l \in DOMAIN laneStates \cap DOMAIN laneStates' :
         laneStates'[l] # laneStates[l] => laneStates'[l].nonce > laneStates[l].nonce]_vars

(* The payee's protection: Settle leaves To at least SettleDelay epochs in *)
(* which vouchers are still accepted (NotSettled holds before settlingAt), *)
(* nothing moves the end of that window earlier, and the channel is not    *)
(* closed before it.  A voucher From signed before Settle stays redeemable *)
(* for the whole window.                                                   *)
PayeeWindowKept ==
    [][ /\ (settlingAt = 0 /\ settlingAt' # 0) => settlingAt' >= epoch + SettleDelay
        /\ (settlingAt # 0 /\ settlingAt' # 0) => settlingAt' >= settlingAt
        /\ (~collected /\ collected') => (settlingAt # 0 /\ epoch >= settlingAt) ]_vars

(* Collect pays To exactly what was redeemed and From the rest. *)
CollectPaysOut ==
    [][ (~collected /\ collected') =>
          /\ balance'["To"] = balance["To"] + toSend
          /\ balance'["From"] = balance["From"] + (balance["Channel"] - toSend)
          /\ balance'["Channel"] = 0 ]_vars
=============================================================================
