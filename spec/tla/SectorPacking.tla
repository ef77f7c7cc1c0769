---------------------------- MODULE SectorPacking ----------------------------
(***************************************************************************)
(* The provider's sector indexing, from the storage flow of the spec       *)
(* ("Adding the deal to a sector"): the provider hands a made deal to its  *)
(* mining subsystem (MadeDeal -> AddToSector), sector indexing places the  *)
(* deal's piece in a sector (PackDealIntoSector) and, when the sector is   *)
(* packed, answers every piece in it with a piece inclusion proof          *)
(* (PackSector -> PIP), which the client later verifies (VerifyPIP).       *)
(*                                                                         *)
(* Sizes are padded piece sizes in units of the smallest piece (128        *)
(* bytes); every size is a power of two.  A piece sits at an offset that   *)
(* is a multiple of its size (the alignment rule of CommD, which is what   *)
(* makes a piece's commitment a node of the sector's tree).                *)
(*                                                                         *)
(* Abstracted: bytes and hashes.  A sector's data commitment (CommD) is    *)
(* the set of <<deal, offset>> placements it was packed with, and a PIP    *)
(* names a sector, an offset, a size and the root it leads to; the proof   *)
(* verifies when that root is the sector's commitment and the commitment   *)
(* holds the deal's piece at that offset.                                  *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS
    Sectors,        \* the sector numbers the provider may fill
    SectorSize,     \* a sector's size in units of 128 bytes (a power of two)
    DealsOfSize1,   \* the deals whose piece is 1 unit (128 bytes padded)
    DealsOfSize2,   \* the deals whose piece is 2 units
    DealsOfSize4,   \* the deals whose piece is 4 units
    DealsOfSize8    \* the deals whose piece is 8 units

Deals == DealsOfSize1 \cup DealsOfSize2 \cup DealsOfSize4 \cup DealsOfSize8

ASSUME /\ SectorSize \in {1, 2, 4, 8, 16}
       /\ \A A, B \in {DealsOfSize1, DealsOfSize2, DealsOfSize4, DealsOfSize8} :
              A # B => A \cap B = {}

VARIABLES
    queue,      \* deals handed to sector indexing (AddToSector), not yet placed
    placed,     \* deal -> [sector, offset], for the deals placed in a sector
    packed,     \* the sectors packed (closed; their PIPs issued)
    pips        \* deal -> [sector, offset, size, root], the PIPs issued

vars == << queue, placed, packed, pips >>

-----------------------------------------------------------------------------
Size(d) == CASE d \in DealsOfSize1 -> 1
             [] d \in DealsOfSize2 -> 2
             [] d \in DealsOfSize4 -> 4
             [] d \in DealsOfSize8 -> 8

Offsets == 0..(SectorSize - 1)

(* The deals placed in sector s. *)
DealsIn(s) == {d \in DOMAIN placed : placed[d].sector = s}

(* The abstract data commitment of sector s: its placements. *)
Layout(s) == {<<d, placed[d].offset>> : d \in DealsIn(s)}

(* Whether the units [o1, o1 + n1) and [o2, o2 + n2) overlap. *)
Overlap(o1, n1, o2, n2) == o1 < o2 + n2 /\ o2 < o1 + n1

(* The PIP for deal d in sector s, at packing time. *)
Pip(d, s) == [sector |-> s, offset |-> placed[d].offset, size |-> Size(d), root |-> Layout(s)]

(* Client side: does proof p show deal d's piece inside a packed sector? *)
VerifyPIP(d, p) ==
    /\ p.sector \in packed
    /\ p.size = Size(d)
    /\ p.offset % p.size = 0
    /\ p.offset + p.size <= SectorSize
    /\ p.root = Layout(p.sector)
    /\ <<d, p.offset>> \in p.root

-----------------------------------------------------------------------------
(***************************************************************************)
(* Enabling conditions, one operator per check sector indexing makes.      *)
(***************************************************************************)
DealNotYetAdded(d) == d \notin queue /\ d \notin DOMAIN placed
DealQueued(d) == d \in queue
SectorOpen(s) == s \notin packed
OffsetAligned(d, o) == o % Size(d) = 0
PieceFits(d, o) == o + Size(d) <= SectorSize
NoOverlapWith(d, s, o) ==
    \A e \in DealsIn(s) : ~Overlap(o, Size(d), placed[e].offset, Size(e))
SectorNotEmpty(s) == DealsIn(s) # {}

-----------------------------------------------------------------------------
TypeOK ==
    /\ queue \subseteq Deals
    /\ DOMAIN placed \subseteq Deals
    /\ \A d \in DOMAIN placed : placed[d].sector \in Sectors /\ placed[d].offset \in Offsets
    /\ packed \subseteq Sectors
    /\ DOMAIN pips \subseteq DOMAIN placed

Init ==
    /\ queue = {}
    /\ placed = [d \in {} |-> [sector |-> 0, offset |-> 0]]
    /\ packed = {}
    /\ pips = [d \in {} |-> [sector |-> 0, offset |-> 0, size |-> 0, root |-> {}]]

(***************************************************************************)
(* The provider's mining subsystem takes a made deal for packing           *)
(* (MadeDeal(Deal, PieceRef) -> AddToSector(Deal, PieceRef)).              *)
(***************************************************************************)
AddToSector(d) ==
    /\ DealNotYetAdded(d)
    /\ queue' = queue \cup {d}
    /\ UNCHANGED << placed, packed, pips >>

(***************************************************************************)
(* Sector indexing places deal d's piece in open sector s at offset o      *)
(* (SectorID <- PackDealIntoSector(Deal)).                                 *)
(***************************************************************************)
PackDealIntoSector(d, s, o) ==
    /\ DealQueued(d)
    /\ SectorOpen(s)
    /\ OffsetAligned(d, o)
    /\ PieceFits(d, o)
    /\ NoOverlapWith(d, s, o)
    /\ queue' = queue \ {d}
    /\ placed' = [e \in DOMAIN placed \cup {d} |->
                    IF e = d THEN [sector |-> s, offset |-> o] ELSE placed[e]]
    /\ UNCHANGED << packed, pips >>

(***************************************************************************)
(* Sector indexing packs sector s (PIP <- PackSector(SectorID)): the       *)
(* sector closes, its commitment is fixed, and every piece in it gets its  *)
(* inclusion proof (DealInSector(Deal, PieceRef, PIP, SectorID)).          *)
(***************************************************************************)
PackSector(s) ==
    /\ SectorOpen(s)
    /\ SectorNotEmpty(s)
    /\ packed' = packed \cup {s}
    /\ pips' = [d \in DOMAIN pips \cup DealsIn(s) |->
                  IF d \in DealsIn(s) THEN Pip(d, s) ELSE pips[d]]
    /\ UNCHANGED << queue, placed >>

Next ==
    \/ \E d \in Deals : AddToSector(d)
    \/ \E d \in Deals, s \in Sectors, o \in Offsets : PackDealIntoSector(d, s, o)
    \/ \E s \in Sectors : PackSector(s)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* No two pieces in a sector share a unit. *)
NoOverlap ==
    \A d, e \in DOMAIN placed :
        (d # e /\ placed[d].sector = placed[e].sector)
            => ~Overlap(placed[d].offset, Size(d), placed[e].offset, Size(e))

(* Every piece sits at a multiple of its size. *)
Aligned == \A d \in DOMAIN placed : placed[d].offset % Size(d) = 0

(* Every piece lies inside its sector. *)
FitsInSector == \A d \in DOMAIN placed : placed[d].offset + Size(d) <= SectorSize

(* Every piece of a packed sector has a PIP, and it verifies. *)
EveryPackedPieceHasValidPIP ==
    \A s \in packed : \A d \in DealsIn(s) : d \in DOMAIN pips /\ VerifyPIP(d, pips[d])

(* A deal is in at most one place: the queue or one sector. *)
DealPlacedOnce == queue \cap DOMAIN placed = {}
=============================================================================
