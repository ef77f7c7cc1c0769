------------------------- MODULE MCPaymentChannel -------------------------
(***************************************************************************)
(* Model-checking wrapper for PaymentChannel.  The bounds live in the      *)
(* MCPaymentChannel_<Size>.cfg files; the TypeScript explorer               *)
(* (src/model/explore.ts) reads the same files, so the two cannot drift.    *)
(***************************************************************************)
EXTENDS PaymentChannel
=============================================================================
