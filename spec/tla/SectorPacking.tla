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
(* Two records are kept apart, as a real provider keeps them: the index    *)
(* (`placed`, where sector indexing says each piece is, from which it      *)
(* makes the PIPs) and the sectors' data (`data`, what each unit of each   *)
(* sector holds: unit i of deal d's piece, or zero).  Hashes are           *)
(* abstracted as injective: a sector's CommD is its data, a piece's CommP  *)
(* is the deal, and a Merkle path from a piece to CommD verifies exactly   *)
(* when the data under the path's node is that piece.  The invariants are  *)
(* stated against the data and against what the provider was given, so an  *)
(* index that disagrees with the data, or a proof for another sector,      *)
(* breaks them.                                                            *)
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
       /\ Deals \subseteq Nat \ {0}

VARIABLES
    given,      \* the deals the provider handed to sector indexing (AddToSector)
    queue,      \* deals handed over and not placed yet
    placed,     \* the index: deal -> [sector, offset], where each piece was put
    data,       \* each sector's units: sector -> unit -> the chunk it holds
    packed,     \* the sectors packed (closed; their PIPs issued)
    pips        \* deal -> [sector, offset, size, root], the PIPs issued

vars == << given, queue, placed, data, packed, pips >>

-----------------------------------------------------------------------------
Size(d) == CASE d \in DealsOfSize1 -> 1
             [] d \in DealsOfSize2 -> 2
             [] d \in DealsOfSize4 -> 4
             [] d \in DealsOfSize8 -> 8

Offsets == 0..(SectorSize - 1)

(* Unit i of deal d's piece, and the content of a unit no piece was written to. *)
Zero == <<0, 0>>
Chunks == {<<d, i>> : d \in Deals, i \in 0..7} \cup {Zero}

(* The deals the index puts in sector s. *)
DealsIn(s) == {d \in DOMAIN placed : placed[d].sector = s}

(* Whether the units [o1, o1 + n1) and [o2, o2 + n2) overlap. *)
Overlap(o1, n1, o2, n2) == o1 < o2 + n2 /\ o2 < o1 + n1

(* Sector s's data with deal d's piece written from unit o; units past the *)
(* end of the sector are not part of it and are lost.                      *)
Write(s, d, o) ==
    [u \in Offsets |-> IF o <= u /\ u < o + Size(d) THEN <<d, u - o>> ELSE data[s][u]]

(* Do the units `image` hold deal d's whole piece from unit o? *)
HoldsAt(image, d, o) ==
    \A i \in 0..(Size(d) - 1) : o + i \in DOMAIN image /\ image[o + i] = <<d, i>>

(* The deals some unit of sector s holds a chunk of. *)
HeldIn(s) == {data[s][u][1] : u \in Offsets} \ {0}

(* Where deal d's piece begins in some sector's data. *)
Starts(d) == {<<s, u>> \in Sectors \X Offsets : data[s][u] = <<d, 0>>}

(* The abstract data commitment of sector s, computed from its data. *)
CommD(s) == data[s]

(* The PIP sector indexing makes for deal d of sector s: from its index. *)
Pip(d, s) == [sector |-> s, offset |-> placed[d].offset, size |-> Size(d), root |-> CommD(s)]

(* Client side: does proof p show deal d's piece inside a packed sector?   *)
(* The root must be the commitment of the sector's data, and the node the  *)
(* path starts from must be the deal's piece.                              *)
VerifyPIP(d, p) ==
    /\ p.sector \in packed
    /\ p.root = CommD(p.sector)
    /\ p.size = Size(d)
    /\ p.offset % p.size = 0
    /\ HoldsAt(p.root, d, p.offset)

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
    /\ given \subseteq Deals
    /\ queue \subseteq given
    /\ DOMAIN placed \subseteq given
    /\ \A d \in DOMAIN placed : placed[d].sector \in Sectors /\ placed[d].offset \in Offsets
    /\ data \in [Sectors -> [Offsets -> Chunks]]
    /\ packed \subseteq Sectors
    /\ DOMAIN pips \subseteq DOMAIN placed
    /\ \A d \in DOMAIN pips :
          /\ pips[d].sector \in Sectors
          /\ pips[d].offset \in Offsets
          /\ pips[d].size \in {1, 2, 4, 8}
          /\ pips[d].root \in [Offsets -> Chunks]

Init ==
    /\ given = {}
    /\ queue = {}
    /\ placed = [d \in {} |-> [sector |-> 0, offset |-> 0]]
    /\ data = [s \in Sectors |-> [u \in Offsets |-> Zero]]
    /\ packed = {}
    /\ pips = [d \in {} |-> [sector |-> 0, offset |-> 0, size |-> 0, root |-> <<>>]]

(***************************************************************************)
(* The provider's mining subsystem takes a made deal for packing           *)
(* (MadeDeal(Deal, PieceRef) -> AddToSector(Deal, PieceRef)).              *)
(***************************************************************************)
AddToSector(d) ==
    /\ DealNotYetAdded(d)
    /\ given' = given \cup {d}
    /\ queue' = queue \cup {d}
    /\ UNCHANGED << placed, data, packed, pips >>

(***************************************************************************)
(* Sector indexing places deal d's piece in open sector s at offset o      *)
(* (SectorID <- PackDealIntoSector(Deal)): it writes the piece into the    *)
(* sector's data and records the placement in its index.                   *)
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
    /\ data' = [data EXCEPT ![s] = Write(s, d, o)]
    /\ UNCHANGED << given, packed, pips >>

(***************************************************************************)
(* Sector indexing packs sector s (PIP <- PackSector(SectorID)): the       *)
(* sector closes, its commitment is fixed, and every piece its index puts  *)
(* in it gets an inclusion proof (DealInSector(Deal, PieceRef, PIP,        *)
(* SectorID)).                                                             *)
(***************************************************************************)
PackSector(s) ==
    /\ SectorOpen(s)
    /\ SectorNotEmpty(s)
    /\ packed' = packed \cup {s}
    /\ pips' = [d \in DOMAIN pips \cup DealsIn(s) |->
                  IF d \in DealsIn(s) THEN Pip(d, s) ELSE pips[d]]
    /\ UNCHANGED << given, queue, placed, data >>

Next ==
    \/ \E d \in Deals : AddToSector(d)
    \/ \E d \in Deals, s \in Sectors, o \in Offsets : PackDealIntoSector(d, s, o)
    \/ \E s \in Sectors : PackSector(s)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* No piece was overwritten: every deal taken out of the queue has its     *)
(* whole piece in some sector.                                             *)
NoOverlap ==
    \A d \in given \ queue : \E s \in Sectors, o \in Offsets : HoldsAt(data[s], d, o)

(* Every piece a sector holds begins at a multiple of its size. *)
Aligned ==
    \A s \in Sectors, u \in Offsets :
        data[s][u] # Zero /\ data[s][u][2] = 0 => u % Size(data[s][u][1]) = 0

(* A sector holds whole pieces only: none cut off by the sector's end. *)
FitsInSector ==
    \A s \in Sectors : \A d \in HeldIn(s) : \E o \in Offsets : HoldsAt(data[s], d, o)

(* Every piece a packed sector holds has a PIP, and it verifies against   *)
(* the commitment of the sector's data.                                    *)
EveryPackedPieceHasValidPIP ==
    \A s \in packed : \A d \in HeldIn(s) : d \in DOMAIN pips /\ VerifyPIP(d, pips[d])

(* A deal's piece is in at most one place in the sectors, and only once    *)
(* the deal was handed over and has left the queue.                        *)
DealPlacedOnce ==
    \A d \in Deals :
        /\ Cardinality(Starts(d)) <= 1
        /\ Starts(d) # {} => d \in given \ queue
=============================================================================
