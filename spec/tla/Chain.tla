------------------------------- MODULE Chain -------------------------------
(***************************************************************************)
(* The chain the protocol modules run on: the epoch and the balances of    *)
(* accounts and actors, moved only by value transfers.  PaymentChannel     *)
(* EXTENDS it (and the market, miner and power modules will), so a         *)
(* composed model has one clock and one ledger.                            *)
(*                                                                         *)
(* A module that extends Chain changes `balance` only through Transfer,   *)
(* so that no FIL is created or destroyed (ValueConserved), and leaves     *)
(* its own variables unchanged in Tick.                                    *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS
    Accounts,   \* the accounts and actors that hold FIL
    MaxEpoch    \* the model's clock stops at this epoch

VARIABLES
    epoch,      \* the current chain epoch
    balance     \* account or actor -> its balance (attoFIL)

chainVars == << epoch, balance >>

(* The sum of f over the finite set S. *)
RECURSIVE SumOver(_, _)
SumOver(f, S) ==
    IF S = {} THEN 0
    ELSE LET a == CHOOSE x \in S : TRUE IN f[a] + SumOver(f, S \ {a})

(* All the FIL on the chain. *)
TotalBalance == SumOver(balance, Accounts)

(* The balances b after `from` pays `amount` to `to`. *)
Transfer(b, from, to, amount) == [b EXCEPT ![from] = @ - amount, ![to] = @ + amount]

(* `payer` can pay `amount` (an enabling conjunct of a transfer). *)
CanPay(payer, amount) == amount <= balance[payer]

(* The model's clock has not reached its bound. *)
ClockRunning == epoch < MaxEpoch

ChainTypeOK ==
    /\ epoch \in 0..MaxEpoch
    /\ DOMAIN balance = Accounts
    /\ \A a \in Accounts : balance[a] \in Nat

(* No FIL is created or destroyed: the total stays `total`. *)
ValueConserved(total) == TotalBalance = total

ChainInit(initial) ==
    /\ epoch = 0
    /\ balance = initial

(***************************************************************************)
(* The chain advances one epoch.                                           *)
(***************************************************************************)
Tick ==
    /\ ClockRunning
    /\ epoch' = epoch + 1
    /\ UNCHANGED balance
=============================================================================
