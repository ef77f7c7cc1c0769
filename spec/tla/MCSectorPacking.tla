------------------------- MODULE MCSectorPacking -------------------------
(***************************************************************************)
(* Model-checking wrapper for SectorPacking.  The bounds live in the       *)
(* MCSectorPacking_<Size>.cfg files; the TypeScript explorer reads them.   *)
(***************************************************************************)
EXTENDS SectorPacking
=============================================================================
