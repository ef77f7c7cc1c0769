------------------------- MODULE MCSectorPacking -------------------------
(***************************************************************************)
(* Model-checking wrapper for SectorPacking.  The bounds live in the       *)
(* MCSectorPacking_<Size>.cfg files; the TypeScript explorer reads them.   *)
(*                                                                         *)
(* The mutants: deliberately broken definitions that a configuration       *)
(* substitutes for SectorPacking's own (`Op <- Mutant` in a                *)
(* MCSectorPacking_Mutant_*.cfg), each a bug a real sector indexer could   *)
(* have.  TLC must find a violation of the invariant the configuration     *)
(* checks.                                                                 *)
(***************************************************************************)
EXTENDS SectorPacking

(* The check that an offset is a multiple of the piece size is missing. *)
AlignmentUnchecked(d, o) == TRUE
(* The check that the piece ends inside the sector is missing. *)
EndUnchecked(d, o) == TRUE
(* The check against the pieces already in the sector is missing. *)
OthersUnchecked(d, s, o) == TRUE
(* Any deal can be placed: not handed over yet, or placed already. *)
QueueUnchecked(d) == TRUE
(* Packed sectors stay open: pieces are written after the commitment. *)
PackedUnchecked(s) == TRUE

RECURSIVE SizeSum(_)
SizeSum(D) == IF D = {} THEN 0 ELSE LET e == CHOOSE e \in D : TRUE IN Size(e) + SizeSum(D \ {e})

(* The mutants of Pip(d, s) spell the record out: a substituted Pip is    *)
(* replaced everywhere, its mutant's body included.                        *)

(* The PIP's offset counts the pieces before it back to back, without the *)
(* zero pieces alignment puts between them.                               *)
PipUnpadded(d, s) ==
    [sector |-> s, size |-> Size(d), root |-> CommD(s),
     offset |-> SizeSum({e \in DealsIn(s) : placed[e].offset < placed[d].offset})]

(* The PIP names another sector (and that sector's commitment). *)
PipOfOtherSector(d, s) ==
    LET t == CHOOSE t \in Sectors : t # s
    IN [sector |-> t, offset |-> placed[d].offset, size |-> Size(d), root |-> CommD(t)]

(* The PIP states the piece's size in bytes rather than in units. *)
PipInBytes(d, s) == [sector |-> s, offset |-> placed[d].offset, size |-> 128 * Size(d), root |-> CommD(s)]
=============================================================================
