# Frontline signal lexicon, English: finds signals in replies the trainee types in free-text nodes.
#
# Format: one entry per line; lines starting with # are comments, blank lines are ignored.
#   SIGNAL: phrase     the phrase carries SIGNAL (apology empathy ownership transfer canned
#                      familiar rude jargon plan upsell; gesture and resolve are left to authors)
#   !SIGNAL: phrase    exclusion: a SIGNAL match that overlaps this phrase does not count
#                      ("!apology: sorry you feel" - a non-apology; "!apology: sorry could you" -
#                      a polite request, not an apology)
#   negator: word      negates what follows it, within 3 words of the same clause
#   barrier: word      starts a new clause: negation before it does not reach past it
#   negatable: SIGNAL...   the signals negation cancels
#   stopword: word     skipped when an offer's name is read (its key is its first 2 other words)
#   familiar: :emoji:  any emoji or emoticon
# A phrase is words separated by spaces. Reply and phrase are cut into words (letters, digits,
# apostrophes), each reduced to its Snowball stem ("apologised" = "apologise"); a word in double
# quotes matches only that exact form ("checking" but not "check"; "a"|b quotes one alternative);
# a|b|c is one word with alternatives; (a b|c) is a group of word sequences (one entry each; no
# nesting); * is any one word or none, never a negator; a final ? matches only where a question mark
# follows the word before it ("!apology: sorry ?": "sorry?" asks), or after gaps, one of the words
# they cover ("sorry is * * ?"). A phrase matches where its words occur in order, within one
# sentence (. ! ? end sentences; commas do not). Negation: "don't worry I'll check" keeps its
# ownership and "I'll never transfer you" is no transfer because "never" stands within 3 words
# before "transfer" with no comma or barrier between; a negator inside the phrase ("not my problem")
# does not cancel it. Apology is not negatable: its negations are spelled out as exclusions ("not
# sorry", "won't apologise"), since "not sure when, sorry" still apologises. Lines may be long: a
# line is one thought, not one screen.
# Numbers are words with one canonical form (game/core/numbers.h): "nine", "09" and "9:00" are 9,
# "twenty-five" is 25, "third" and "3rd" are 3, "9pm" is 9 and pm. A number in quotes matches it
# in digits only ("9", "09"; a clock time by its hour: "9:30" is "9"), a quoted "1st" only "1st".
#
# The rules are families, not sentences: a phrase here should match the many ways agents say
# one thing (tests/data/replies-en.tsv shows them); a phrase that fits a single example does not
# belong. Measure with build/tests/bench/bench_signals, which also prints the held-out replies
# (tests/data/heldout-en.tsv): never tune on those.

# ---- negation ----------------------------------------------------------------------------------
# apology is not negatable: its negations are spelled out below ("not sorry", "won't
# apologise"), since "not sure when, sorry" and "no discount sorry" still apologise
negatable: empathy ownership transfer canned rude plan upsell
negator: not|never|no|nobody|nothing|neither|nor|without|hardly|cannot
negator: don't|dont|doesn't|doesnt|didn't|didnt|isn't|isnt|aren't|arent|wasn't|wasnt|weren't
negator: won't|wont|can't|cant|couldn't|couldnt|shouldn't|shouldnt|wouldn't|wouldnt
negator: haven't|havent|hasn't|hasnt|hadn't|hadnt|mustn't|needn't|ain't
barrier: i|i'm|im|i'll|i've|ive|i'd|we|we're|we'll|we've|let|let's|lets|you'll|please
barrier: but|and|so|because|cause|though|although|however|if|then|while|anyway|instead|just

# ---- offers: words an offer's name is read without ---------------------------------------------
stopword: the|a|an|for|of|to|with|and|or|on|in|at|by|from|per|plus|every|all|new|our|your|my

