---- MODULE MCPaymentChannel_TTrace_1795689255 ----
EXTENDS Sequences, TLCExt, MCPaymentChannel, Toolbox, Naturals, TLC

_expression ==
    LET MCPaymentChannel_TEExpression == INSTANCE MCPaymentChannel_TEExpression
    IN MCPaymentChannel_TEExpression!expression
----

_trace ==
    LET MCPaymentChannel_TETrace == INSTANCE MCPaymentChannel_TETrace
    IN MCPaymentChannel_TETrace!trace
----

_inv ==
    ~(
        TLCGet("level") = Len(_TETrace)
        /\
        settlingAt = (0)
        /\
        balance = ([From |-> -1, To |-> 0, Channel |-> 3])
        /\
        toSend = (0)
        /\
        authorised = (<<>>)
        /\
        epoch = (0)
        /\
        collected = (FALSE)
        /\
        minSettleHeight = (0)
        /\
        laneStates = (<<>>)
    )
----

_init ==
    /\ toSend = _TETrace[1].toSend
    /\ epoch = _TETrace[1].epoch
    /\ settlingAt = _TETrace[1].settlingAt
    /\ collected = _TETrace[1].collected
    /\ authorised = _TETrace[1].authorised
    /\ laneStates = _TETrace[1].laneStates
    /\ minSettleHeight = _TETrace[1].minSettleHeight
    /\ balance = _TETrace[1].balance
----

_next ==
    /\ \E i,j \in DOMAIN _TETrace:
        /\ \/ /\ j = i + 1
              /\ i = TLCGet("level")
        /\ toSend  = _TETrace[i].toSend
        /\ toSend' = _TETrace[j].toSend
        /\ epoch  = _TETrace[i].epoch
        /\ epoch' = _TETrace[j].epoch
        /\ settlingAt  = _TETrace[i].settlingAt
        /\ settlingAt' = _TETrace[j].settlingAt
        /\ collected  = _TETrace[i].collected
        /\ collected' = _TETrace[j].collected
        /\ authorised  = _TETrace[i].authorised
        /\ authorised' = _TETrace[j].authorised
        /\ laneStates  = _TETrace[i].laneStates
        /\ laneStates' = _TETrace[j].laneStates
        /\ minSettleHeight  = _TETrace[i].minSettleHeight
        /\ minSettleHeight' = _TETrace[j].minSettleHeight
        /\ balance  = _TETrace[i].balance
        /\ balance' = _TETrace[j].balance

\* Uncomment the ASSUME below to write the states of the error trace
\* to the given file in Json format. Note that you can pass any tuple
\* to `JsonSerialize`. For example, a sub-sequence of _TETrace.
    \* ASSUME
    \*     LET J == INSTANCE Json
    \*         IN J!JsonSerialize("MCPaymentChannel_TTrace_1795689255.json", _TETrace)

=============================================================================

 Note that you can extract this module `MCPaymentChannel_TEExpression`
  to a dedicated file to reuse `expression` (the module in the 
  dedicated `MCPaymentChannel_TEExpression.tla` file takes precedence 
  over the module `MCPaymentChannel_TEExpression` below).

---- MODULE MCPaymentChannel_TEExpression ----
EXTENDS Sequences, TLCExt, MCPaymentChannel, Toolbox, Naturals, TLC

expression == 
    [
        \* To hide variables of the `MCPaymentChannel` spec from the error trace,
        \* remove the variables below.  The trace will be written in the order
        \* of the fields of this record.
        toSend |-> toSend
        ,epoch |-> epoch
        ,settlingAt |-> settlingAt
        ,collected |-> collected
        ,authorised |-> authorised
        ,laneStates |-> laneStates
        ,minSettleHeight |-> minSettleHeight
        ,balance |-> balance
        
        \* Put additional constant-, state-, and action-level expressions here:
        \* ,_stateNumber |-> _TEPosition
        \* ,_toSendUnchanged |-> toSend = toSend'
        
        \* Format the `toSend` variable as Json value.
        \* ,_toSendJson |->
        \*     LET J == INSTANCE Json
        \*     IN J!ToJson(toSend)
        
        \* Lastly, you may build expressions over arbitrary sets of states by
        \* leveraging the _TETrace operator.  For example, this is how to
        \* count the number of times a spec variable changed up to the current
        \* state in the trace.
        \* ,_toSendModCount |->
        \*     LET F[s \in DOMAIN _TETrace] ==
        \*         IF s = 1 THEN 0
        \*         ELSE IF _TETrace[s].toSend # _TETrace[s-1].toSend
        \*             THEN 1 + F[s-1] ELSE F[s-1]
        \*     IN F[_TEPosition - 1]
    ]

=============================================================================



Parsing and semantic processing can take forever if the trace below is long.
 In this case, it is advised to uncomment the module below to deserialize the
 trace from a generated binary file.

\*
\*---- MODULE MCPaymentChannel_TETrace ----
\*EXTENDS IOUtils, MCPaymentChannel, TLC
\*
\*trace == IODeserialize("MCPaymentChannel_TTrace_1795689255.bin", TRUE)
\*
\*=============================================================================
\*

---- MODULE MCPaymentChannel_TETrace ----
EXTENDS MCPaymentChannel, TLC

trace == 
    <<
    ([settlingAt |-> 0,balance |-> [From |-> 1, To |-> 0, Channel |-> 1],toSend |-> 0,authorised |-> <<>>,epoch |-> 0,collected |-> FALSE,minSettleHeight |-> 0,laneStates |-> <<>>]),
    ([settlingAt |-> 0,balance |-> [From |-> 0, To |-> 0, Channel |-> 2],toSend |-> 0,authorised |-> <<>>,epoch |-> 0,collected |-> FALSE,minSettleHeight |-> 0,laneStates |-> <<>>]),
    ([settlingAt |-> 0,balance |-> [From |-> -1, To |-> 0, Channel |-> 3],toSend |-> 0,authorised |-> <<>>,epoch |-> 0,collected |-> FALSE,minSettleHeight |-> 0,laneStates |-> <<>>])
    >>
----


=============================================================================

---- CONFIG MCPaymentChannel_TTrace_1795689255 ----
CONSTANTS
    Accounts = { "From" , "To" , "Channel" }
    MaxLane = 1
    SettleDelay = 1
    MaxEpoch = 2
    FromFunds = 2
    ChannelFunds = 1
    Callers = { "From" , "To" }
    Signers = { "From" , "To" }
    Channels = { "This" }
    LaneIds = { 0 , 1 }
    Nonces = { 0 , 1 }
    Amounts = { 0 , 1 }
    TimeLocks = { 0 }
    SettleHeights = { 0 , 4 }
    MaxMerges = 1
    HashLocks = { FALSE }
    Secrets = { "Correct" }
    Extras = { "None" }
    AddAmounts = { 1 }
    Mutant = "Overdraw"

INVARIANT
    _inv

CHECK_DEADLOCK
    \* CHECK_DEADLOCK off because of PROPERTY or INVARIANT above.
    FALSE

INIT
    _init

NEXT
    _next

CONSTANT
    _TETrace <- _trace

ALIAS
    _expression
=============================================================================
\* Generated on Thu Nov 26 10:34:17 UTC 2026