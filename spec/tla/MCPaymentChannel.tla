------------------------- MODULE MCPaymentChannel -------------------------
(***************************************************************************)
(* Model-checking wrapper for PaymentChannel.  The bounds live in the      *)
(* MCPaymentChannel_<Size>.cfg files; the TypeScript explorer               *)
(* (src/model/explore.ts) reads the same files, so the two cannot drift.    *)
(* A .cfg cannot write a negative number: a configuration that needs one   *)
(* binds its constant to a definition below (`Amounts <- SignersAmounts`). *)
(***************************************************************************)
EXTENDS PaymentChannel

SignersAmounts == {-1, 0, 1}
=============================================================================
