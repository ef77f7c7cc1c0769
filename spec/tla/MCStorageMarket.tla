------------------------- MODULE MCStorageMarket --------------------------
(***************************************************************************)
(* Model-checking wrapper for StorageMarket.  The bounds live in the       *)
(* MCStorageMarket_<Size>.cfg files; the TypeScript explorer               *)
(* (src/model/explore.ts) reads the same files, so the two cannot drift.    *)
(* A .cfg cannot write a negative number: a configuration that asks to     *)
(* withdraw a negative amount binds WithdrawAmounts to a definition below.  *)
(***************************************************************************)
EXTENDS StorageMarket

WithdrawWithNegative == {-1, 1}
=============================================================================
