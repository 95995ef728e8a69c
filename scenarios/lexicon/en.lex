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
# quotes matches only that exact form ("checking" but not "check"; "a"|b quotes one
# alternative); a|b|c is one word with alternatives; (a b|c) is a group of word sequences (one
# entry each; no nesting); * is any one word or none, never a negator. A phrase matches where
# its words occur in order, within one sentence (. ! ? end sentences; commas do not).
# Negation: "I'm not sorry" is no apology because "not" stands within 3 words before "sorry"
# with no comma or barrier between; a negator inside the phrase ("not my problem") does not
# cancel it. Lines may be long: a line is one thought, not one screen.

# ---- negation ----------------------------------------------------------------------------------
negatable: apology empathy ownership transfer canned rude plan upsell
negator: not|never|no|nobody|nothing|neither|nor|without|hardly|cannot
negator: don't|dont|doesn't|doesnt|didn't|didnt|isn't|isnt|aren't|arent|wasn't|wasnt|weren't
negator: won't|wont|can't|cant|couldn't|couldnt|shouldn't|shouldnt|wouldn't|wouldnt
negator: haven't|havent|hasn't|hasnt|hadn't|hadnt|mustn't|needn't|ain't
barrier: i|i'm|im|i'll|i've|ive|i'd|we|we're|we'll|we've|let|let's|lets|you'll|please
barrier: but|and|so|because|cause|though|although|however|if|then|while|anyway|instead|just

# ---- offers: words an offer's name is read without ---------------------------------------------
stopword: the|a|an|for|of|to|with|and|or|on|in|at|by|from|per|plus|every|all|new|our|your|my