# ---- apology: the agent apologises -------------------------------------------------------------
apology: sorry|sory|sorrry|sorryy|sorryyy|sorrey|soory|sorrie|sry|srry|soz|sozz|sowwy|sowy
apology: apologise|apologize|apologies|apology|apologising|apologizing|apols|apologys
apology: appologies|appologise|appologize|appology|aplogies|apoligies|apologie|apologiez
# we admit what we did: "we should have told you", "you shouldn't have had to chase us"
apology: (we|i) * (should have|should've|shouldve|should of|shoulda) * told|called|rung|phoned|emailed|checked|caught|spotted|noticed|sent|explained|warned|informed|updated|contacted|flagged|replied|answered|done|offered|refunded|mentioned|realised|realized|cancelled|arranged|been|let|made|picked|given|kept|double
apology: (shouldn't have had to|should not have had to|should never have had to|shouldn't have to|should not have to|never should have had to)
apology: i|we|deeply|sincerely|truly regret
apology: forgive me|us
apology: please forgive
apology: (pardon|excuse) the|my|our delay|wait|typo|mix|confusion|mess|error|mistake|muddle
apology: my|our mistake|fault|error|bad|blunder|oversight|mix|mixup
apology: (that's|that|it's|this|this one's|that one's|it) (is on|on) us|me
ownership: (on us to|on me to) (fix|sort|put|resolve|make|get|sort out)
ownership: (i'll|we'll|i will|we will) have (the|your|it|that|this|a|an|someone|somebody|an engineer|our) * * (back|out|sorted|fixed|done|replaced|refunded|over|sent|with you|ready|credited)
ownership: (all done|all sorted|sorted|done|all set) for you
ownership: (you don't need to|you won't need to|you dont need to|no need for you to|nothing else for you to|nothing for you to) * do (anything|a thing)
apology: (that's|thats|that one's|this one's|that is|it's) (totally|completely|entirely|all|definitely|100%|fully|really|squarely) on (us|me)
apology: we|i (messed|screwed|mucked|slipped) up
apology: we|i made a|an mistake|error
apology: we|i got * wrong
apology: dropped the ball
apology: let you down
apology: (shouldn't|should not|should never|should not ever) * happened
apology: (not good enough|not acceptable|poor|unacceptable|not on|sloppy|really poor) (from us|on our part|of us|on our side)
apology: owe you an apology
apology: can't|cannot|couldn't * (apologise|apologize|say sorry) enough
apology: (couldn't|could not) be (more sorry|sorrier)
apology: (we were|i was) wrong
apology: ashamed|embarrassing|embarrassed
# non-apologies: the customer's feeling is the problem, not what we did
!apology: sorry (you feel|you felt|you think|you see|you are feeling|you're feeling|you perceive)
!apology: sorry (you're upset|you're unhappy|you're offended|you were offended|you are upset)
!apology: sorry if|that (you feel|you felt|you think|you were|you are|you're|anyone|this|that|it)
!apology: sorry (that's how you|it seems that way|it seems like)
!apology: sorry not sorry
!apology: sorry but (that's|that|those|it's|the|this|rules|policy|there's|we|i|you|it)
!apology: (apologies|apologise|apologize|my apologies|our apologies|i'm afraid|regret) but
!apology: sorry (if|if my|if our|if i|if we|if that|if this|if it|if anything|if something)
!apology: sorry (you|that you|you've|you have|you were|you had|if) * * * * * but
!apology: sorry * "what" ?
!apology: sorry * (need your|need you to|need a|need the|need to ask|need to check|need to confirm|can i|could i|may i|can you|could you|would you|will you|are you|is it|is that|is this|do you|did you|have you|just need)
!apology: sorry (before|just before|first|quickly|real quick) (i|we|can|could|may|just)
!apology: sorry to (say|tell you|inform|advise|report|have to tell|have to say|let you know|break it|be the bearer|jump in|butt in|chase|nag|ask|pester|hassle|rush you|interrupt|cut in)
!apology: sorry * * (that's the rules|those are the rules|rules are rules|that's policy|that's our policy|it's policy|it's the rules|that's the policy|that's how it is|that's just how it is|that's how it works|it is what it is|that's the way it is|no can do|can't help you)
!apology: sorry * * (not sure what you|don't know what you|dont know what you|dunno what you|no idea what you|not sure what else|don't know what else)
!apology: sorry but (you're|youre|you've|your|ur|no|nope|nah|not|unfortunately|i'm afraid|can't|cannot|won't|only|our|your|there|nothing|rules|policy|thats|its|u|ur|we're|we've|i'm|im)
!apology: sorry for your loss
!apology: regret to inform|advise
# politeness: sorry + a request or a question (not an apology)
!apology: sorry could|can|would|will|may * you|u|i|we
!apology: sorry what|which|who|where|when|how|whats|what's|whose
!apology: sorry do|did|does|is|are|was|were|have|has * you|u|it|that|this|there
!apology: sorry i|we didn't|didnt|don't|dont catch|hear|get|understand|follow
!apology: sorry i (did not|do not) catch|hear|get|understand|follow
!apology: sorry (i missed that|i missed what|i missed your name|missed that)
!apology: sorry (come again|say again|say that again|repeat|once more|pardon)
!apology: sorry * one|a|just * moment|sec|second|seconds|minute|mo|tick
!apology: (not going to|won't|refuse to|will not|not about to|not gonna) * sorry|apologise|apologize
!apology: sorry * to bother|trouble|interrupt|disturb
!apology: sorry (hold on|bear with|hang on)
!apology: (excuse me|pardon me)
!apology: sorry (just to|to confirm|to check|to clarify|quick question|one question|one more thing|quickly|just checking|just confirming)
# bare "sorry?" asks the customer to say it again; "sorry, is that...?" asks a question
!apology: sorry ?
!apology: sorry is|are|was|were|do|does|did|have|has|had|can|could|would|will|shall|should|may|might * the|that|this|it|there|you|u|your|ur|we|i|he|she|they|a|an|these|those|any|anything|someone|everything
!apology: sorry * * * (you've lost me|lost me|you've confused me|i'm confused|im confused|i'm lost|i'm not following|not with you|you lost me|lost me there|not following|don't follow|dont follow|not sure i follow|not sure i understand|not sure i get|not sure what you mean|not sure what u mean|didn't quite get|didnt quite get|didn't quite catch|what do you mean|what you mean|do you mean|you mean)
!apology: sorry (bit of a|a bit of a|a|another|one more|one|just a|quick|silly|stupid|daft|random|odd|dumb|weird|possibly|probably|maybe) * question|q
# "sorry to hear" sympathises (empathy); it does not apologise
!apology: sorry to (hear|read|see|learn|find out|hear about|read about)
# negated apologies, spelled out (apology is not negatable)
!apology: (not|never|no|isn't|wasn't|aren't|ain't|won't|don't|dont|didn't|didnt|doesn't|nothing|without|hardly|wouldn't|shouldn't|hasn't|haven't|cannot) sorry|apologise|apologize|apologies|apology|apologising|apologizing
!apology: (not|never|won't|don't|dont|didn't|didnt|wasn't|isn't|aren't|no) (at all|even|one bit|remotely|particularly|really|in the least|being|be|say|said|saying|feel|feeling|going to|gonna|about to|need to|have to|intend to|planning to|plan to|want to|got to|gotta|obliged to|supposed to) * sorry|apologise|apologize|apologies|apology
!apology: (not|never|won't|don't|didn't|no) (going to|gonna|about to|need to|have to|be) (say|be|give|offer) * sorry|apology|apologies
!apology: (refuse to|refusing to|no reason to|not the one to) * sorry|apologise|apologize
!apology: (not|never|isn't|wasn't|isnt|wasnt|aren't|weren't|no|hardly|nothing|nowt) * (our|my|us) mistake|fault|error|bad|blunder|oversight|mixup|doing|problem
!apology: (not|never|isn't|wasn't|isnt|wasnt|nothing) (on us|on me|down to us|down to me|our side|on our side|on our end)
!apology: (wouldn't say|wouldnt say|don't think|dont think|not saying|wouldn't call|not convinced|doubt|hardly) * * * (our|my) mistake|fault|error|bad|blunder
!apology: (didn't|didnt|did not|haven't|havent|never) (mess|messed|screw|screwed|get|got|make|made|do|did) * * up|wrong|mistake|error
!apology: (don't|dont|do not|no need to|nothing to) * * * sorry|apologise|apologize
!apology: (if you feel|if you felt|if you think|if you thought) * * * down|wrong|mistake|fault|badly
# the fault admitted where it lies: "the glitch was on our end", "that was on our side"
apology: (glitch|error|bug|fault|mistake|mix-up|mixup|slip|problem|issue|cock-up) (was|is|is on|on|at|from) * (our|my) (end|side)
apology: (it was|that was|this was|it's|that's|thats|its|was|is) (on|at) (our|my) (end|side)
!apology: (no|not|any|isn't|wasn't|nothing|never|can't see|cannot see|don't see|dont see|cant see) * * (glitch|error|bug|fault|mistake|problem|issue|issues|problems|errors|faults|glitches)
# someone else apologised, or the apology is reported: "the restaurant has apologised", "the hotel
# said sorry", "the driver sends his apologies" are not this reply's apology
!apology: (he|she|they|it|has|had|who|which|they've|he's|she's|driver|courier|restaurant|hotel|seller|shop|store|bank|manager|team|airline|engineer|technician|staff|colleague|warehouse|depot|partner|supplier) * "apologised"|"apologized"|"apologises"|"apologizes"
!apology: "said"|"says" sorry
!apology: (their|his|her) (apologies|apology)
# sorry for a bad line asks to hear again: "sorry, bad line, could you repeat that?"
!apology: sorry * * (bad line|line's bad|line is bad|can't hear|cant hear|you're breaking up|breaking up|lost you|cut out|cutting out|signal) (could|can|would|say|repeat|please|what|you|are|is)

# ---- empathy: acknowledges the customer's feeling or situation ---------------------------------
empathy: i * understand|understood
empathy: "understandable"|"understandably"
empathy: i get it|why|that
empathy: i totally|completely|fully|really|do|definitely get it|why|that
empathy: i hear you|what|how
empathy: i can (see why|see how|tell|hear how|hear that)
empathy: i can imagine
empathy: i can only imagine
empathy: imagine how|what
empathy: makes * sense (that you|why|you're|you are|to be)
empathy: must|must've (be|been|have been) * hard|difficult|awful|frustrating|stressful|annoying
empathy: must|must've (be|been|have been) * worrying|upsetting|exhausting|disappointing|horrible
empathy: must|must've (be|been|have been) * scary|infuriating|maddening|tough|rough|awkward
empathy: sounds|sound * frustrating|stressful|awful|horrible|exhausting|worrying|upsetting|scary
empathy: sounds|sound * annoying|infuriating|tough|rough|hard|difficult|disappointing|maddening
empathy: (sounds like|such|what) a * nightmare|pain|hassle|tough|rough|hard|stressful|awful
empathy: frustrating|frustrated|stressful|stressed|upsetting|disappointing|disappointed
empathy: annoying|annoyed|worrying|exhausting|infuriating|maddening|unfair|scary
empathy: awful|terrible|horrible|horrendous|nightmare|dreadful
empathy: (you're|you are|you were|you've been) * upset|worried|angry|unhappy|cross|fed
empathy: no wonder
empathy: (that's|thats|that is|it's|this is|how) * bad|awful|terrible|rubbish|annoying|frustrating|unfair|gutting|pants|infuriating
empathy: (oh no|oh dear|what a shame|such a shame|that's a shame|how awful|that's rough)
empathy: (that's|thats|that is|it's|its|what|such|how|a real|a total|an absolute) a * pain|nightmare|hassle|bummer|drag|headache|shame|faff|letdown|disappointment|worry
empathy: (that's|that is|it's|this is|thats|its) not (good|great|fair)
empathy: (totally|completely|perfectly|entirely|absolutely|very|more than|only|so) fair (you|that you|to want|to be|to ask|to expect|enough to|to feel|you want|you're)
empathy: (it's|that's|its|thats) fair (you|that you|to want|to be|to ask|to expect|to feel)
!empathy: i know how (the|this|it|our|we|to|things|that|these|everything) * (works|work|operates|goes|runs|system|process|done)
empathy: not the (service|standard|level of service|way we|kind of service|sort of service|service we|standard we|experience we|level we|care we)
empathy: (a fair question|fair question|a fair thing|fair thing to|fair enough to ask|a fair point|that's fair|is what matters|what matters most|every minute counts|clock is ticking|a lot to find|a lot of money|a lot to deal with)
empathy: (isn't|wasn't|is not|was not) what you (want|wanted|were hoping|hoped|expected|were expecting|need|needed|deserve|paid for|signed up for|asked for|ordered)
empathy: not what you (want|wanted|were hoping|hoped|expected|were expecting|need|needed|deserve|paid for|signed up for)
empathy: (i see what you mean|i see your point|see where you're coming from|i hear what you're saying|i take your point|you have a point|you've got a point|you make a good point)
empathy: (more than patient|you've been so patient|you've been very patient|you've been really patient|you've been incredibly patient|you've been extremely patient|you've been patient|you've been super patient)
empathy: (you were right|you were correct|you're correct|you are correct|you were absolutely right|you're spot on)
empathy: tough|rough|hard|difficult * day|week|month|morning|time|few
empathy: (long wait|long week|long day|long time to wait)
empathy: (i'd|i would|anyone would|anyone'd) (be|feel) * frustrated|annoyed|upset|angry|too
empathy: (i'd|i would|anyone would|anyone'd) (be|feel) * worried|same|cross|furious|fuming
empathy: feel the same
empathy: in your shoes|position|place|situation
empathy: (every right|a right to be|right to be)
empathy: (you're|you are) (right|absolutely right|totally right|completely right|quite right)
empathy: (that's|that is) a (fair|good|valid) point
empathy: i know (how|what it's like|it's been|this has|this is|it is|that's|that must)
empathy: i appreciate (how|that this|this has|this is|it's|that it's|that you've)
empathy: appreciate you explaining|sharing|telling
empathy: not the experience
empathy: (runaround|run around|hassle|messing about|faff|mess|ordeal) * (you've had|you have had|you've been|you went|you had)
empathy: (you've been through|you have been through|you went through|you've had to deal)
empathy: sorry to hear|read|see
empathy: sorry (that happened|this happened|you had|you've had|you have had|you've been)
empathy: you had to chase|wait|call|contact|go|deal|ring
empathy: nothing to (apologise|apologize|be sorry)
empathy: (don't|dont|do not|no need to|doesn't|needn't|never) * * (apologise|apologize|be sorry|say sorry|feel bad)
empathy: (don't|dont|do not|no need to) * (apologise|apologize|be sorry)
empathy: not your fault|mistake|doing
empathy: (isn't|wasn't|is not|was not|never|definitely not) * your fault
empathy: (don't|dont|do not|can't|cannot) * blame you
empathy: not surprised
empathy: (not ideal|not fair on you|not okay|not ok|not acceptable|unacceptable|not right)
empathy: sorry for your loss
empathy: you did (everything right|nothing wrong|the right thing)
empathy: your concern|concerns|worry|worries
empathy: i'd|i'm (be worried|worried too|concerned too)
empathy: (not blaming you|don't blame you|dont blame you|wouldn't blame you|can't blame you|cant blame you|not judging you)
empathy: (shouldn't have had to|should not have had to|should never have had to|shouldn't have to|should not have to|never should have had to)
empathy: (last thing you need|last thing you want|last thing you needed|the worst|worst timing|bad timing|awful timing|terrible timing)
empathy: (i'd|i would|anyone would|anyone'd|i'd have|i would have|i'd've) * * (done the same|do the same|feel the same|felt the same|same thing)
!empathy: (you|u) must be (confusing|mixing|thinking|mistaken)
empathy: must|must've (be|been|have been) * embarrassing|humiliating|inconvenient|confusing|overwhelming|heartbreaking|devastating|upsetting
# template empathy is canned, not empathy; "no need to get upset" is not empathy either
!empathy: (understand|appreciate) your (frustration|inconvenience)
!empathy: we understand your|that
!empathy: sorry (you're|you are|that you're|you feel|you felt|if you)
!empathy: (don't see why|dont see why|don't understand why|don't know why|no reason|nothing to be|no need to be) * * upset|angry|annoyed|worried|frustrated|upsetting
!empathy: (not sure|don't think|dont think|not certain|not sure if) * * understand|get
!empathy: (appreciate|for) your understanding
!empathy: (no need to|don't|dont|do not) * get|be * upset|angry|annoyed|worked|frustrated
!empathy: (sorry to hear|sorry to see) * * you feel
!empathy: sorry (you|that you|you've|you have|you were|you had) * * * * * but
# "you did nothing wrong", said many ways: "you haven't done anything wrong", "none of this is down
# to you", "nothing you did caused this", "you've done exactly what you were supposed to"
empathy: (you|u) (haven't|havent|have not|didn't|didnt|did not|never|have never) (done|do|did) (anything|a thing) (wrong|bad|incorrectly|to cause|to deserve)
empathy: (you've|youve|you have) (not|never) (done|did) (anything|a thing) (wrong|bad|incorrectly|to cause|to deserve)
empathy: (you|u|you've|youve|you have) (did|done) nothing (wrong|bad|incorrectly|to cause|to deserve)
empathy: (none of this|none of it|none of that) (is|was|'s) (down to you|on you|your fault|your doing|because of you|anything you did|something you did|caused by you)
empathy: (isn't|wasn't|is not|was not|isnt|wasnt|not) * (down to you|on you|because of you|caused by you|anything you did|something you did|your doing)
empathy: nothing (you|u) (did|have done|could have done|could've done|did wrong)
empathy: (you|you've|youve|you have|u) (did|done|followed) (everything|all|exactly|just) * (right|correctly|properly|by the book|you should|you were supposed|you needed|you could|we asked|the steps)
# the feeling shared or named without the usual words: "I'm gutted for you", "that would wind me up
# too", "you must be sick of repeating yourself", "what a start to your holiday", "far too long"
empathy: (gutted|sad|devastated|heartbroken|feel|feel bad|feel awful|feel terrible|feel so bad) for (you|u)
empathy: (far|way|much|so|really) too long
empathy: (a lot of|so much|all this|all the|all that|lots of|endless|constant) (back and forth|chasing|running around|messing about|messing around|waiting around)
empathy: (would|that'd|thatd|it'd|itd) * (wind me up|drive me mad|drive me crazy|drive me up the wall|annoy me|frustrate me|upset me|bother me|do my head in|get to me|infuriate me|irritate me|worry me)
empathy: (you|you're|youre|you've|you must|you'll|u) * * (sick|tired|fed up|exhausted) (of|with)
empathy: (ah|aw|aww|ahh|awh|ohh|ohhh) no
empathy: (start|way to start|end|way to end) to (your|the) (holiday|day|trip|week|weekend|year|stay|morning|birthday|honeymoon|move|journey)
empathy: (that's|thats|that is|it's|this is|how) * * awful|terrible|rubbish|annoying|frustrating|unfair|gutting|infuriating|horrible|miserable
empathy: (i'd|i would|anyone would|anyone'd) (want|expect|be asking for|ask for|be after) * * * * (too|as well)
empathy: i (hate|hated) (that|it|this|them|those) (too|as well)
# "I understand" that restates or checks facts is no empathy: "if I understand correctly", "as I
# understand it", "I understand the order number is 4471, is that right?"; nor is a right to a
# refund
!empathy: (if|as|from what) i * understand|understood
!empathy: (understand|understood) (correctly|right|rightly)
!empathy: understand * * * * * (is that right|is that correct|correct|right) ?
!empathy: (right|rights|entitled) to (a|an|the|your|cancel|refund|return|claim|compensation|full|partial|money)
# sympathy in a word or two: "poor you", "yikes", "rotten luck", "through the wringer", "nobody
# should have to wait that long", "must have been a shock"
empathy: poor (you|u|thing|soul)
empathy: (oh gosh|oh god|oh my god|oh my goodness|oh man|oh jeez|yikes|ouch|oof|eek)
empathy: (rotten|bad|terrible|awful|horrible|rubbish|cruel|such bad) luck
empathy: (been|gone|going|put) through (the wringer|the mill|a lot|so much|hell|enough)
empathy: (nobody|no one|noone|no customer) should (have to|need to|be made to|ever have to)
empathy: must|must've (be|been|have been) * * shock|ordeal|blow|worry|mess|nightmare
# "I know how to fix it", "I can tell you the refund went out", "I get that a lot": no feeling
# acknowledged; "no wonder it didn't arrive" blames; "it's frustrating when people don't read"
# lectures
!empathy: i know how to
!empathy: i can tell (you|u)
!empathy: i get (that|it|this) (a lot|alot|all the time|every day|often|quite a lot)
!empathy: no wonder (it|the|that|this|your|they|he|she|we)
!empathy: (frustrating|annoying|irritating|tiresome|tiring|difficult|hard) when (people|customers|folk|some people)
empathy: (that's|thats|that is|it's|its) * not on
empathy: (that's|thats|that is|oh that's) no good
empathy: (it's|its|it is) not (just|only) you
empathy: (you're|you are|youre) not alone
# a thing, not the customer's lot, called terrible: "the system's a nightmare today", "the signal is
# terrible in your area"
!empathy: (system|systems|system's|app|app's|website|site|signal|coverage|reception|weather|traffic|computer|network) * * * (nightmare|terrible|awful|horrendous|dreadful|horrible|rubbish)

# ---- ownership: takes the problem on (not "let me know", "let me transfer you") ----------------
ownership: let me * check|look|see|find|sort|fix|handle|chase|investigate|dig|pull|double
ownership: let me * raise|escalate|contact|call|ring|email|speak|talk|reach|follow|arrange
ownership: let me * book|cancel|refund|replace|process|personally|try|organise|organize|deal
ownership: let me * (take care|take a look|have a look|get this|get that|get it|work on|help)
ownership: let me * go|run|get|set|open|flag|log|note|add|update|change|move|credit|waive|remove|send|order|rebook|reschedule|reset|freeze|block|unblock|request|submit|file|lodge|amend|correct|reverse|resend|reship|reopen|close|pause|stop|switch|apply|put|pop|sort|ask|push|query|review|verify|confirm|trace|track|locate|recover|reinstate|restore|reactivate|compensate|upgrade|downgrade|authorise|authorize|approve|pass|note|mark|prioritise|prioritize|expedite|speed|hurry|nudge|get
!ownership: let me (put you through|put you on|transfer|pass you|connect you|redirect|know|explain|be|say|tell you|remind|ask you|check you|confirm your|get your|take your|grab your|have your|just say|just explain|be clear|be honest)
ownership: (i'll|i will|ill|i'm going to|im going to|i'm gonna|im gonna|i shall) * check|look|sort|fix|handle|deal|chase|take|find|raise|escalate|contact|call|ring|arrange|book|investigate|personally|make|follow|refund|cancel|replace|push|stay|speak|talk|email|reach|process|do|see|resolve|organise|organize|help|dig
ownership: (i'll|i will|ill|i'm going to|im going to|i'm gonna|im gonna|i shall|we'll|we will|we're going to) * get|put|open|set|flag|credit|keep|move|update|change|send|note|log|add|remove|waive|apply|submit|file|lodge|report|rebook|reschedule|order|reorder|freeze|block|unblock|reset|reactivate|pass|try|mark|request|authorise|authorize|approve|cover|close|reopen|resend|reship|ship|post|dispatch|amend|correct|redo|repair|reverse|compensate|pay|issue|give|offer|expedite|prioritise|prioritize|nudge|query|review|trace|track|locate|recover|restore|reinstate|upgrade|downgrade|transfer|swap|exchange|collect|pick|courier|arrange|organise|sort|fix|replace|refund|cancel|book|chase|check|retry|resubmit|reprocess|reissue|redo
!ownership: (need your|need you to|need a copy|need the|need some|need to ask|transfer you|put you through|pass you|connect you|redirect you|transfer your call|get back to you|come back to you|be in touch|let you know|keep you|get you to|have to transfer|give you a ring|give you a call|give you a bell|give you a shout|send you a text|drop you|update you)
ownership: (we'll|we will|we're going to|we are going to) * sort|fix|handle|replace|refund|deal
ownership: (we'll|we will|we're going to|we are going to) * (take care|get this|get it|resolve)
ownership: i'm|im (checking|looking|sorting|chasing|dealing|handling|investigating|fixing)
ownership: (i'm|im|i am|we're|we are) (just|now|currently|already|still|actually|busy) "pulling"|"getting"|"bringing"|"opening"|"reading"|"going"|"having"|"taking"|"raising"|"booking"|"arranging"|"processing"|"sending"|"refunding"|"cancelling"|"chasing"|"checking"|"looking"|"sorting"|"fixing"|"investigating"|"escalating"|"dealing"|"handling"|"working"|"doing"|"setting"|"putting"|"logging"|"updating"|"speaking"|"contacting"|"calling"|"emailing"
ownership: (i'm|im|i am) "pulling"|"bringing"|"opening"|"reading"|"raising"|"booking"|"arranging"|"processing"|"sending"|"refunding"|"cancelling"|"setting"|"putting"|"logging"|"updating"|"speaking"|"contacting"|"emailing"|"reviewing"|"resending"|"rebooking"|"crediting"|"waiving"
ownership: i'm|im (arranging|processing|escalating|raising|on it|on this|onto it|looking into)
ownership: i am * checking|looking|sorting|chasing|dealing|handling|investigating|fixing
ownership: "checking" your|that|this|now|with|for|the|on|into|it
ownership: "looking" into|now
ownership: "looking" at your|this|that|it
ownership: on "it"
ownership: (gonna|going to) * check|look|sort|fix|chase|call|contact
ownership: (i'll|i will|we'll|i can|let me) * get (this|it|that|you) * sorted|fixed|resolved|done|replaced|refunded
ownership: i'll let (the|your) * * know
ownership: leave (it|this|that) with me
ownership: consider it done
ownership: (i've|ive|i have|we've) * got this|you
ownership: (i've|ive|i have|we've) got it covered
ownership: (i've|ive|i have|we've|we have) * cancelled|canceled|refunded|booked|arranged
ownership: (i've|ive|i have|we've|we have) * sorted|escalated|raised|chased|contacted|emailed
ownership: (i've|ive|i have|we've|we have) * called|spoken|reserved|extended|fixed|processed
ownership: (i've|ive|i have|we've|we have) * flagged|logged|updated|credited|reversed|changed
ownership: (i've|ive|i have|we've|we have) * issued|requested|ordered|rebooked|replaced
ownership: (i've|ive|i have|we've|we have) * frozen|blocked|unblocked|waived|removed|reset|reactivated|applied|added|moved|paused|stopped|switched|opened|reopened|submitted|lodged|filed|reported|notified|marked|set|resent|reshipped|found|traced|located|recovered|restored|reinstated|amended|corrected|adjusted|upgraded|expedited|prioritised|prioritized|authorised|authorized|approved|paid|compensated|refunded|cancelled|canceled|booked|arranged|chased|passed|forwarded|asked|checked|looked|gone|managed|organised|organized|put|arranged|swapped|exchanged|posted|dispatched|shipped|collected|scheduled|rescheduled|pinged|messaged|nudged|poked|prodded|texted|phoned|rung|rang|resubmitted|reprocessed|reissued|reapplied|retried|redone|rerun|reattempted|reordered|recredited|replaced|fixed|sorted|sent|updated|credited|changed|extended|reduced|lowered|split
ownership: (on the case|onto it|onto this|on top of it|all over it|right on it|straight on it)
ownership: (found it|found your|i found|i've found|ive found|we found|we've found|got it here|found the problem|found the issue)
ownership: i * "froze"|"blocked"|"unblocked"|"waived"|"removed"|"reset"|"reactivated"|"applied"|"added"|"moved"|"paused"|"stopped"|"switched"|"opened"|"submitted"|"lodged"|"filed"|"reported"|"flagged"|"marked"|"resent"|"traced"|"located"|"recovered"|"restored"|"amended"|"corrected"|"adjusted"|"upgraded"|"expedited"|"authorised"|"authorized"|"approved"|"credited"|"reversed"|"issued"|"ordered"|"updated"|"changed"|"logged"|"escalated"|"passed"|"forwarded"|"put"|"posted"|"dispatched"|"arranged"|"scheduled"|"rescheduled"|"managed"|"got"|"found"
ownership: (i've|ive|i have|we've|we have) * (gone ahead|put a note|added a note|made a note|sent)
ownership: i * "checked"|"spoke"|"called"|"contacted"|"emailed"|"chased"|"raised"|"escalated"|"arranged"|"booked"
ownership: i * "cancelled"|"refunded"|"sorted"|"fixed"|"rang"|"confirmed"|"rebooked"|"reordered"|"requested"
ownership: i can * sort|fix|arrange|refund|cancel|replace|book|chase|check|look|resend|reship
ownership: i can * (get this|get that|get it|do that|do this|take care)
ownership: (i can|we can|i could|we could) * set|get|rebook|open|move|add|waive|credit|remove|update|change|switch|reset|freeze|block|unblock|send|raise|escalate|order|reorder|arrange|organise|organize|put|reopen|amend|correct|reverse|request|expedite|chase|pass|flag|log|cover|apply|speed|upgrade|downgrade|swap|exchange|collect|reschedule|split|spread|extend|reduce|lower|pause|stop|try|retry|resubmit|reprocess|reissue|refund|replace|fix|sort|cancel|book|process|push|dispatch|ship|post|resend|reship
!ownership: (can|could) (i|we) (get|have|take|grab|ask|set) (your|you|a|the) (details|number|name|postcode|date|email|address|photo|reference|account|order|booking|card)
ownership: "myself"|"personally"
ownership: (want me to|like me to) * check|look|chase|sort|fix|call|contact|arrange|book
ownership: (want me to|like me to) * cancel|refund|raise|email|ring|find|see|escalate
ownership: while i * check|look|find|sort|pull|investigate|sort
ownership: give me * * to check|look|find|sort|see|pull|dig|investigate|fix|chase|figure|work|go|run|get|have|read|review|speak|talk|call|contact
ownership: (stay on top|keep on top|keep an eye|follow it up|follow this up|follow up on)
ownership: (no need to|don't need to|dont need to|don't have to|do not need to|no need for you to|no reason to|no need for you) * call|contact|ring|email|go|chase|write|visit|phone|speak|talk|reach|get|message|ask|take|send|return
ownership: (you won't need to|you will not need to|you won't have to) * call|contact|ring|email|go|chase|write|visit|phone|speak|talk|reach|get|message|ask|take|send|return
ownership: no point * calling|contacting|ringing|chasing|emailing|going
ownership: (not transferring|won't transfer|not going to transfer|won't pass you|won't send you)
ownership: (won't ask you to|won't make you|not going to make you|don't want you to) * call|contact|ring|email|go|chase|write|visit|phone|speak|talk|reach|get|message|ask|take|send|return
ownership: (i want to|i'd like to|i'd love to|i really want to|i'm determined to) * (get|sort|fix|help|resolve|make|find|put) * * fixed|sorted|resolved|right|done|out|this|it|that|you
ownership: (help anyway|help you anyway|i'll still help|i'll help|happy to help)
ownership: (i'll|i will|we'll|i'm|im|we're|i) (keep|be) (trying|checking|chasing|on it|on top|pushing|working|looking|an eye|following|monitoring|watching|tracking)
ownership: (i'll|we'll|i will|we will|i can|we can|let me|i've|we've|i have|we have) * send|ship|post|dispatch|get|reship|resend * * replacement|new|another
ownership: bear with me while
ownership: let's * sort|fix|figure|work|find|check|look|resolve|get|try|put|set|do|make|have
ownership: let's see what
ownership: i'll do that|it
ownership: i can do that|this
ownership: (this isn't|this is not) * but i'll
ownership: "just checking"
ownership: "sending"|"fixing"|"sorting"|"arranging"|"booking"|"processing"|"cancelling"|"refunding"|"chasing"|"resending" now|the|it|that|this|you|a|over|out|your
# "I'll call you back" says when, it is a plan (see plan:), not taking the problem on
!ownership: call|ring|phone|email|text|message you
!ownership: send you (an|the|a) (update|email|text|message|link|confirmation|sms|reply|note|summary|copy|reminder)
# someone else doing it is not the agent taking it on: "engineers are working on it"
!ownership: (are|is|they're|theyre|he's|she's|it's|team's|seller's|courier's|engineers|they|he|she) * * on it
!ownership: (is|are|they're|theyre|he's|she's|it's|they|he|she|seller's|courier's|shop's|bank's) "sending"|"fixing"|"sorting"|"arranging"|"booking"|"processing"|"cancelling"|"refunding"|"chasing"|"resending"|"checking"|"looking"
# done for the customer, reported: "refund's been processed", "replacement's sorted"
ownership: refund|refunds|replacement|credit|cancellation|rebooking|exchange|reship|resend * (been processed|been issued|been approved|been sent|been arranged|been booked|been requested|been raised|been done|been sorted|been authorised|been authorized|been credited|been cancelled|done|sorted|gone through|on its way)
ownership: (i'll|i will|let me|i'm going to|im going to|i'm gonna|im gonna|i can|i'll just|let me just) (have|take|grab|get) a * (look|peek|dig|gander)
ownership: (see|find out|work out|check) what (i|we) can (do|sort|arrange|offer)
ownership: (i've|ive|i have|we've|we have) * bumped|reprovisioned|rebooted|restarted|refreshed|reconnected|unlocked|enabled|activated|renewed|topped|cleared|resynced|queued|pushed
ownership: i know how to (fix|sort|solve|get|do|resolve|sort out)
# a turn of phrase, not an action: "let me get this straight", "let me put it this way", "let me
# stop you there", "I'll take that as a no", "I'll keep that in mind", "personally I'd go with", "a
# customer myself"
!ownership: let me (get|put) (this|that|it) (straight|this way|another way|simply|bluntly|plainly|like this)
!ownership: let me (stop you|guess|remind you|just say|tell you something|be frank|be blunt)
!ownership: (i'll|i will|ill) take (that|it|this) as
!ownership: (keep|bear) (that|it|this) in mind
!ownership: "personally" (i|i'd|i'm|speaking|think|prefer|would|feel|id)
!ownership: i "personally" (think|prefer|would|like|feel|believe|reckon|find)
!ownership: (a customer|a parent|a mum|a dad|a user|an owner|a dog owner|frustrated|annoyed|confused|surprised|had this|had that|had the same|use it|been there|a customer of) * "myself"
# checking what was said is not taking the problem on: "let me check I've got this right", "let me
# just confirm your address", "let's make this quick"
!ownership: let me * (check|make sure|double check|confirm) (i've|i have|i'm|i understand|i understood|i got|that i|i heard|i'm understanding)
!ownership: (i've|ive) got (this|that|it) (right|correct|straight)
!ownership: let me (just|quickly) (confirm|check|take|grab|get|have) your
!ownership: (let's|lets) (make this|make it) (quick|quicker|brief|short|simple)
!ownership: (let's|lets) (keep this|keep it|not|be|start)

# ---- transfer: sends the customer elsewhere (another company, number, place, later) ------------
transfer: contact|call|ring|phone|email|ask|try|visit|message|dm|text * courier|couriers|bank|seller|retailer|store|shop|manufacturer|maker|provider|network|airline|post|branch|merchant|vendor|supplier|insurer|card|issuer|support|team|department|billing|complaints|returns|helpdesk|carrier|driver|delivery|apple|amazon|accounts|office|landlord|insurance|ebay|warranty|technician|customer|service|repair|dealer|council|them|him|her|police|hmrc|dpd|dhl|evri|hermes|ups|fedex|gp|pharmacy|marketplace|brand|factory|desk|counter|airport|hotel|restaurant|agency|agent|agents|embassy|consulate|doctor|broker|openreach|solicitor|lawyer|ombudsman|reception|depot|operator|isp|partner|partners|claims|fraud|sales|garage|vet|regulator|ofgem|ofcom|dvla|letting|mortgage|lender|retentions|specialist|specialists|experts|agency
transfer: speak|talk|write|go|head|reach|pop|return|send|take|bring|raise|check * to|with|into * * courier|couriers|bank|seller|retailer|store|shop|manufacturer|maker|provider|network|airline|post|branch|merchant|vendor|supplier|insurer|card|issuer|support|team|department|billing|complaints|returns|helpdesk|carrier|driver|delivery|apple|amazon|accounts|office|landlord|insurance|ebay|warranty|technician|customer|service|repair|dealer|council|them|him|her|police|hmrc|dpd|dhl|evri|hermes|ups|fedex|gp|pharmacy|marketplace|brand|factory|desk|counter|airport|hotel|restaurant|agency|agent|agents|embassy|consulate|doctor|broker|openreach|solicitor|lawyer|ombudsman|reception|depot|operator|isp|partner|partners|claims|fraud|sales|garage|vet|regulator|ofgem|ofcom|dvla|letting|mortgage|lender|retentions|specialist|specialists|experts|agency
transfer: (get in touch with|reach out to|raise it with|raise this with|take it up with)
transfer: (take that up with|take this up with|deal directly with|go directly to|speak directly)
transfer: contact|call|email|ask|ring them
transfer: question|matter|issue|query|one|problem|thing|job * for * courier|couriers|bank|seller|retailer|store|shop|manufacturer|maker|provider|airline|insurer|merchant|vendor|supplier|carrier|issuer|dealer|brand|them|department|team|billing
transfer: courier|couriers|bank|seller|retailer|store|shop|manufacturer|maker|provider|airline|insurer|merchant|vendor|supplier|carrier|issuer|dealer|brand * responsibility|problem|issue|job|fault|department|end
transfer: (handled|dealt with|managed|covered|looked after|taken care of) by * * courier|couriers|bank|seller|retailer|store|shop|manufacturer|maker|provider|network|airline|post|branch|merchant|vendor|supplier|insurer|card|issuer|support|team|department|billing|complaints|returns|helpdesk|carrier|driver|delivery|apple|amazon|accounts|office|landlord|insurance|ebay|warranty|technician|customer|service|repair|dealer|council|them|him|her|police|hmrc|dpd|dhl|evri|hermes|ups|fedex|gp|pharmacy|marketplace|brand|factory|desk|counter|airport|hotel|restaurant|agency|agent|agents|embassy|consulate|doctor|broker|openreach|solicitor|lawyer|ombudsman|reception|depot|operator|isp|partner|partners|claims|fraud|sales|garage|vet|regulator|ofgem|ofcom|dvla|letting|mortgage|lender|retentions|specialist|specialists|experts|agency
transfer: another|different|other|relevant|right|wrong|separate * department|team|company
transfer: not (our|my|this) (department|team|area)
transfer: (transfer you|transferring you|transfer your call|put you through|pass you on)
transfer: (pass you over|pass you to|connect you to|connect you with|redirect you|refer you)
transfer: (send you over|forward you to|put you on to|transfer this|escalate you to)
transfer: call|ring|phone|check|come|try * back|again
transfer: (try later|try again|call again|ring again|contact us again|message us again)
transfer: (write to us again|get back to us later|reach out again|try tomorrow)
transfer: call|ring|phone|dial * 0800|0808|0845|0844|0300|0330|0333|0345|0370|1800|800|number
transfer: on 0800|0808|0845|0844|0300|0330|0333|0345|0370|1800
transfer: hotline|helpline|switchboard
transfer: have a word with
# their number: another party's contact details
transfer: (their|his|her) (number|phone number|contact details|details|email|email address|website|site|helpline|hotline|phone line|address|socials|chat)
transfer: (number|contact details|details|email|email address|helpline|hotline|phone number|address) (for|of) (the|your) * courier|bank|seller|retailer|store|shop|manufacturer|provider|network|airline|insurer|merchant|vendor|supplier|carrier|dealer|council|police|landlord|hotel|airport|restaurant|agency|claims|complaints|team|department
!transfer: courier|couriers|bank|seller|retailer|store|shop|manufacturer|maker|provider|airline|insurer|merchant|vendor|supplier|carrier|issuer|dealer|brand (end|side|problem|issue|fault|responsibility) * * * (i'm|i'll|i've|i|we're|we'll|we've|let me|but i|so i)
!transfer: "asked"|"called"|"rang"|"emailed"|"contacted"|"messaged"|"phoned"|"texted"|"visited"|"tried"|"pinged"|"chased"|"spoke"|"spoken"|"talked"|"wrote"|"written"|"reached"|"sent"|"raised"|"checked"|"told"
!transfer: (rather than|instead of|save you|saves you|saving you|so you don't|so you won't|no need for you to|without) * * send|sending|make|making|have|having|ask|asking|tell|telling|go|going|call|calling|ring|ringing|contact|contacting|visit|visiting|pop|popping|take|taking|return|returning
!transfer: (courier|driver|they|he|she|we|engineer|technician|system|i|it|team|depot) (will|would|can|could|might|should) * try|call|come|ring|check * again|back
transfer: (best people|best person|right person|best ones|best team|people to help|person to ask|ones who can|ones that can|people who can|team who can|department that) * * (are|is|to|would|will|can) * * courier|bank|seller|retailer|store|shop|manufacturer|provider|network|airline|insurer|merchant|vendor|supplier|carrier|dealer|council|police|landlord|hotel|airport|them|they
transfer: (question|matter|issue|query|one|problem|thing|job) for (your|the|their) * * courier|bank|seller|retailer|store|shop|manufacturer|maker|provider|network|airline|insurer|merchant|vendor|supplier|carrier|issuer|dealer|brand|council|landlord|gp|doctor|police|hotel|airport
!transfer: (confusing|mixing|mixed|confused) (us|me) * * * another|different|other
!transfer: (reviewed|looked at|assessed|investigated|handled|dealt with|checked|logged|forwarded|passed|sent|escalated|raised|referred) * * * relevant|appropriate|right (team|department|people)
!transfer: (i'll|i will|we'll|let me|i can|i've|i have|i) * (have a word|had a word)
transfer: (the one to ask|the ones to ask|the people to ask|best placed to|better placed to|the right people)
transfer: give the|your|them|him|her * * * call|ring|bell|buzz|shout|email
transfer: take|bring|send|return * back to|into
transfer: (your|the) courier|bank|seller|retailer|store|shop|manufacturer|provider|airline|insurer (will be able to|can|should be able to|would be able to|will|would|should) help|assist|sort|advise|deal|explain
transfer: fill|complete|submit|use * * form|portal
transfer: visit|use|check|try * our|the|your * website|site|portal|app|faq|faqs|help|online
transfer: (please contact|please call|please ring|please email|please phone|please visit)
transfer: (please write|please get in touch|please speak|please reach out)
transfer: (pop into|pop in|pop down|pop over|in store|in-store|in branch|into a store)
transfer: any|local|nearest * store|shop|branch|office|depot|stores|shops|branches|post
transfer: (you have to|you need to|you'll need to|you'll have to|you will need to|you'd need to|you'd have to|you would have to|you'd want to|you'll wanna|you will have to) * call|contact|ring|email|go|write|visit|phone|speak|talk|reach|message|ask|take|return|raise|file|lodge|complain|apply|claim|queue|submit|fill|head|pop
transfer: (you would need to|you must|you should|you might want to|you may want to|u need to) * call|contact|ring|email|go|write|visit|phone|speak|talk|reach|message|ask|take|return|raise|file|lodge|complain|apply|claim|queue|submit|fill|head|pop
transfer: (u have to|best to|best thing is to|better off|you'd be best|you'll want to) * call|contact|ring|email|go|write|visit|phone|speak|talk|reach|message|ask|take|return|raise|file|lodge|complain|apply|claim|queue|submit|fill|head|pop
transfer: (better off|you'd be better|best bet is) * asking|calling|ringing|speaking|talking
transfer: (try calling|try contacting|try ringing|try emailing|try asking|try speaking)
transfer: (it's with the|it's up to the) * courier|bank|seller|retailer|manufacturer|provider
# someone else is the one to deal with it: "the merchant is the one who has to refund you",
# "the airport handles lost bags", "claims go through our online form"
transfer: (is the one|are the ones|is the one who|are the ones who|is who|are who|is the company|are the people) * * (has to|have to|need to|needs to|can|will|should|to) * refund|replace|help|sort|deal|fix|pay|contact|assist|answer|decide|handle|change|amend|update|issue|approve|cancel|repair|process|look|check|authorise|authorize|deliver|collect
transfer: (the|your|that|this) courier|couriers|bank|seller|retailer|store|shop|manufacturer|maker|provider|network|airline|post|branch|merchant|vendor|supplier|insurer|card|issuer|support|team|department|billing|complaints|returns|helpdesk|carrier|driver|delivery|apple|amazon|accounts|office|landlord|insurance|ebay|warranty|technician|customer|service|repair|dealer|council|them|him|her|police|hmrc|dpd|dhl|evri|hermes|ups|fedex|gp|pharmacy|marketplace|brand|factory|desk|counter|airport|hotel|restaurant|agency|agent|agents|embassy|consulate|doctor|broker|openreach|solicitor|lawyer|ombudsman|reception|depot|operator|isp|partner|partners|claims|fraud|sales|garage|vet|regulator|ofgem|ofcom|dvla|letting|mortgage|lender|retentions|specialist|specialists|experts|agency (handles|handle|deals with|deal with|takes care of|look after|looks after|is responsible for|are responsible for|"manages"|"covers"|"processes"|"process"|"decides"|"decide"|"owns"|"own")
transfer: (go|goes|done|handled|made|submitted|dealt with|processed|lodged|raised|sorted) (through|via|thru|on|online through|online via) * * form|website|site|portal|app|online|hotline|helpline
transfer: (you can|u can|you could|you'll be able to|you will be able to|you'll need to|you need to|u need to) * check|track|manage|change|update|cancel|view|book|amend|follow|monitor|do|find|report|claim|apply|go * * * (in|on|via|through|thru|using|from|at) * app|website|site|portal|account|faq|faqs
transfer: (you can|u can|you could|you'll be able to|you will be able to|you'll need to|you need to|u need to) * check|track|manage|change|update|cancel|view|book|amend|follow|monitor|do|find|report|claim|apply|go * * * online
!transfer: (you should have|you should've|u should have|you shoulda|you should of|you must have|you must've|you could have|you could've)
!transfer: (see|seen|showing|shows|visible|appear|appears|appearing|updated|reflected) * * (in|on) (the|your|our) app|website|site|account|portal
transfer: (the|your) courier|couriers|bank|seller|retailer|store|shop|manufacturer|maker|provider|network|airline|post|branch|merchant|vendor|supplier|insurer|card|issuer|support|team|department|billing|complaints|returns|helpdesk|carrier|driver|delivery|apple|amazon|accounts|office|landlord|insurance|ebay|warranty|technician|customer|service|repair|dealer|council|them|him|her|police|hmrc|dpd|dhl|evri|hermes|ups|fedex|gp|pharmacy|marketplace|brand|factory|desk|counter|airport|hotel|restaurant|agency|agent|agents|embassy|consulate|doctor|broker|openreach|solicitor|lawyer|ombudsman|reception|depot|operator|isp|partner|partners|claims|fraud|sales|garage|vet|regulator|ofgem|ofcom|dvla|letting|mortgage|lender|retentions|specialist|specialists|experts|agency (will|would|can|could|should|needs to|need to|has to|have to) (have to|need to|know|tell you|help|sort|deal|advise|explain|assist|answer)
# the agent doing the contacting is ownership, not a transfer
!transfer: i|i'll|ill|i've|ive|i'm|im|we|we'll|we've|me|myself|we're * raise|raised|call|contact|ring|email|go|chase|write|visit|phone|speak|talk|reach|get|message|ask|take|send|return|check|use|visit|try|fill|pop
!transfer: i|i'll|ill|i've|ive|i'm|im|we|we'll|we've|me|myself|we're * spoke|rang|called|contacted|emailed|messaged|chased|wrote|asked|sent|checked|give|gave
!transfer: i|we * already|just * contacted|called|emailed|spoke|rang|messaged|chased|asked
!transfer: (call you|ring you|phone you|get back to you|come back to you|call back to you)
!transfer: let the|your * store|shop|courier|bank|seller|team|manufacturer know
!transfer: (thank you|thanks|thx) for * contacting|calling|emailing|reaching|getting|messaging
!transfer: (forwarded|passed|sent|escalated|referred) (to the|to our|on to the|to a|to) * relevant|appropriate|right|another|our
!transfer: says|said|written|stated|listed|shown * on * website|site|app
!transfer: (no need to|don't need to|dont need to|don't have to|won't need to|never|no need for you to|no reason to) * call|contact|ring|email|go|chase|write|visit|phone|speak|talk|reach|get|message|ask|take|send|return
transfer: (send|drop|write|email|message|dm) us (an|a) (email|message|line|note|dm|letter)
transfer: (email|write to|message|contact) us (at|on|via)
# someone else does it, "not us": "the restaurant will refund the missing item, not us"
transfer: (will|would|should|must|can|has to|have to|needs to|need to) (refund|replace|repair|fix|pay|sort|deal|handle|compensate|cover|investigate|help) * * * * not (us|me|our|we)
transfer: (you can|u can|you could|you'll be able to|you will be able to|you'll need to|you need to|u need to) * reset|pay|download|print|upload|renew|top|order|register|request|submit|log|sign|rebook|choose|pick|select * * * (in|on|via|through|thru|using|from|at) * app|website|site|portal|account|online
transfer: (you can|you could|you'll need to|you need to|you have to|you'd have to|u can|you can just) * * * (yourself|directly)

# ---- canned: template phrase not addressed to this person --------------------------------------
canned: (your call is important|your business is important|important to us)
canned: valued|dear customer
canned: (as per|per our policy|company policy|policy is policy|in line with our policy)
!canned: as per (my|our|your) (last|previous|earlier|prior|first|below|above|message|email|reply|note|chat|conversation|request|instructions)
canned: (as per|according to|under|in line with|subject to|per) (the|our) (terms|t&cs|terms and conditions)
canned: (as per|according to|in line with|subject to|per) (terms|t&cs|terms and conditions)
canned: standard process|procedure
canned: (any inconvenience|the inconvenience|inconvenience caused|inconvenience this)
canned: understand|appreciate your frustration
canned: (thank you|thanks|thx|many thanks) for (your patience|holding|waiting|choosing|contacting)
canned: (thank you|thanks|thx|many thanks) for (reaching out|getting in touch|your message)
canned: (thank you|thanks|thx|many thanks) for (your email|bringing this|your understanding)
canned: (thank you|thanks|thx|many thanks) for (your feedback|your call|your enquiry|your query)
canned: (thank you|thanks|thx|many thanks) for (being patient|your time today|reaching us)
canned: (cheers|ta|thanku|thank u|ty|tysm|thankyou) for (your patience|waiting|holding|bearing with|being patient|your understanding|getting in touch|reaching out|your message)
canned: (outside of our control|outside our control|beyond our control|out of our hands|out of our control|matter of policy)
canned: appreciate your understanding|patience|business|cooperation
canned: we appreciate your|you
canned: (value you as|value you|valued customers|value your custom|value your business|value our customers)
canned: (we value your|value your feedback|valued feedback|appreciate your feedback)
canned: (continue to hold|please hold the line|hold the line)
canned: (is there|was there|can i help with|i can help with|can i do|need|want) anything else
canned: anything else (i|we|today|at all|for you|for today)
canned: have a nice|great|good|lovely|wonderful|fantastic * day|evening|weekend|afternoon|stay|trip|holiday|flight|journey|meal|time|week|christmas|break|visit
canned: kind|best|warm|warmest regards
canned: yours sincerely
canned: hope (this helps|that helps|this finds you|this email|you have a|you're having)
canned: (currently experiencing|high volume|high volumes|higher than usual|call volumes)
canned: technical difficulties
canned: try again later
canned: (unable to assist|unable to help|unable to process|we are unable to|we're unable to)
canned: (regret to inform|please be advised|kindly note|please note that|please be aware)
canned: (as stated|as set out|as outlined|as detailed) (in|within|under) (our|the) (terms|policy|t&cs|contract|agreement|terms and conditions|conditions)
canned: (not responsible for|cannot be held responsible|not liable)
canned: (rest assured|we strive|doing our best|do our best|doing everything we can)
canned: take (this|your feedback|all complaints|complaints|it) very seriously
canned: (in due course|at this time|at this moment in time|at present)
canned: (someone will be in touch|will get back to you|we'll get back to you)
canned: has been forwarded|logged|noted|passed|escalated|raised|received|registered
canned: (forwarded to the relevant|forwarded to the appropriate|relevant team|appropriate team)
canned: (your satisfaction is|customer satisfaction is)
canned: (don't hesitate|do not hesitate|feel free to contact|feel free to reach)
canned: (for security purposes|quality and training|training purposes)
canned: turning it off and on
canned: cannot solve your question
canned: (we apologise for any|we apologize for any|sorry for any) inconvenience
canned: (sorry|apologise|apologize|apologies|regret) for any (trouble|issues|problems|disruption|upset|distress|frustration|confusion|delay|inconvenience)
canned: (this may have caused|this has caused|that this has caused|this may cause|this might have caused)
canned: (aren't|are not|isn't|is not|can't be held|cannot be held|not be held) (responsible|liable)
canned: anything else ?
# the template with a word inside: "thank you so much for contacting us", "thanks again for your
# continued patience", "have a lovely rest of your day"
canned: (thank you|thanks|thx|many thanks|cheers|ty|thank u|thankyou) * * for * * (patience|understanding|holding|waiting|contacting|choosing|custom|business)
canned: (thank you|thanks|thx|many thanks|cheers|ty|thank u|thankyou) * * for (reaching out|getting in touch|your message|your email|your feedback|your enquiry|your query)
canned: (have|enjoy) * * (rest of your|rest of the) (day|evening|week|weekend|afternoon)
canned: (thank you|thanks|thx|many thanks|cheers|ty|thank u|thankyou) * * for (bearing with|getting back|coming back|replying|responding|your reply|your response)

# ---- familiar: over-familiar, slang, emoji, chumminess -----------------------------------------
familiar: :emoji:
familiar: mate|m8|hun|hon|luv|babe|sweetie|sweetheart|darling|buddy|pal|dude|bro|fella|chief
familiar: (my love|my dear|hey there|heya|hiya|yo|sup|hey hey|hey)
familiar: lol|lmao|lmfao|rofl|haha|hahaha|hehe|omg|omfg|wtf|ffs|tbh|btw|idk|imo|smh|jk
familiar: thx|thnx|thanx|ty|np|kk|u|ur|ya|yah|cuz|coz|pls|plz|k
familiar: yep|yup|nope|nah|gonna|wanna|gotta|gotcha|kinda|sorta|dunno|lemme|gimme
familiar: (no worries|no probs|no prob|no biggie|all good|easy peasy|okey dokey)
familiar: cheers|ta|brill|awesome|cool|sweet|legend|woot|yass
familiar: (you're a star|you're a legend|nice one|top man|sweet as|awesome sauce)
familiar: "aww"|"aw"|"awww"|ooh|yay|woohoo|whoops|oopsie|xx|xxx|x|bless|soz|sozz|okie|okey|boom
familiar: (my bad|chill|chill out|sorry not sorry)
familiar: apols|apols|sorrz|soz|crazy|mental|manic|insane

# ---- rude: rude, blaming, lecturing, dismissive ------------------------------------------------
rude: (calm down|relax mate|just relax|need to relax|please relax|settle down|chill out)
rude: no need to * (shout|yell|swear|scream|be rude|get angry|get upset|be like that|get shirty|raise your voice|use that language|take that tone)
rude: no need for (that|language|the attitude|attitude|that attitude)
rude: (don't|dont|do not|stop|quit) * shout|shouting|yell|yelling|scream|screaming|swear
rude: (don't|dont|do not) * (raise your voice|take that tone|talk to me|speak to me|be rude)
rude: (don't|dont|do not) * (be ridiculous|be silly|waste my time|get smart|get cheeky)
rude: (lower your voice|watch your language|watch your tone|mind your language|that tone)
rude: raising your voice
rude: i (don't|dont|do not) * (have to listen|have to take|need to take|have to put up)
rude: i (won't|will not) * (be spoken|be talked|be shouted|tolerate)
rude: (spoken to|talk to me|speak to me|talking to me) like that
rude: read * (terms|small print|fine print|t&cs|instructions|description|manual|contract)
rude: (you should|you shoulda|you should've|you should of|u should) * * read|checked|looked|known|measured|asked|ordered|called|noticed|thought|realised|realized|paid|double|been|made|kept|followed|know
rude: next time * read|check|make|be|double|pay|measure|look|order|think|keep|try|remember|ask|call|use|don't|dont|just|please|pls|maybe|perhaps|do|get|plan|allow|leave|book|bring
rude: (maybe|please|pls|perhaps|just|try|remember|make sure|be sure|learn|keep|read|check|order|book|pay|measure|charge|answer|leave|look) * * * * next time
rude: clearly|literally|plainly|obviously * says|said|states|stated|written|explained|marked
rude: (it's all in|says so on|it's written|all written|it's right there|it's on the box)
rude: (try reading|learn to read|can't you read|can you not read|did you even|do you even)
rude: (have you even|you clearly didn't|you obviously didn't|you clearly did not)
rude: (as i said|as i've said|like i said|as i already|as i have already|as previously stated)
rude: (i already told|i've already told|i've told you|i already explained|i've explained)
rude: (i explained|i keep telling|how many times|for the third time|for the last time)
rude: (once again i|i repeat|i've said this|i said this)
rude: (that's your problem|your problem not|not my problem|not our problem|your own fault)
rude: (it's your fault|all your fault|your mistake|user error|you got it wrong|you messed up)
rude: you entered|put|typed|gave|chose|picked|ordered * wrong
rude: (not our|not my|wasn't our|isn't our|wasn't my|isn't my) fault|mistake|error|problem
rude: not (my job|my responsibility|our responsibility|our issue|my issue)
rude: (nothing i can do|nothing we can do|nothing more i can do|nothing else i can do)
rude: (take it or leave it|deal with it|get over it|stop complaining|stop moaning|tough luck)
rude: (too bad|that's life|just how it is|just the way it is|how it works|how things work)
rude: (not that big a deal|not a big deal|no big deal|not rocket science|any idiot)
rude: (how this works|don't think you understand|don't think you get|you don't seem to|you don't get it)
rude: (not how it works|not how this works|not how things work|can't imagine why|cannot imagine why)
rude: (common sense|you people|listen to me|listen carefully|are you listening)
rude: (you're not listening|not going to argue|won't argue|not arguing|not going to repeat)
rude: (won't repeat myself|i'm done here|end this chat|ending this chat|close this chat)
rude: (hang up|hanging up|i'm leaving this chat)
rude: (what do you want me to do|what do you expect|what did you expect|what more do you want)
rude: (not going to|won't|refuse to|will not|not gonna) (say sorry|apologise|apologize)
rude: (something you did|what you did|you've done this|you did this|your own doing)
rude: (don't get|don't see|don't understand|dont get|dont see) (what the issue|what the problem|what the fuss|what the big deal|the big deal|why it matters)
rude: no need to (be|get) * rude|aggressive|nasty|abusive|snappy|sarcastic|personal|angry|shirty|hostile|dramatic
rude: (not sorry|not going to apologise|not going to apologize|won't apologise)
rude: (won't apologize|no apology|never said sorry|not apologising|not apologizing)
rude: (why would you|why did you|why you would|why on earth)
rude: (whatever|seriously|obviously we|obviously you|you're being unreasonable|be reasonable)
rude: (you're wrong|you are wrong|you don't understand|you do not understand|do you not understand)
rude: (what part of|i don't care|i dont care|not my concern)
rude: shut up|stupid|idiot|dumb|pathetic|moron
rude: you (must have|must've|mustve|must of|probably|obviously|clearly) * typed|entered|put|clicked|ordered|chosen|picked|selected|missed|ignored|deleted|forgotten|forgot|misread|misunderstood|done|made|given|used|pressed|set|read|checked|looked|followed|measured|listened|paid|waited|asked|called|bothered|kept|saved|noticed
rude: (if you'd|if you had|had you|if you would have|if you'd have) * typed|entered|put|clicked|ordered|chosen|picked|selected|missed|ignored|deleted|forgotten|forgot|misread|misunderstood|done|made|given|used|pressed|set|read|checked|looked|followed|measured|listened|paid|waited|asked|called|bothered|kept|saved|noticed
rude: (overreacting|over-reacting|being dramatic|so dramatic|exaggerating|making a fuss|hysterical)
rude: (stop being|quit being|rude to me|so rude)
rude: (you've been told|you were told|you have been told|as you were told|i told you|been told this)
rude: (being difficult|being unreasonable|being aggressive|being rude|being silly|being childish)
rude: (can't do anything|cannot do anything|can't do anything about|nothing can be done)
rude: (nothing to be done|not much i can do|can't help you there|won't help you)
rude: (it's all|it is all|everything's|everything is|all) (explained|written|there|stated|covered)
rude: (explained in the|stated in the|written in the|covered in the|all in the)
rude: (don't see why|dont see why|don't know why you're|don't understand why you're)
rude: (no reason to be|nothing to be upset|nothing to get upset|nothing to get angry|calm yourself)
rude: (is that so hard|is it that hard|how hard is it|not that hard|not that difficult)
rude: (we've been through this|we went through this|we already went|i've been over this)
rude: (your own problem|your responsibility|your job to|up to you to|on you to|your own responsibility)
rude: (you'll have to live with|you'll just have to|just have to accept|deal with that)
rude: (i'm not going to|i am not going to|i won't be) * help|helping
rude: (don't be ridiculous|being ridiculous|you're being silly)
# blame: what the customer should have done, or would know if they had
rude: (you should have|you should've|you shouldve|you shoulda|you should of|u should have|u should've|u shoulda|you should not have|you shouldn't have|u shouldn't have) * * told|informed|let|said|mentioned|updated|reported|contacted|rung|phoned|emailed|cancelled|returned|kept|brought|taken|sent|submitted|filled|booked|arrived|listened|waited|saved|paid|locked|blocked|frozen|changed|registered|answered|replied|logged|left|given|put|typed|entered|clicked|chosen|picked|ordered|signed|agreed|accepted|asked|used|bought|tried|gone|come
rude: (if you'd|if you had|had you|if you would have|if you'd have|if u had|if u'd|if you'd just|if you had just) * * sent|told|given|submitted|provided|updated|contacted|registered|informed|let|reported|returned|activated|logged|answered|replied|turned|switched|plugged|charged|cancelled|booked|arrived|come|shown|brought|filled|completed|been|kept|locked|stayed|left|taken|tried|gone|signed|called|rung|emailed|looked|checked|read|paid|listened
rude: (you'd know|you would know|you'd have known|you would have known|you would've known|you'd have seen|you would have seen|you'd have noticed|you would've seen)
rude: (you agreed to|you accepted the|you ticked|you signed the|you signed a|you signed it|you consented to|you've agreed to|you have agreed to|u agreed to)
rude: (that's|thats|that is|which is|exactly|is) what you (ordered|asked for|chose|picked|selected|paid for|agreed to|signed|bought|booked)
rude: (because|cos|coz|cause) (you|u) * "typed"|"entered"|"put"|"chose"|"picked"|"clicked"|"forgot"|"missed"|"ignored"|"gave"|"selected"|"ticked"|"ordered"|"used"|"deleted"|"got"
rude: (you|u) * * typed|entered|put|gave|chose|picked|selected|used|wrote|filled * * * wrong|incorrect|incorrectly|wrongly
rude: (problem|issue|fault|error) * * (on|at|from) (your|ur) (end|side)
rude: (it's|its|that's|thats|it is|that is) (your|ur) (fault|problem|issue|end|side|responsibility|mistake|doing|own|lookout|call|choice)
rude: not (a|an|any) (fault|issue|problem|error) (on|at|from) (our|my) (side|end)
rude: (nothing to do with us|nothing to do with me)
# lecturing: read it, listen, calm down, next time, it's all there
rude: (you|u) (need to|have to|must|should|gotta|ought to|really need to|might want to) (read|listen|look) * * * * properly|carefully|again|first|before|closer|harder|better
rude: (you|u) (need to|have to|must|gotta|ought to|really need to|should) (calm|relax|chill|learn|accept|stop|be patient|understand|get over|lower|watch|cool)
rude: (did|do|have|are|were|can|could|would) (you|u|ya) even
rude: (you|u) (didn't|didnt|did not|don't|dont|haven't|havent|never) even
rude: even bother|bothered
rude: (in big letters|in bold|in black and white|right there in|plain as day|clear as day|in capitals|in capital letters|big letters|in plain english|right in front of you|staring you in the face)
rude: "chill"|"chillax"
rude: (it's|its|it has|it) only been
rude: (worked up|wound up|kicking off|making a scene|tantrum|getting so|so worked|throwing a fit|having a go|have a go at me)
rude: (can't be bothered|cant be bothered|can't be arsed|cant be arsed|not bothered|couldn't care less|could not care less|couldnt care less)
rude: (argue|arguing) with you
rude: (don't want to|dont want to|not here to|not going to) (argue|debate|fight)
rude: (didn't|didnt|did not|don't|dont|do not) (make|set|write|decide) the (rules|policy|policies)
rude: (who|whoever|someone|somebody|people|they|head office|management) (makes|made|sets|set|wrote|writes|decided) the (rules|policy)
rude: why (didn't|didnt|did not|wouldn't|wouldnt|haven't|havent|hadn't|couldn't|couldnt|would|on earth|the hell) (you|u)
rude: (what else|what more) (do you want|you want|did you expect|do u want|u want|can i do|can i say|is there to say|am i supposed|do you expect|could i do)
rude: (don't know|dont know|no idea|not sure) what (else|more) * (you want|to tell you|to say|i can do|u want)
rude: (don't know what to tell you|dont know what to tell you|not sure what to tell you|what do you want me to say)
rude: (that's|thats|that is|it's|its) not how
rude: not how * works|work|it works
rude: (it is what it is|that's the way it is|that's how it is|hard luck|shame but|oh well|them's the breaks|such is life|c'est la vie)
rude: (lol|lmao|haha|hahaha|rofl) (no|nope|nah|good luck|sure|yeah right|as if|whatever|seriously)
rude: (good luck with that|nice try|yeah right|surprise surprise|funny that|"shocking"|wow ok|wow okay|wow just wow|er no|erm no|um no|umm no|uh no)
rude: (as per|per) (my|our) (last|previous|earlier|prior|first|below|above) * message|email|reply|note|chat|response|comment|answer
rude: (as stated|as mentioned|as explained|as i mentioned|as i explained|as previously mentioned|as previously explained|like i told you|as i told you|as i wrote|like i wrote|as i stated|as the email said|like the email said|as it says|like it says|as it clearly|as clearly stated|as already mentioned|as already explained|as already stated)
rude: (i've told you|i told you|told you|i've said|i said|said it|explained it|explained this|been over this) * * (twice|three times|already|before|several times|multiple times|a few times|many times|again|so many|over and over)
rude: (how many more times|how many times do|for the hundredth|for the umpteenth|for the "fifth"|for the "fourth"|for the "second" time)
rude: (no offence but|no offense but|with all due respect|not being funny but|i'm not being funny|with respect)
rude: (don't|dont|do not|please don't|pls dont|pls don't) use (that|such|this|bad|foul) (language|tone|word|words)
rude: (that language|such language|that kind of language|foul language|bad language|your tone|that tone of voice)
rude: (you're|you are|ur) not the only (one|customer|person|client)
rude: (you|u) should (keep|read|know|remember|learn|listen|be more|be careful|double check|think|pay attention|save|take care|look after|make sure|bother)
rude: (you|u) (really|seriously|honestly|always|definitely|genuinely) should
rude: (it was|that was|it's|that's|was|its|thats) (your|ur|your own) (choice|decision|call|fault|problem|responsibility|lookout)
rude: (that's|it's|thats|its|that is|it is) (entirely|totally|completely|really|purely|all) (your|ur) (choice|decision|call|problem|lookout|responsibility)
rude: (nobody|no one|noone) (forced|made|asked) (you|u)
rude: (not here to|i'm not here to) (argue|chat|debate|babysit|hold your hand|listen to|be shouted|be spoken|deal with)
rude: stop (messaging|texting|chasing|asking|complaining|moaning|spamming|harassing|pestering|nagging|bombarding|messaging me|calling me|emailing me|ringing me)
rude: (won't|wont|will not|doesn't|does not|isn't going to|not going to) (make it|make things|make this|get it|speed it|speed things|help) * (faster|quicker|sooner|any faster|go faster|happen faster|any quicker|up)
rude: "and"|"so" ?
rude: (you seem to think|you think we|you act like|you seem to believe|you're acting like|you must think|you seem to expect|you expect us to)
rude: (try being|be more polite|be a bit more|a bit more patience|some patience|bit of patience|some manners|a little patience|more respectful|more polite|less rude)
rude: (not that complicated|not that difficult|not that hard|isn't that hard|isn't that difficult|not exactly hard|really isn't hard|not rocket science)
rude: (the rest|from here|from now on|after that|now) (is|it's) (up to you|on you|your job|your problem|down to you)
rude: (don't|dont|do not) see (the|what the|what's the|whats the|any|a) (problem|issue|big deal|fuss)
!rude: see * (problem|issue) (on|with|in|at|from) (your|the|our)
rude: (it's|it is|its|that's|was|is|it was) (quite|very|perfectly|crystal|pretty|really|abundantly|fairly) clear
rude: (did|do|have|are|were|can|could) (you|u) actually
rude: or not ?
rude: (there's a reason|there is a reason|there for a reason|rules for a reason|policy for a reason|for a reason you know|reason we ask)
rude: (i've been doing this|been doing this job|i know what i'm talking about|i know my job|i do this every day|i know what i'm doing)
rude: i know how (the system|this|it|things|everything|our system) works
rude: if (you|u) (can't|cant|cannot|won't|wont|refuse to) (follow|read|understand|be bothered|listen|wait|stay calm|be polite|be patient|calm down)
rude: (that's|it's|thats|its|this is) (on you|on u|your lookout|your own responsibility)
rude: (i've already answered|already answered|answered that already|i already replied|already replied|see my previous|see above|scroll up|read my last|read my previous|read back|re-read|reread|see my last|check my last|look at my last)
rude: (i'm not repeating|not repeating myself|i won't repeat|i will not repeat|not going to say it again|won't say it again|not saying it again)
rude: (you're using it wrong|you're doing it wrong|you did it wrong|you've done it wrong|operator error|you broke it|you damaged it|you must have dropped|you've broken|you caused)
rude: (nothing wrong with) (it|the|your|our) * (product|service|bill|system|item|device|phone|router|order|account|it)
rude: (works fine for everyone|nobody else has complained|no one else has complained|no one else has this|nobody else has this|everyone else manages|other customers manage|works for everyone else|other people manage|everyone else seems)
rude: (not mind readers|not psychic|can't read minds|cannot read minds|read your mind|read minds)
rude: "can"|"could"|"do"|"will"|"am" "i" ?
rude: (you get what you pay for|it's a free service|it is a free service|for that price|at that price|what do you want for)
rude: (if you don't like it|if you dont like it|don't like it|if you're not happy|if you are not happy) * * * (can always|can just|could always|are free to|can go|can leave|can cancel|feel free)
rude: (take your business elsewhere|go elsewhere|feel free to leave|nobody's stopping you|no one's stopping you|you're free to leave|you can always leave|shop elsewhere)
rude: (don't have time for this|dont have time for this|no time for this|haven't got all day|havent got all day|got other customers|other customers waiting|i have other customers|other people waiting|other people to help|got better things)
rude: (you were warned|you've been warned|we warned you|we did warn you|we told you this would|you were told this would|i did warn you)
rude: (the problem is you|the issue is you|the problem here is you|trouble is you|problem is that you|issue is that you)
rude: (confusing us with|mixing us up|mixed us up|confused us with|got the wrong company|wrong company)
rude: (not your|not a) (babysitter|secretary|therapist|mum|mother|servant|personal assistant|slave|punching bag)
rude: (get a grip|grow up|get real|give me a break|give it a rest|oh come on|are you serious|are you kidding|you're joking|you can't be serious|you must be joking|you're kidding)
rude: (above my pay grade|not paid enough|not paid to|don't get paid|dont get paid)
rude: (figure it out|work it out yourself|sort it out yourself|deal with it yourself|do it yourself|google it|look it up yourself|do your research|do your homework|do some research)
rude: (no means no|the answer is no|answer is still no|i said no|end of discussion|end of story|discussion over|conversation over|this conversation is over)
rude: (whatever you say|if you say so|sure you did|i'm sure you did|yeah yeah|yes yes|uh huh|if you insist|yeah right|right whatever)
rude: (wasting my time|waste of my time|waste my time|wasting our time|stop wasting)
rude: (it's not hard to|it's easy to|anyone can|a child could|even a child|anyone could|most people manage|most people can)
rude: that's what the (terms|faq|website|manual|instructions|guide|help page|t&cs|small print) (is|are) for
rude: (know better|should know by now|should've known|should have known|you ought to know|you of all people)
rude: (pay attention|paying attention)
rude: not my fault (you|that you|if you)
rude: (just doing my job|only doing my job|i'm only human|i'm doing my job|i am doing my job)
rude: (people like you|your sort|your kind|customers like you)
rude: (complain all you want|complain all you like|feel free to complain|go ahead and complain|complain if you want|leave a review if you want|write a review if you want|complain to whoever)
rude: (like everyone else|like everybody else|same as everyone else|same as everybody else|like all our other customers|like the rest of|like all the others|just like everyone)
rude: (not going to|won't|will not|not gonna|refuse to|not prepared to) (discuss|talk about|go over|go through|debate|argue about) (this|it|that) * * (further|again|anymore|any more|any further|with you)
rude: (discuss|talk about|go over|debate) (this|it|that) (any further|anymore|any more|further)
rude: (because|cos|coz|cause|since|as) (you|u) (didn't|didnt|did not|never|forgot|failed|haven't|havent|weren't)
rude: (i'd have thought|i would have thought|i'd have assumed|you'd think|you would think|one would think|i'd think it was|should be obvious|pretty obvious|fairly obvious|quite obvious)
rude: what (exactly|else|more|now) (do you|did you|d'you) (want|expect)
rude: (you keep saying|you keep asking|you keep repeating|you keep going on|you keep telling me|you keep on)
rude: (let's not be silly|don't be silly|dont be silly|let's be reasonable|let's be realistic|be realistic|let's not be ridiculous|let's not get silly)
rude: hardly (our|my) (fault|problem|mistake|issue|doing)
rude: (you did|u did|you do|you have) (agree|sign|accept|tick|confirm|choose|order|pick|click|say|book|read)
rude: (round in circles|going in circles|go round in circles|broken record|over and over again|keep repeating myself|repeating myself)
rude: (not going to|won't|wont|not gonna|refuse to) keep (going|explaining|repeating|saying|telling|arguing|answering)
rude: (that's|thats|that is|it's|its) not what (you said|you told|you wrote|you asked|you ordered|you agreed)
rude: (not a charity|not a bank|not made of money|not a free|we're a business|we are a business|this is a business)
rude: before (you|u) (paid|ordered|bought|booked|signed|agreed|purchased|placed|confirmed|accepted|clicked|checked out|went ahead)
rude: (were|was|is|are) (there|available|clear|visible|right there|on the page|on the site) (for you|for u) to (read|see|check)
rude: what (do you|you|did you|else do you|else you|more do you|more you|do u|u) (want|expect|expected) (me to|from me|of me|us to|from us|me 2)
rude: (not sure|don't know|dont know|do not know|no idea|dunno|not certain|don't see|dont see) what (you|u|else you|more you|you'd|you would) (want|expect|expected|wanted|like) (me to|from me|of me|us to|from us)
rude: (don't understand|dont understand|can't understand|cannot understand|not sure|don't see|dont see|no idea) why (you|u) * (ordered|did|would|bought|booked|chose|picked|didn't|didnt|even|keep|think|expected|thought|bothered|waited|decided|clicked)
rude: (you|u) (could have|could've|coulda|could of|might have|might've) (just|simply|easily|at least|checked|read|asked|called|told|looked|waited|mentioned|said|let|contacted|emailed|rung|phoned)
# the customer's feeling dismissed: "that's not frustrating", "I don't think that's unfair"
rude: (don't think|dont think|do not think|wouldn't say|wouldnt say|hardly) * * frustrating|annoying|upsetting|stressful|unfair|worrying|unreasonable|serious|urgent|big
rude: (that's|it's|this is|that is|thats|its) not * frustrating|annoying|upsetting|stressful|unfair|worrying|serious|urgent
rude: (this isn't|that isn't|it isn't|this wasn't|that wasn't|it wasn't|isn't|wasn't) * frustrating|annoying|upsetting|stressful|unfair|worrying|serious|urgent
!rude: whatever (you need|i can|it takes|suits|works|you prefer|you'd like|is easiest)
!rude: (whatever's easiest|whatever's best|whatever you want)
!rude: (not saying|didn't say|never said|not blaming|didn't mean|wasn't saying) * * fault|wrong
!rude: (not saying|didn't say|never said|not blaming|didn't mean|wasn't saying) * * mistake
!rude: (seriously sorry|take this seriously|take it seriously|taking it seriously|seriously sorry)
!rude: (i don't care how|i don't care what it takes)
!rude: no need to * (be sorry|apologise|apologize)
!rude: (i'll|i will|we'll|let me|i can|i'm going to|i'll just) deal with it
# a friendly reminder is not a lecture; "next time you order, it's automatic" is not either
!rude: (as i said|like i said|as i mentioned|as mentioned|as i told you|as promised|as agreed|like i told you) * (i'll|we'll|i will|we will|i'm|we're|i've|we've|happy|i can|we can)
!rude: next time (you order|you shop|you book|you visit|you use|you log|you call|you contact|you're|you are|round|we|i|it|the|there|a|your order)
!rude: (i'll|we'll|i will|we will|won't happen|not happen|never happen|doesn't happen|make sure|to ensure) * * * * next time
!rude: (the|a|that) next time
!rude: (tough|hard) (day|week|time|one|month|morning|couple|few|situation|year|spot|call)
# a limit stated kindly is not a dismissal: "unfortunately there's nothing I can do"
!rude: (unfortunately|afraid|sorry|understand|apologies|wish|really wish|honestly wish|hate that|hate to say|regret) * * * * * (nothing i can do|nothing more i can do|nothing else i can do|nothing we can do|not much i can do|can't do anything|cannot do anything|nothing can be done|nothing to be done)
!rude: (nothing i can do|nothing more i can do|nothing else i can do|nothing we can do|not much i can do|can't do anything|cannot do anything) * * * * * but (i'll|i|we'll|we|let me|i can|what i can)
!rude: (don't|dont|do not|never|no) * * * even bother
!rude: (as stated|as set out|as outlined|as detailed|as mentioned|as explained) (in|within|under) (our|the|your) (terms|policy|t&cs|contract|agreement|terms and conditions|conditions|guidelines|faq)
!rude: (can't do anything|cannot do anything|cant do anything|nothing i can do|nothing we can do|not much i can do) * * * * (i'm afraid|im afraid|unfortunately|sorry|i'm sorry|i am afraid|sadly)
!rude: (can't do anything|cannot do anything|cant do anything|nothing i can do|nothing we can do) * * (until|unless|without|till|before)
!rude: (lol|lmao|haha|hahaha|rofl) no (worries|problem|probs|prob|bother|rush|stress|need|biggie|drama)
!rude: (not|isn't|wasn't|isnt|wasnt) (our|my) (fault|error|mistake|problem) * but (i'll|i|we'll|we|let me|i can|happy)
!rude: even (better|more|faster|sooner|quicker|if|though|so|after|before|when|now)
# "like I already said": the reminder with a word inside (a friendly "as I said, I'll call" is not)
rude: (as|like) (i|i've|ive|i have|we|we've) * * (said|mentioned|explained|told you|stated|wrote|pointed out)
!rude: (as|like) (i|i've|ive|we|we've) * * (said|mentioned|promised|agreed|told you) * * (i'll|we'll|i will|we will|i'm|we're|i've|we've|happy|i can|we can|i would|i'd)
# implicit blame and sarcasm: "the link was on your phone the whole time", "well the email did say",
# "it's right there under the photos", "it does help if you read", "congratulations, you found it",
# "I'm not sure how much clearer I can make it", "good luck finding it cheaper"
rude: (was|were|been|it's|its|sat|sitting|is|has been) * * (your|ur|you) * * (the whole time|all along|all this time)
rude: (email|letter|text|message|confirmation|website|site|page|terms|instructions|label|box|receipt|app|form|sign|listing|description|invoice|contract|policy|leaflet|notice|it|they) (did|does|do) (say|tell|state|mention|explain|warn|show|ask)
rude: (right|just) there (under|on|in|at|next|above|below|in front)
rude: (it|that) (does|really|genuinely) (help|helps) if (you|u)
rude: (would|'d|it'd|itd) (help|helped) if (you|u) (read|listened|actually|paid|checked|looked|followed|bothered)
rude: (if you|if u|try|maybe try|you need to|you have to|you'd have to) actually
rude: (how much|any|can't be any|couldn't be any|couldn't be|can't be|could not be) (clearer|plainer|simpler|more clear)
rude: (not sure|don't know|dont know|no idea) how (much|else|many more ways) * * (clearer|plainer|simpler|more clearly|explain|to put|to say)
rude: (congratulations|congrats|well done|bravo) (you|u) (found|figured|managed|worked|noticed|read|got|finally)
rude: (going to|gonna) be like that
rude: good luck (finding|getting|trying)
rude: (no one|nobody|noone|no-one) else * * * * (problem|problems|issue|issues|complained|complaining|trouble|complaint|complaints)
rude: not (our|my) (job|concern)
rude: (don't|dont) be (so|such|like that|rude|difficult|cheeky|smart|funny|awkward|stupid|dramatic|daft|childish|ridiculous|unreasonable)
rude: (nobody|no one|noone) told (you|u) to
!rude: (take|takes|taking|taken|took) * * * seriously
rude: let me (get|have) (this|that) straight
rude: let me stop you (there|right there)
rude: no wonder (it|the|your|they|he|she) * * (didn't|didnt|wasn't|wasnt|failed|bounced|never|isn't|doesn't|won't|couldn't|got rejected)
rude: (frustrating|annoying|irritating|tiresome|tiring) when (people|customers|folk|some people) * * (don't|dont|didn't|didnt|won't|can't|never|keep|refuse|ignore)
rude: (suit yourself|have it your way|be my guest|knock yourself out|your funeral|whatever floats your boat|if you insist)
rude: (newsflash|news flash|read the room|you do realise|you do realize|wake up and)
rude: (i'm sure|im sure|i bet) (it|he|she|they) did
rude: (honestly|seriously|jeez|god|wow) some people
rude: (maybe|perhaps|then|next time) (don't|dont|do not) (leave|order|book|buy|lose|forget|click|ignore|throw|put|use|share|give|tell|let)
!rude: not how (we|i) (treat|want|like|do|should|work|handle|deal|expect)
!rude: (keep|bear) (that|it|this) in mind
rude: (keep|let's keep|lets keep) (this|it) (civil|polite|respectful|professional)
rude: (have to|going to have to|will have to|i'll have to|forced to|i will) (end|close|terminate|disconnect) (the|this) (chat|call|conversation)
!rude: (i've looked|i've checked|i've tried|i checked|i looked|i tried|i've been through|i have checked|i have looked) * * * * * (nothing|not much)

# ---- jargon: technical jargon the customer won't know ------------------------------------------
jargon: (ticket id|ticket ref|case id|incident id|escalation queue|work queue|backlog)
jargon: (sla|slas|tier 1|tier 2|tier 3|l1|l2|l3|2nd line|second line|p1|p2)
jargon: (backend|back end|back-end|frontend|server side|server-side|api|crm|erp|sku|rma|rmas)
jargon: (pre authorisation|pre-authorisation|pre auth|pre-auth|auth hold|authorisation hold)
!jargon: card issuer
jargon: (authorization hold|acquirer|acquiring|issuer|chargeback|settlement|batch run)
jargon: (payment gateway|gateway|timed out|timeout|webhook|endpoint|tokenised|tokenized)
jargon: (3ds|3d secure|"reversal"|voided|mcc|arn|reconciliation|ledger|pending settlement)
jargon: (dhcp|dns|ssid|wan|lan|ont|olt|ip address|mac address|latency|packet loss|"ping")
jargon: (firmware|hard reset|reflash|provisioning|provisioned|sync|synced|resync|cached|cache)
jargon: (mac filtering|mac filter|dns server|subnet|gateway ip|nat|dmz)
jargon: (ghz|wpa2|ppp|pppoe|vlan|bandwidth|port forwarding|config)
jargon: (manifest|manifested|hub scan|exception scan|linehaul|last mile|sortation|pod|awb)

# ---- plan: states what will happen next and when -----------------------------------------------
plan: (tomorrow|tonight|this evening|this afternoon|this morning|later today|by today)
plan: (by the end of|end of day|end of the day|eod|end of the week|end of play|cob)
plan: by|on|until|till|before|next|this|from|after|for|coming|latest|weekday monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun
plan: monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun morning|afternoon|evening|night|am|pm|latest|at
!plan: "visited"|"rang"|"tried"|"left"|"came"|"went"|"took"|"failed"|"missed"|"spoke"|"renewed"|"expired"|"started" * * monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun
!plan: (order|orders|booking|payment|parcel|delivery|email|message|call|charge|invoice|bill|transaction|statement|one|letter|visit) (from|on|of|since|dated|last) monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun
!plan: "was|were|placed|ordered|arrived|shipped|came|attempted|happened|paid|charged|since|last|yesterday|ago|meant" * * monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun
plan: o'clock|noon|midday
plan: 1|2|3|4|5|6|7|8|9|10|11|12 pm
plan: 1|2|3|4|5|6|7|8|9|10|11|12 am
plan: (at the latest|no later than|first thing|asap|as soon as|straight away|right away)
!plan: (the|a|very|is) first thing
plan: within|in * * hour|hours|minutes|mins|days|day|weeks|hr|hrs|min
plan: (within the hour|within 24|within 48|within a few|in the next|over the next)
plan: (working days|business days|"3-5"|"5-7"|3 to 5|5 to 7|"2-3"|"1-2")
plan: (i'll|i will|we'll|we will) * call|ring|text|email|message|update|send|contact|confirm you
plan: fixed|sorted|done|resolved|refunded|sent|dispatched|delivered|out|back|processed|arrive|arrives|fix|sort|replace|refund|send * * * today
plan: (i'll|i will|we'll|we will) * (let you know|keep you|get back|come back|follow up)
plan: (i'll|i will|we'll|we will) * (be in touch|check back|check in)
plan: (call you back|ring you back|get back to you|update you|keep you updated|keep you posted)
plan: (you'll|you will|you'll then) * get|receive|hear * * * by|within|in|before|tomorrow|today|tonight|shortly|soon|monday|tuesday|wednesday|thursday|friday|saturday|sunday
plan: (expect it|expect the|expect your|expect a|expect an|expect them|booked for|scheduled for|due on|due by|due to arrive)
# a time the customer should call back at, or one nobody promises, is no plan
!plan: (left|arrived|came|was|were|went|delivered|dispatched|shipped|attempted|placed|ordered|paid|received|picked|happened) * * * this|earlier|yesterday|already|last
!plan: (call|ring|phone|try|check|come|contact|write|message) (back|again|us) * * * tomorrow|tonight|today|later|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|hour|hours|minutes|mins|days|week|am|pm|morning|afternoon|evening|noon
!plan: (can't promise|cannot promise|can't guarantee|cannot guarantee|don't know|dont know|not sure|no idea|can't say|cannot say) * * * tomorrow|tonight|today|later|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|hour|hours|minutes|mins|days|week|am|pm|morning|afternoon|evening|noon
plan: (next step|next steps|what happens next|here's what)
# clock times and dates: "by 7.30" (read "by 7 30") and "at 14:05" (its hour in quotes: at "14"), "between 8 and 1", "on the 12th"; hours in quotes, as digits: "at one point" is no plan
plan: at|by|before|until|till|around|between "1"|"2"|"3"|"4"|"5"|"6"|"7"|"8"|"9"|"10"|"11"|"12"|"13"|"14"|"15"|"16"|"17"|"18"|"19"|"20"|"21"|"22"|"23"
plan: between * and|to "1"|"2"|"3"|"4"|"5"|"6"|"7"|"8"|"9"|"10"|"11"|"12"|"13"|"14"|"15"|"16"|"17"|"18"|"19"|"20"|"21"|"22"|"23"
plan: (on|by|before|until|till|from|after|for|around) the "1st"|"2nd"|"3rd"|"4th"|"5th"|"6th"|"7th"|"8th"|"9th"|"10th"|"11th"|"12th"|"13th"|"14th"|"15th"|"16th"|"17th"|"18th"|"19th"|"20th"|"21st"|"22nd"|"23rd"|"24th"|"25th"|"26th"|"27th"|"28th"|"29th"|"30th"|"31st"
plan: (will|be|out|coming|arrive|arriving|due|booked|scheduled|expected|expect|rescheduled|moved|deliver|delivered|collect|collected|visit|back) * * monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|tomorrow|tonight
# a promise to tell the customer when something happens: "I'll message you once it's back up"
plan: message|text|email|call|ring|update|notify|tell|let|ping|contact you * * * (once|when|as soon as|the moment|the minute|the second)
!plan: "was|were|issued|placed|ordered|paid|arrived|delivered|sent|dispatched|charged|made|taken|booked|cancelled|received|came|happened|started|renewed|expired|ended|left|opened|closed|raised|logged|since" * * * on|since|from the "1st"|"2nd"|"3rd"|"4th"|"5th"|"6th"|"7th"|"8th"|"9th"|"10th"|"11th"|"12th"|"13th"|"14th"|"15th"|"16th"|"17th"|"18th"|"19th"|"20th"|"21st"|"22nd"|"23rd"|"24th"|"25th"|"26th"|"27th"|"28th"|"29th"|"30th"|"31st"
!plan: "was|were|issued|placed|ordered|paid|arrived|delivered|sent|dispatched|charged|made|taken|cancelled|received|came|happened|started|renewed|expired|ended|left|opened|closed|raised|logged|since|last" * * at|by|around|from|between|before "1"|"2"|"3"|"4"|"5"|"6"|"7"|"8"|"9"|"10"|"11"|"12"|"13"|"14"|"15"|"16"|"17"|"18"|"19"|"20"|"21"|"22"|"23"
# no promise: "I won't be able to sort that today", "you should have done it straight away"
!plan: (won't be able to|wont be able to|not be able to|unable to|can't|cant|cannot|won't|wont|couldn't|not going to|not gonna|no way|unlikely) * * * * * today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|hour|hours|days|week|am|pm|morning|afternoon|evening|away
!plan: (should have|should've|shouldve|should of|shoulda|could have|would have|had|have|did|didn't|was|were|if you) * * * * (straight away|right away|immediately|asap|at once|first thing)
!plan: (on|from|at|to) the "1st"|"2nd"|"3rd"|"4th"|"5th"|"6th"|"7th"|"8th"|"9th"|"10th"|"11th"|"12th"|"13th"|"14th"|"15th"|"16th"|"17th"|"18th"|"19th"|"20th" floor|flat|house|door|street|road|line|item|one|page|time|attempt|try|option|box|bag|parcel|order|number|digit|step|of|question|person|call|delivery
!plan: in (all|that|this|each|every|same|whole|the same|the whole|a|one) day|week|morning|hour|month|night|evening
!plan: (times|twice|once|three|two|four|five|several|drops|calls|emails|messages|attempts|outages|one|more|charges|payments) (in a|in one|in the same|a) day|week|hour|month|morning|night
# a time in a statement of fact is no plan: what happened ("the driver tried at 2pm", "the parcel
# was scanned at the depot on monday evening", "down since 7am"), what always happens ("closed on
# sundays", "lines close at 8pm"), what the rules allow ("returns within 30 days"), a time offered
# as a question
!plan: "was"|"were"|"wasn't"|"weren't"|"had"|"hadn't" * * * * monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun|tomorrow|tonight|today|morning|afternoon|evening|noon|midday|am|pm|"1"|"2"|"3"|"4"|"5"|"6"|"7"|"8"|"9"|"10"|"11"|"12"|"13"|"14"|"15"|"16"|"17"|"18"|"19"|"20"|"21"|"22"|"23"|"1st"|"2nd"|"3rd"|"4th"|"5th"|"6th"|"7th"|"8th"|"9th"|"10th"|"11th"|"12th"|"13th"|"14th"|"15th"|"16th"|"17th"|"18th"|"19th"|"20th"|"21st"|"22nd"|"23rd"|"24th"|"25th"|"26th"|"27th"|"28th"|"29th"|"30th"|"31st"|hour|hours|minutes|mins|days|week|weeks
!plan: "came"|"went"|"tried"|"attempted"|"failed"|"missed"|"happened"|"started"|"began"|"took"|"saw"|"spoke"|"rang"|"left"|"arrived"|"dropped"|"crashed"|"broke"|"ended"|"expired"|"noticed"|"showed"|"bounced"|"declined" * * * * monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun|tomorrow|tonight|today|morning|afternoon|evening|noon|midday|am|pm|"1"|"2"|"3"|"4"|"5"|"6"|"7"|"8"|"9"|"10"|"11"|"12"|"13"|"14"|"15"|"16"|"17"|"18"|"19"|"20"|"21"|"22"|"23"|"1st"|"2nd"|"3rd"|"4th"|"5th"|"6th"|"7th"|"8th"|"9th"|"10th"|"11th"|"12th"|"13th"|"14th"|"15th"|"16th"|"17th"|"18th"|"19th"|"20th"|"21st"|"22nd"|"23rd"|"24th"|"25th"|"26th"|"27th"|"28th"|"29th"|"30th"|"31st"|hour|hours|minutes|mins|days|week|weeks
!plan: (you|u|you've|youve|you have) "called"|"rang"|"phoned"|"emailed"|"messaged"|"texted"|"ordered"|"paid"|"placed"|"booked"|"bought"|"cancelled"|"changed"|"signed"|"agreed"|"contacted"|"spoke"|"sent"|"returned"|"received"|"got"|"made"|"reported"|"asked"|"said"|"told"|"registered"|"opened"|"closed"|"moved"|"renewed"|"upgraded" * * * * monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun|tomorrow|tonight|today|morning|afternoon|evening|noon|midday|am|pm|"1"|"2"|"3"|"4"|"5"|"6"|"7"|"8"|"9"|"10"|"11"|"12"|"13"|"14"|"15"|"16"|"17"|"18"|"19"|"20"|"21"|"22"|"23"|"1st"|"2nd"|"3rd"|"4th"|"5th"|"6th"|"7th"|"8th"|"9th"|"10th"|"11th"|"12th"|"13th"|"14th"|"15th"|"16th"|"17th"|"18th"|"19th"|"20th"|"21st"|"22nd"|"23rd"|"24th"|"25th"|"26th"|"27th"|"28th"|"29th"|"30th"|"31st"|hour|hours|minutes|mins|days|week|weeks
!plan: "emailed"|"called"|"rang"|"phoned"|"messaged"|"texted"|"spoke"|"chased"|"contacted"|"checked"|"asked" * * * (this morning|earlier|earlier today|yesterday|last night|already)
!plan: (since|ago|previous|previously|earlier|yesterday) * * monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun|tomorrow|tonight|today|morning|afternoon|evening|noon|midday|am|pm|"1"|"2"|"3"|"4"|"5"|"6"|"7"|"8"|"9"|"10"|"11"|"12"|"13"|"14"|"15"|"16"|"17"|"18"|"19"|"20"|"21"|"22"|"23"|"1st"|"2nd"|"3rd"|"4th"|"5th"|"6th"|"7th"|"8th"|"9th"|"10th"|"11th"|"12th"|"13th"|"14th"|"15th"|"16th"|"17th"|"18th"|"19th"|"20th"|"21st"|"22nd"|"23rd"|"24th"|"25th"|"26th"|"27th"|"28th"|"29th"|"30th"|"31st"|hour|hours|minutes|mins|days|week|weeks
!plan: monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun|tomorrow|tonight|today|morning|afternoon|evening|noon|midday|am|pm|"1"|"2"|"3"|"4"|"5"|"6"|"7"|"8"|"9"|"10"|"11"|"12"|"13"|"14"|"15"|"16"|"17"|"18"|"19"|"20"|"21"|"22"|"23"|"1st"|"2nd"|"3rd"|"4th"|"5th"|"6th"|"7th"|"8th"|"9th"|"10th"|"11th"|"12th"|"13th"|"14th"|"15th"|"16th"|"17th"|"18th"|"19th"|"20th"|"21st"|"22nd"|"23rd"|"24th"|"25th"|"26th"|"27th"|"28th"|"29th"|"30th"|"31st"|hour|hours|minutes|mins|days|week|weeks * * (ago|yesterday|last week|last night|earlier)
!plan: (this morning|yesterday|last night|earlier|earlier today|earlier on) * * (at|around|about|by|from|just after|just before)
!plan: (at|around|about) "1"|"2"|"3"|"4"|"5"|"6"|"7"|"8"|"9"|"10"|"11"|"12"|"13"|"14"|"15"|"16"|"17"|"18"|"19"|"20"|"21"|"22"|"23" * * (this morning|yesterday|last night|earlier)
!plan: (within|in|over|during|for) the (last|past|previous)
!plan: "mondays"|"tuesdays"|"wednesdays"|"thursdays"|"fridays"|"saturdays"|"sundays"|"weekends"|"weekdays"|"mornings"|"afternoons"|"evenings"|"nights"
!plan: (lines|line|office|store|shop|branch|branches|depot|centre|center|pharmacy|counter|desk|phones|chat|helpline) * ("open"|"opens"|"close"|"closes"|"closed"|"shut"|"shuts"|is open|are open|is closed|are closed) * * * monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun|tomorrow|tonight|today|morning|afternoon|evening|noon|midday|am|pm|"1"|"2"|"3"|"4"|"5"|"6"|"7"|"8"|"9"|"10"|"11"|"12"|"13"|"14"|"15"|"16"|"17"|"18"|"19"|"20"|"21"|"22"|"23"|"1st"|"2nd"|"3rd"|"4th"|"5th"|"6th"|"7th"|"8th"|"9th"|"10th"|"11th"|"12th"|"13th"|"14th"|"15th"|"16th"|"17th"|"18th"|"19th"|"20th"|"21st"|"22nd"|"23rd"|"24th"|"25th"|"26th"|"27th"|"28th"|"29th"|"30th"|"31st"|hour|hours|minutes|mins|days|week|weeks
!plan: (lines|line|office|store|shop|branch|branches|depot|centre|center|pharmacy|counter|desk|phones|chat|helpline) * ("open"|"opens"|"close"|"closes"|"closed"|"shut"|"shuts"|is open|are open|is closed|are closed) * * * monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun|tomorrow|tonight|today|morning|afternoon|evening|noon|midday|"1"|"2"|"3"|"4"|"5"|"6"|"7"|"8"|"9"|"10"|"11"|"12"|"13"|"14"|"15"|"16"|"17"|"18"|"19"|"20"|"21"|"22"|"23"|"1st"|"2nd"|"3rd"|"4th"|"5th"|"6th"|"7th"|"8th"|"9th"|"10th"|"11th"|"12th"|"13th"|"14th"|"15th"|"16th"|"17th"|"18th"|"19th"|"20th"|"21st"|"22nd"|"23rd"|"24th"|"25th"|"26th"|"27th"|"28th"|"29th"|"30th"|"31st"|hour|hours|minutes|mins|days|week|weeks * * monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun|tomorrow|tonight|today|morning|afternoon|evening|noon|midday|"1"|"2"|"3"|"4"|"5"|"6"|"7"|"8"|"9"|"10"|"11"|"12"|"13"|"14"|"15"|"16"|"17"|"18"|"19"|"20"|"21"|"22"|"23"|"1st"|"2nd"|"3rd"|"4th"|"5th"|"6th"|"7th"|"8th"|"9th"|"10th"|"11th"|"12th"|"13th"|"14th"|"15th"|"16th"|"17th"|"18th"|"19th"|"20th"|"21st"|"22nd"|"23rd"|"24th"|"25th"|"26th"|"27th"|"28th"|"29th"|"30th"|"31st"|hour|hours|minutes|mins|days|week|weeks
!plan: "closed"|"shut"|"opens"|"closes"|"open" * * * (on|at|every|over|all|most|from|this|today|tonight|tomorrow|weekends|sundays|saturdays|bank)
!plan: ("usually"|"normally"|"always"|"every"|"each"|"generally"|"typically"|"often"|"sometimes"|opening hours) * * * * monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun|tomorrow|tonight|today|morning|afternoon|evening|noon|midday|am|pm|"1st"|"2nd"|"3rd"|"4th"|"5th"|"6th"|"7th"|"8th"|"9th"|"10th"|"11th"|"12th"|"13th"|"14th"|"15th"|"16th"|"17th"|"18th"|"19th"|"20th"|"21st"|"22nd"|"23rd"|"24th"|"25th"|"26th"|"27th"|"28th"|"29th"|"30th"|"31st"
!plan: monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun|tomorrow|tonight|today|morning|afternoon|evening|noon|midday|am|pm|"1st"|"2nd"|"3rd"|"4th"|"5th"|"6th"|"7th"|"8th"|"9th"|"10th"|"11th"|"12th"|"13th"|"14th"|"15th"|"16th"|"17th"|"18th"|"19th"|"20th"|"21st"|"22nd"|"23rd"|"24th"|"25th"|"26th"|"27th"|"28th"|"29th"|"30th"|"31st" * * ("each"|"every") (month|week|day|year|time|morning|evening|quarter)
!plan: monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun|tomorrow|tonight|today|morning|afternoon|evening|noon|midday|am|pm|"1"|"2"|"3"|"4"|"5"|"6"|"7"|"8"|"9"|"10"|"11"|"12"|"13"|"14"|"15"|"16"|"17"|"18"|"19"|"20"|"21"|"22"|"23"|"1st"|"2nd"|"3rd"|"4th"|"5th"|"6th"|"7th"|"8th"|"9th"|"10th"|"11th"|"12th"|"13th"|"14th"|"15th"|"16th"|"17th"|"18th"|"19th"|"20th"|"21st"|"22nd"|"23rd"|"24th"|"25th"|"26th"|"27th"|"28th"|"29th"|"30th"|"31st"|hour|hours|minutes|mins|days|week|weeks * * * (closed|shut|taken|gone|full|booked up|fully booked|unavailable)
!plan: ("accepted"|"accept"|"return"|"returns"|"returned"|"cancel"|"cancellation"|"refundable"|"valid"|"eligible"|"possible"|"allowed"|up to|"entitled") * * * * (within|in|for) * * (days|day|weeks|months|hours)
!plan: monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun|tomorrow|tonight|today|morning|afternoon|evening|noon|midday|am|pm|"1"|"2"|"3"|"4"|"5"|"6"|"7"|"8"|"9"|"10"|"11"|"12"|"13"|"14"|"15"|"16"|"17"|"18"|"19"|"20"|"21"|"22"|"23"|"1st"|"2nd"|"3rd"|"4th"|"5th"|"6th"|"7th"|"8th"|"9th"|"10th"|"11th"|"12th"|"13th"|"14th"|"15th"|"16th"|"17th"|"18th"|"19th"|"20th"|"21st"|"22nd"|"23rd"|"24th"|"25th"|"26th"|"27th"|"28th"|"29th"|"30th"|"31st"|hour|hours|minutes|mins|days|week|weeks * * (suit|suits|work for you|works for you|good for you|any good|okay for you|ok for you|convenient|better for you|best for you)
!plan: (suit|suits|free|available|convenient|prefer|rather|best for you|better for you|good for you|work for you|works for you) * * * monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun|tomorrow|tonight|today|morning|afternoon|evening|noon|midday|am|pm|"1"|"2"|"3"|"4"|"5"|"6"|"7"|"8"|"9"|"10"|"11"|"12"|"13"|"14"|"15"|"16"|"17"|"18"|"19"|"20"|"21"|"22"|"23"|"1st"|"2nd"|"3rd"|"4th"|"5th"|"6th"|"7th"|"8th"|"9th"|"10th"|"11th"|"12th"|"13th"|"14th"|"15th"|"16th"|"17th"|"18th"|"19th"|"20th"|"21st"|"22nd"|"23rd"|"24th"|"25th"|"26th"|"27th"|"28th"|"29th"|"30th"|"31st"|hour|hours|minutes|mins|days|week|weeks ?
!plan: (not sure|unsure|can't promise|cannot promise|can't guarantee|cannot guarantee|no guarantee|doubt|don't think|dont think|unlikely|no idea|don't know|dont know) * * * * * monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun|tomorrow|tonight|today|morning|afternoon|evening|noon|midday|am|pm|"1"|"2"|"3"|"4"|"5"|"6"|"7"|"8"|"9"|"10"|"11"|"12"|"13"|"14"|"15"|"16"|"17"|"18"|"19"|"20"|"21"|"22"|"23"|"1st"|"2nd"|"3rd"|"4th"|"5th"|"6th"|"7th"|"8th"|"9th"|"10th"|"11th"|"12th"|"13th"|"14th"|"15th"|"16th"|"17th"|"18th"|"19th"|"20th"|"21st"|"22nd"|"23rd"|"24th"|"25th"|"26th"|"27th"|"28th"|"29th"|"30th"|"31st"|hour|hours|minutes|mins|days|week|weeks
!plan: (inbox|history|records|account|statement|app|chat|thread|notes) * (from|on|since|dated) monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun|tomorrow|tonight|today|morning|afternoon|evening|noon|midday|am|pm|"1"|"2"|"3"|"4"|"5"|"6"|"7"|"8"|"9"|"10"|"11"|"12"|"13"|"14"|"15"|"16"|"17"|"18"|"19"|"20"|"21"|"22"|"23"|"1st"|"2nd"|"3rd"|"4th"|"5th"|"6th"|"7th"|"8th"|"9th"|"10th"|"11th"|"12th"|"13th"|"14th"|"15th"|"16th"|"17th"|"18th"|"19th"|"20th"|"21st"|"22nd"|"23rd"|"24th"|"25th"|"26th"|"27th"|"28th"|"29th"|"30th"|"31st"|hour|hours|minutes|mins|days|week|weeks
!plan: (flight|appointment|reservation|trip|stay|journey|train|collection|shift|class|session|event|party|wedding|holiday|visit|call|chat) (on|from|for|this|last|next) monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun|tomorrow|tonight|today|morning|afternoon|evening|noon|midday|am|pm|"1"|"2"|"3"|"4"|"5"|"6"|"7"|"8"|"9"|"10"|"11"|"12"|"13"|"14"|"15"|"16"|"17"|"18"|"19"|"20"|"21"|"22"|"23"|"1st"|"2nd"|"3rd"|"4th"|"5th"|"6th"|"7th"|"8th"|"9th"|"10th"|"11th"|"12th"|"13th"|"14th"|"15th"|"16th"|"17th"|"18th"|"19th"|"20th"|"21st"|"22nd"|"23rd"|"24th"|"25th"|"26th"|"27th"|"28th"|"29th"|"30th"|"31st"|hour|hours|minutes|mins|days|week|weeks
!plan: (right thing|the right thing|good thing|did well|well done) * * * * (straight away|right away|immediately|asap|at once|first thing)
# a promise to be in touch soon: "will update u shortly", "you should get a text soon"
plan: (update|message|call|text|email|ring|get back to|come back to|contact|write to|ping|reply to) (you|u) * (shortly|soon|in a bit|in a sec|in a mo|in a moment|asap|in a minute|in a few)
plan: (you should|u should|you'd|u'll|ull|you'll|you will) * (get|receive|hear|see) * * * * (soon|shortly|today|tomorrow|tonight)
!plan: (i'm|im|i am|i'll be|i will be|he's|she's|they're|we're) (off|away|on leave|on holiday|out of office|not in|not working|on annual leave|on a day off) * * monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun|tomorrow|tonight|today|morning|afternoon|evening|noon|midday|am|pm|"1"|"2"|"3"|"4"|"5"|"6"|"7"|"8"|"9"|"10"|"11"|"12"|"13"|"14"|"15"|"16"|"17"|"18"|"19"|"20"|"21"|"22"|"23"|"1st"|"2nd"|"3rd"|"4th"|"5th"|"6th"|"7th"|"8th"|"9th"|"10th"|"11th"|"12th"|"13th"|"14th"|"15th"|"16th"|"17th"|"18th"|"19th"|"20th"|"21st"|"22nd"|"23rd"|"24th"|"25th"|"26th"|"27th"|"28th"|"29th"|"30th"|"31st"|hour|hours|minutes|mins|days|week|weeks
plan: (will|'ll|he'll|she'll|they'll|we'll|i'll|itll|it'll) (text|call|ring|email|message|notify|contact|phone) * * * (before|ahead|beforehand|on the way|en route|when he|when she|when they|once)
plan: on (your|the) next (bill|statement|invoice|payment)
plan: (i'll|i will|we'll|we will|will|it'll|they'll|he'll|she'll) * * * in the (morning|afternoon|evening)
# a time asked about is not promised: "shall I book it for friday?"
!plan: monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun|tomorrow|tonight|today|morning|afternoon|evening|noon|midday|am|pm|"1"|"2"|"3"|"4"|"5"|"6"|"7"|"8"|"9"|"10"|"11"|"12"|"13"|"14"|"15"|"16"|"17"|"18"|"19"|"20"|"21"|"22"|"23"|"1st"|"2nd"|"3rd"|"4th"|"5th"|"6th"|"7th"|"8th"|"9th"|"10th"|"11th"|"12th"|"13th"|"14th"|"15th"|"16th"|"17th"|"18th"|"19th"|"20th"|"21st"|"22nd"|"23rd"|"24th"|"25th"|"26th"|"27th"|"28th"|"29th"|"30th"|"31st"|hour|hours|minutes|mins|days|week|weeks ?
# moved to a day: "I've moved your delivery to saturday"
plan: (moved|changed|rebooked|rescheduled|switched|pushed|put|bumped|brought|booked) * * * to|till|until monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight
plan: (moved|changed|rebooked|rescheduled|switched|pushed|put|bumped|brought|booked) * * * to|till|until the "1st"|"2nd"|"3rd"|"4th"|"5th"|"6th"|"7th"|"8th"|"9th"|"10th"|"11th"|"12th"|"13th"|"14th"|"15th"|"16th"|"17th"|"18th"|"19th"|"20th"|"21st"|"22nd"|"23rd"|"24th"|"25th"|"26th"|"27th"|"28th"|"29th"|"30th"|"31st"

# ---- upsell: offers an extra product or upgrade ------------------------------------------------
upsell: (would|do) you (like|want|fancy) to add|upgrade|try|switch|get|take|include|join
upsell: (would|do) you (like|want|fancy) (to go for|to sign up|to take out)
upsell: (would you be interested|are you interested|might be interested|may be interested)
upsell: (you might like|you may like|you could upgrade|you could add|you might want to add|you might want to upgrade)
upsell: (upgrade to|upgrading to|an upgrade|upgrade your|upgrade you|switch to our|switch to the)
upsell: (add-on|add on|addon|bolt-on|bolt on)
upsell: (extended warranty|protection plan|care plan|cover plan|accidental damage cover)
upsell: (add|get|take out|buy|include|offer|recommend|interested in|consider|considering|want|fancy|like|thought about|about adding) * * "insurance"|"cover"|"protection"|"warranty"|"breakdown"
upsell: (try|join|get|add|take|upgrade to|switch to|sign up for|sign up to|consider|recommend|offer|interested in|fancy|about our|tell you about|our new) * * (premium|annual plan|annual subscription|yearly plan|membership|loyalty|subscription|rewards|loyalty scheme)
upsell: (bundle|package deal|family plan|unlimited plan)
upsell: (for just|for only|for an extra|for a little extra|only costs|only an extra|just an extra)
upsell: for * more|extra
upsell: (a month more|extra a month|more a month|a month extra)
upsell: (there's an offer|there's a deal|special offer|promotion|promo|discount on|deal on)
upsell: (offer on|deal on the|offer right now|on offer)
upsell: (can i tell you about|did you know we|we also do|we also offer|we also have)
upsell: (also offer|also do|also have|can offer you a|could offer you a|can offer you an|could offer you an) * * faster|bigger|better|upgrade|package|plan|deal|bundle|tariff|membership|subscription|premium|unlimited|extra|add|discount
upsell: (have you seen|have you heard about|have you heard of|did you know about|check out|have you tried) our
upsell: (have you thought about|have you considered|considered adding|thought about adding)
upsell: (i'd recommend|i would recommend|i recommend) * upgrading|adding|our|the
upsell: add * insurance|protection|warranty|cover|case|express|priority
upsell: add * screen protector
upsell: (want me to add|like me to add) * express|insurance|warranty|priority|cover|protection
upsell: (screen protector|phone case|carry case)
upsell: (fancy trying|fancy adding|fancy upgrading|how about trying|how about adding|why not try|why not add|why not upgrade)
upsell: (gold|silver|platinum|premium|pro|plus|vip) (tier|plan|package|membership|subscription|account|version)
!upsell: (to add a note|add a comment|add a note)
!upsell: (not trying to|not going to|won't|don't want to|not here to|never) (sell|push|upsell|offer) (you|anything) * an|a|any|the|anything|upgrade|more
# an offer named to say it would not help is no upsell: "the premium plan wouldn't help with this"
!upsell: (premium|upgrade|upgrading|plan|tariff|package|bundle|insurance|warranty|cover|protection) * * (won't|wouldn't|wont|wouldnt|doesn't|doesnt|isn't|isnt|can't|cannot|will not|would not|does not|is not) (help|fix|change|solve|make|speed|cover|stop|affect|matter|work)
!upsell: (no need to|don't need to|dont need to|no point|wouldn't bother|won't need to|no need for) * * (upgrade|upgrading|premium|add|buy)