# ---- apology: the agent apologises -------------------------------------------------------------
apology: sorry|sory|sorrry|sry|srry|soz|sozz|sowwy
apology: apologise|apologize|apologies|apology|apologising|apologizing|apols
apology: i|we|deeply|sincerely|truly regret
apology: forgive me|us
apology: please forgive
apology: (pardon|excuse) the|my|our delay|wait|typo|mix|confusion|mess|error|mistake|muddle
apology: my|our mistake|fault|error|bad|blunder|oversight|mix|mixup
apology: (that's|that|it's|this|this one's|that one's|it) (is on|on) us|me
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
!apology: sorry * one|a|just * moment|sec|second|minute|mo|tick
!apology: (not going to|won't|refuse to|will not|not about to|not gonna) * sorry|apologise|apologize
!apology: sorry * to bother|trouble|interrupt|disturb
!apology: sorry (hold on|bear with|hang on)
!apology: (excuse me|pardon me)
!apology: sorry (just to|to confirm|to check|to clarify|quick question|one question|one more thing|quickly|just checking|just confirming)
!apology: (don't|dont|do not|no need to|nothing to) * * * sorry|apologise|apologize
!apology: (if you feel|if you felt|if you think|if you thought) * * * down|wrong|mistake|fault|badly

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
# template empathy is canned, not empathy; "no need to get upset" is not empathy either
!empathy: (understand|appreciate) your (frustration|inconvenience)
!empathy: we understand your|that
!empathy: sorry (you're|you are|that you're|you feel|you felt|if you)
!empathy: (don't see why|dont see why|don't understand why|don't know why|no reason|nothing to be|no need to be) * * upset|angry|annoyed|worried|frustrated|upsetting
!empathy: (not sure|don't think|dont think|not certain|not sure if) * * understand|get
!empathy: (appreciate|for) your understanding
!empathy: (no need to|don't|dont|do not) * get|be * upset|angry|annoyed|worked|frustrated
!empathy: (sorry to hear|sorry to see) * * you feel

# ---- ownership: takes the problem on (not "let me know", "let me transfer you") ----------------
ownership: let me * check|look|see|find|sort|fix|handle|chase|investigate|dig|pull|double
ownership: let me * raise|escalate|contact|call|ring|email|speak|talk|reach|follow|arrange
ownership: let me * book|cancel|refund|replace|process|personally|try|organise|organize|deal
ownership: let me * (take care|take a look|have a look|get this|get that|get it|work on|help)
ownership: (i'll|i will|ill|i'm going to|im going to|i'm gonna|im gonna|i shall) * check|look|sort|fix|handle|deal|chase|take|find|raise|escalate|contact|call|ring|arrange|book|investigate|personally|make|follow|refund|cancel|replace|push|stay|speak|talk|email|reach|process|do|see|resolve|organise|organize|help|dig
ownership: (we'll|we will|we're going to|we are going to) * sort|fix|handle|replace|refund|deal
ownership: (we'll|we will|we're going to|we are going to) * (take care|get this|get it|resolve)
ownership: i'm|im (checking|looking|sorting|chasing|dealing|handling|investigating|fixing)
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
ownership: (i've|ive|i have|we've|we have) * (gone ahead|put a note|added a note|made a note|sent)
ownership: i * checked|spoke|called|contacted|emailed|chased|raised|escalated|arranged|booked
ownership: i * cancelled|refunded|sorted|fixed|rang|confirmed|rebooked|reordered|requested
ownership: i can * sort|fix|arrange|refund|cancel|replace|book|chase|check|look|resend|reship
ownership: i can * (get this|get that|get it|do that|do this|take care)
ownership: myself|personally
ownership: (want me to|like me to) * check|look|chase|sort|fix|call|contact|arrange|book
ownership: (want me to|like me to) * cancel|refund|raise|email|ring|find|see|escalate
ownership: while i * check|look|find|sort|pull|investigate|sort
ownership: give me * * to check|look|find|sort|see|pull
ownership: (stay on top|keep on top|keep an eye|follow it up|follow this up|follow up on)
ownership: (no need to|don't need to|dont need to|don't have to|do not need to|no need for you to|no reason to|no need for you) * call|contact|ring|email|go|chase|write|visit|phone|speak|talk|reach|get|message|ask|take|send|return
ownership: (you won't need to|you will not need to|you won't have to) * call|contact|ring|email|go|chase|write|visit|phone|speak|talk|reach|get|message|ask|take|send|return
ownership: no point * calling|contacting|ringing|chasing|emailing|going
ownership: (not transferring|won't transfer|not going to transfer|won't pass you|won't send you)
ownership: (won't ask you to|won't make you|not going to make you|don't want you to) * call|contact|ring|email|go|chase|write|visit|phone|speak|talk|reach|get|message|ask|take|send|return
ownership: (help anyway|help you anyway|i'll still help|i'll help|happy to help)
ownership: (i'll|we'll|i will|we will|i can|we can|let me|i've|we've|i have|we have) * send|ship|post|dispatch|get|reship|resend * * replacement|new|another
ownership: bear with me while
ownership: let's * sort|fix|figure|work|find|check|look|resolve
ownership: let's see what
ownership: i'll do that|it
ownership: i can do that|this
ownership: (this isn't|this is not) * but i'll
ownership: "just" checking
ownership: "sending"|"fixing"|"sorting"|"arranging"|"booking"|"processing"|"cancelling"|"refunding"|"chasing"|"resending" now|the|it|that|this|you|a|over|out|your
# "I'll call you back" says when, it is a plan (see plan:), not taking the problem on
!ownership: call|ring|phone|email|text|message you

# ---- transfer: sends the customer elsewhere (another company, number, place, later) ------------
transfer: contact|call|ring|phone|email|ask|try|visit|message|dm|text * courier|couriers|bank|seller|retailer|store|shop|manufacturer|maker|provider|network|airline|post|branch|merchant|vendor|supplier|insurer|card|issuer|support|team|department|billing|complaints|returns|helpdesk|carrier|driver|delivery|apple|amazon|accounts|office|landlord|insurance|ebay|warranty|technician|customer|service|repair|dealer|council|them|him|her|police|hmrc|dpd|dhl|evri|hermes|ups|fedex|gp|pharmacy|marketplace|brand|factory
transfer: speak|talk|write|go|head|reach|pop|return|send|take|bring|raise|check * to|with|into * * courier|couriers|bank|seller|retailer|store|shop|manufacturer|maker|provider|network|airline|post|branch|merchant|vendor|supplier|insurer|card|issuer|support|team|department|billing|complaints|returns|helpdesk|carrier|driver|delivery|apple|amazon|accounts|office|landlord|insurance|ebay|warranty|technician|customer|service|repair|dealer|council|them|him|her|police|hmrc|dpd|dhl|evri|hermes|ups|fedex|gp|pharmacy|marketplace|brand|factory
transfer: (get in touch with|reach out to|raise it with|raise this with|take it up with)
transfer: (take that up with|take this up with|deal directly with|go directly to|speak directly)
transfer: contact|call|email|ask|ring them
transfer: question|matter|issue|query|one|problem|thing|job * for * courier|couriers|bank|seller|retailer|store|shop|manufacturer|maker|provider|airline|insurer|merchant|vendor|supplier|carrier|issuer|dealer|brand|them|department|team|billing
transfer: courier|couriers|bank|seller|retailer|store|shop|manufacturer|maker|provider|airline|insurer|merchant|vendor|supplier|carrier|issuer|dealer|brand * responsibility|problem|issue|job|fault|department|end
transfer: (handled|dealt with|managed|covered|looked after|taken care of) by * * courier|couriers|bank|seller|retailer|store|shop|manufacturer|maker|provider|network|airline|post|branch|merchant|vendor|supplier|insurer|card|issuer|support|team|department|billing|complaints|returns|helpdesk|carrier|driver|delivery|apple|amazon|accounts|office|landlord|insurance|ebay|warranty|technician|customer|service|repair|dealer|council|them|him|her|police|hmrc|dpd|dhl|evri|hermes|ups|fedex|gp|pharmacy|marketplace|brand|factory
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
transfer: (you have to|you need to|you'll need to|you'll have to|you will need to|you'd need to) * call|contact|ring|email|go|write|visit|phone|speak|talk|reach|message|ask|take|return|raise
transfer: (you would need to|you must|you should|you might want to|you may want to|u need to) * call|contact|ring|email|go|write|visit|phone|speak|talk|reach|message|ask|take|return|raise
transfer: (u have to|best to|best thing is to|better off|you'd be best|you'll want to) * call|contact|ring|email|go|write|visit|phone|speak|talk|reach|message|ask|take|return|raise
transfer: (better off|you'd be better|best bet is) * asking|calling|ringing|speaking|talking
transfer: (try calling|try contacting|try ringing|try emailing|try asking|try speaking)
transfer: (it's with the|it's up to the) * courier|bank|seller|retailer|manufacturer|provider
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

# ---- canned: template phrase not addressed to this person --------------------------------------
canned: (your call is important|your business is important|important to us)
canned: valued|dear customer
canned: (as per|per our policy|company policy|policy is policy|in line with our policy)
canned: (terms and conditions|t&cs)
canned: standard process|procedure
canned: (any inconvenience|the inconvenience|inconvenience caused|inconvenience this)
canned: understand|appreciate your frustration
canned: (thank you|thanks|thx|many thanks) for (your patience|holding|waiting|choosing|contacting)
canned: (thank you|thanks|thx|many thanks) for (reaching out|getting in touch|your message)
canned: (thank you|thanks|thx|many thanks) for (your email|bringing this|your understanding)
canned: (thank you|thanks|thx|many thanks) for (your feedback|your call|your enquiry|your query)
canned: (thank you|thanks|thx|many thanks) for (being patient|your time today|reaching us)
canned: appreciate your understanding|patience|business|cooperation
canned: we appreciate your|you
canned: (value you as|value you|valued customers|value your custom|value your business|value our customers)
canned: (we value your|value your feedback|valued feedback|appreciate your feedback)
canned: (continue to hold|please hold the line|hold the line)
canned: (is there|was there|can i help with|i can help with|can i do|need|want) anything else
canned: anything else (i|we|today|at all|for you|for today)
canned: have a nice|great|good|lovely|wonderful|fantastic * day|evening|weekend|afternoon
canned: kind|best|warm|warmest regards
canned: yours sincerely
canned: hope (this helps|that helps|this finds you|this email|you have a|you're having)
canned: (currently experiencing|high volume|high volumes|higher than usual|call volumes)
canned: technical difficulties
canned: try again later
canned: (unable to assist|unable to help|unable to process|we are unable to|we're unable to)
canned: (regret to inform|please be advised|kindly note|please note that|please be aware)
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

# ---- rude: rude, blaming, lecturing, dismissive ------------------------------------------------
rude: (calm down|relax mate|just relax|need to relax|please relax|settle down|chill out)
rude: no need to * (shout|yell|swear|scream|be rude|get angry|get upset|be like that|get shirty)
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
rude: next time * read|check|make|be|double|pay|measure|look|order|think
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
rude: (stop being|quit being|don't be|rude to me|so rude)
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
!rude: whatever (you need|i can|it takes|suits|works|you prefer|you'd like|is easiest)
!rude: (whatever's easiest|whatever's best|whatever you want)
!rude: (not saying|didn't say|never said|not blaming|didn't mean|wasn't saying) * * fault|wrong
!rude: (not saying|didn't say|never said|not blaming|didn't mean|wasn't saying) * * mistake
!rude: (seriously sorry|take this seriously|take it seriously|taking it seriously|seriously sorry)
!rude: (i don't care how|i don't care what it takes)
!rude: no need to * (be sorry|apologise|apologize)
!rude: (i'll|i will|we'll|let me|i can|i'm going to|i'll just) deal with it

# ---- jargon: technical jargon the customer won't know ------------------------------------------
jargon: (ticket id|ticket ref|case id|incident id|escalation queue|work queue|backlog)
jargon: (sla|slas|tier 1|tier 2|tier 3|l1|l2|l3|2nd line|second line|p1|p2)
jargon: (backend|back end|back-end|frontend|server side|server-side|api|crm|erp|sku|rma|rmas)
jargon: (pre authorisation|pre-authorisation|pre auth|pre-auth|auth hold|authorisation hold)
jargon: (authorization hold|acquirer|acquiring|issuer|chargeback|settlement|batch run)
jargon: (payment gateway|gateway|timed out|timeout|webhook|endpoint|tokenised|tokenized)
jargon: (3ds|3d secure|reversal|voided|mcc|arn|reconciliation|ledger|pending settlement)
jargon: (dhcp|dns|ssid|wan|lan|ont|olt|ip address|mac address|latency|packet loss|ping)
jargon: (firmware|hard reset|reflash|provisioning|provisioned|sync|synced|resync|cached|cache)
jargon: (mac filtering|mac filter|dns server|subnet|gateway ip|nat|dmz)
jargon: (ghz|wpa2|ppp|pppoe|vlan|bandwidth|port forwarding|config)
jargon: (manifest|manifested|hub scan|exception scan|linehaul|last mile|sortation|pod|awb)

# ---- plan: states what will happen next and when -----------------------------------------------
plan: (tomorrow|tonight|this evening|this afternoon|this morning|later today|by today)
plan: (by the end of|end of day|end of the day|eod|end of the week|end of play|cob)
plan: by|on|until|till|before|next|this|from|after|for|coming|latest|weekday monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun
plan: monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun morning|afternoon|evening|night|am|pm|latest|at
!plan: (was|were|placed|ordered|arrived|shipped|came|attempted|happened|paid|charged|since|last|yesterday|ago|meant) * * monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|mon|tue|wed|thu|fri|sat|sun
plan: o'clock|pm|noon|midday|1am|2am|3am|4am|5am|6am|7am|8am|9am|10am|11am|12am
plan: 1pm|2pm|3pm|4pm|5pm|6pm|7pm|8pm|9pm|10pm|11pm|12pm
plan: 1|2|3|4|5|6|7|8|9|10|11|12 am
plan: (at the latest|no later than|first thing|asap|as soon as|straight away|right away)
plan: within|in * * hour|hours|minutes|mins|days|day|weeks|hr|hrs|min
plan: (within the hour|within 24|within 48|within a few|in the next|over the next)
plan: (working days|business days|3-5|5-7|3 to 5|5 to 7|2-3|1-2)
plan: (i'll|i will|we'll|we will) * call|ring|text|email|message|update|send|contact|confirm you
plan: fixed|sorted|done|resolved|refunded|sent|dispatched|delivered|out|back|processed|arrive|arrives|fix|sort|replace|refund|send * * * today
plan: (i'll|i will|we'll|we will) * (let you know|keep you|get back|come back|follow up)
plan: (i'll|i will|we'll|we will) * (be in touch|check back|check in)
plan: (call you back|ring you back|get back to you|update you|keep you updated|keep you posted)
plan: (you'll|you will|you'll then) * get|receive|hear
plan: (expect it|expect the|expect your|expect a|expect an|expect them|booked for|scheduled for|due on|due by|due to arrive)
# a time the customer should call back at, or one nobody promises, is no plan
!plan: (left|arrived|came|was|were|went|delivered|dispatched|shipped|attempted|placed|ordered|paid|received|picked|happened) * * * this|earlier|yesterday|already|last
!plan: (call|ring|phone|try|check|come|contact|write|message) (back|again|us) * * * tomorrow|tonight|today|later|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|hour|hours|minutes|mins|days|week|am|pm|morning|afternoon|evening|9am|10am|11am|12pm|1pm|2pm|3pm|4pm|5pm|noon
!plan: (can't promise|cannot promise|can't guarantee|cannot guarantee|don't know|dont know|not sure|no idea|can't say|cannot say) * * * tomorrow|tonight|today|later|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|hour|hours|minutes|mins|days|week|am|pm|morning|afternoon|evening|9am|10am|11am|12pm|1pm|2pm|3pm|4pm|5pm|noon
plan: (next step|next steps|what happens next|here's what)

# ---- upsell: offers an extra product or upgrade ------------------------------------------------
upsell: (would|do) you (like|want|fancy) to add|upgrade|try|switch|get|take|include|join
upsell: (would|do) you (like|want|fancy) (to go for|to sign up|to take out)
upsell: (would you be interested|are you interested|might be interested|may be interested)
upsell: (you might like|you may like|you could upgrade|you could add|you might want to add|you might want to upgrade)
upsell: (upgrade to|upgrading to|an upgrade|upgrade your|upgrade you|switch to our|switch to the)
upsell: (add-on|add on|addon|bolt-on|bolt on)
upsell: (extended warranty|insurance|protection plan|care plan|cover plan|accidental damage)
upsell: (premium|annual plan|annual subscription|yearly plan|membership|loyalty|subscription)
upsell: (bundle|package deal|family plan|unlimited plan)
upsell: (for just|for only|for an extra|for a little extra|only £|only $)
upsell: for * more|extra
upsell: (a month more|extra a month|more a month|a month extra)
upsell: (there's an offer|there's a deal|special offer|promotion|promo|discount on|deal on)
upsell: (offer on|deal on the|offer right now|on offer)
upsell: (can i tell you about|did you know we|we also do|we also offer|we also have)
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
