# Frontline signal lexicon, English: finds signals in replies the trainee types in free-text nodes.
# Format: one entry per line, `SIGNAL: phrase`; lines starting with # are comments, blank lines
# are ignored. SIGNAL: apology empathy ownership transfer canned familiar rude jargon plan
# (upsell, gesture and resolve are set by scenario authors only). A phrase is lower-case words
# separated by single spaces. Reply and phrase are cut into words (letters, digits, apostrophes),
# each word is reduced to its Snowball stem, and a phrase matches where its stems occur
# consecutively: "apologise" also covers "apologised". `familiar: :emoji:` = any emoji. There is
# no negation: "my fault" would match "not my fault", so write "it's my fault". Lines < 100 chars.

# ---- apology: the agent apologises -------------------------------------------------------------
apology: sorry
apology: apologise
apology: apologize
apology: forgive
apology: pardon the delay
apology: excuse the delay
apology: excuse the wait
apology: there's no excuse
apology: it's my fault
apology: it's our fault
apology: it was our fault
apology: entirely our fault
apology: it's our mistake
apology: it was our mistake
apology: that was my mistake
apology: the mistake was ours
apology: it's our error
apology: we made a mistake
apology: i made a mistake
apology: we got it wrong
apology: i got that wrong
apology: that's on us
apology: that's on me
apology: we let you down
apology: i let you down
apology: dropped the ball
apology: we messed up
apology: shouldn't have happened
apology: should not have happened
apology: should never have happened
apology: my bad

# ---- empathy: acknowledges the customer's feeling or situation ---------------------------------
empathy: i understand
empathy: i can understand
empathy: completely understand
empathy: totally understand
empathy: fully understand
empathy: that's understandable
empathy: that must be
empathy: must be hard
empathy: must be difficult
empathy: must be awful
empathy: that must have been
empathy: frustrating
empathy: how stressful
empathy: so stressful
empathy: stressful for you
empathy: upsetting
empathy: disappointing
empathy: annoying
empathy: must be worrying
empathy: how worrying
empathy: would worry anyone
empathy: i can imagine
empathy: i can only imagine
empathy: imagine how
empathy: sorry to hear
empathy: i hear you
empathy: i can hear how
empathy: i can see why
empathy: i can see how
empathy: i know how important
empathy: i know how hard
empathy: no wonder you
empathy: in your shoes
empathy: in your position
empathy: feel the same
empathy: anyone would be
empathy: you have every right
empathy: the last thing you need
empathy: you're right
empathy: you're absolutely right

# ---- ownership: takes the problem on ("let me" alone would also match "let me transfer you") ---
ownership: let me check
ownership: let me find
ownership: let me look
ownership: let me see what
ownership: let me sort
ownership: let me fix
ownership: let me handle
ownership: let me take care
ownership: let me open
ownership: let's sort
ownership: i'll sort
ownership: i'll check
ownership: i will check
ownership: i'll find out
ownership: i'll look into
ownership: i'm looking into
ownership: i'm looking at
ownership: i'll take care
ownership: i'll handle
ownership: i'll deal with
ownership: i'll fix
ownership: i'll chase
ownership: i'll make sure
ownership: i will make sure
ownership: i'll personally
ownership: i'll stay with you
ownership: myself
ownership: leave it with me
ownership: i'm on it
ownership: give me a minute
ownership: check right now
ownership: do it right now
ownership: do that right away
ownership: no need to call
ownership: you don't need to call
ownership: i'll get this sorted
ownership: i've booked
ownership: i've arranged
ownership: i've reserved
ownership: i've extended

# ---- transfer: sends the customer elsewhere (another number, department, address) --------------
transfer: call our courier
transfer: call the courier
transfer: contact the courier
transfer: call the bank
transfer: call your bank
transfer: contact your bank
transfer: speak to your bank
transfer: ask your bank
transfer: with your bank
transfer: another department
transfer: relevant department
transfer: not our department
transfer: not my department
transfer: hotline
transfer: helpline
transfer: put you through
transfer: transfer you
transfer: connect you to
transfer: pass you to
transfer: pass your case
transfer: you'll need to contact
transfer: you need to contact
transfer: you'll have to contact
transfer: you'll need to call
transfer: you'll have to call
transfer: you'll need to speak to
transfer: please contact the
transfer: please contact our
transfer: please contact your
transfer: please call our
transfer: you can call them
transfer: email them
transfer: their number
transfer: handled by our
transfer: handled by the
transfer: dealt with by
transfer: customer relations
transfer: write to our head office
transfer: write to head office
transfer: visit our website

# ---- canned: template phrase not addressed to this person --------------------------------------
canned: your call is important to us
canned: valued customer
canned: as per our policy
canned: as per policy
canned: company policy
canned: policy is policy
canned: terms and conditions
canned: standard process
canned: any inconvenience
canned: inconvenience caused
canned: understand your frustration
canned: thank you for your patience
canned: thank you for holding
canned: thank you for choosing
canned: thank you for contacting
canned: continue to hold
canned: please hold the line
canned: is there anything else i can help
canned: have a nice day
canned: appreciate your feedback
canned: currently experiencing
canned: technical difficulties
canned: high volume
canned: call volumes
canned: try again later
canned: unable to assist
canned: unable to help
canned: we are unable to
canned: cannot solve your question
canned: not responsible for
canned: regret to inform
canned: rest assured
canned: do our best
canned: in due course
canned: someone will be in touch
canned: we'll get back to you
canned: has been forwarded
canned: has been logged
canned: your satisfaction is our
canned: turning it off and on

# ---- familiar: over-familiar, slang, emoji, chumminess -----------------------------------------
familiar: :emoji:
familiar: mate
familiar: hun
familiar: honey
familiar: sweetie
familiar: sweetheart
familiar: darling
familiar: my love
familiar: babe
familiar: buddy
familiar: pal
familiar: dude
familiar: bro
familiar: lol
familiar: lmao
familiar: omg
familiar: haha
familiar: hahaha
familiar: hehe
familiar: thx
familiar: btw
familiar: no worries
familiar: no probs
familiar: you're a star
familiar: you're a legend
familiar: gonna
familiar: wanna
familiar: gotcha
familiar: yep
familiar: yup
familiar: nope
familiar: okey dokey
familiar: hiya
familiar: hey there
familiar: my bad
familiar: chill out

# ---- rude: rude, blaming, getting personal -----------------------------------------------------
rude: calm down
rude: you should have read
rude: you should have checked
rude: you should have waited
rude: that's your problem
rude: not my problem
rude: not our problem
rude: not our fault
rude: not my fault
rude: not our responsibility
rude: your own fault
rude: it's your fault
rude: user error
rude: you may have missed
rude: as i already said
rude: i already told you
rude: i've already told you
rude: like i said
rude: how many times do i
rude: you don't understand
rude: do you not understand
rude: what part of no
rude: listen to me
rude: no need to shout
rude: stop shouting
rude: raising your voice
rude: don't raise your voice
rude: don't take that tone
rude: nothing i can do
rude: take it or leave it
rude: just deal with it
rude: if you don't like it
rude: entirely your choice
rude: whatever you say
rude: with all due respect
rude: you people
rude: i'll end this call
rude: i'm hanging up
rude: stop complaining
rude: get over it

# ---- jargon: technical jargon the customer won't know ------------------------------------------
jargon: ticket id
jargon: escalation queue
jargon: sla
jargon: backend
jargon: back end
jargon: rma
jargon: tier 2
jargon: l2
jargon: server side
jargon: api
jargon: crm
jargon: sku
jargon: pre authorisation
jargon: authorisation hold
jargon: acquirer
jargon: issuer
jargon: chargeback
jargon: settlement
jargon: batch run
jargon: payment gateway
jargon: timed out
jargon: webhook
jargon: dhcp
jargon: ssid
jargon: wan
jargon: lan port
jargon: ont
jargon: ip address
jargon: latency
jargon: firmware
jargon: hard reset
jargon: reflash
jargon: provisioning
jargon: sync
jargon: cached
jargon: ghz
jargon: wpa2
jargon: ppp session

# ---- plan: states what will happen next and when -----------------------------------------------
plan: by tomorrow
plan: tomorrow
plan: tonight
plan: this evening
plan: this afternoon
plan: later today
plan: monday
plan: tuesday
plan: wednesday
plan: thursday
plan: friday
plan: saturday
plan: o'clock
plan: pm
plan: by the end of
plan: at the latest
plan: no later than
plan: first thing
plan: within an hour
plan: within the hour
plan: within the next
plan: within 24 hours
plan: within a few
plan: in an hour
plan: working days
plan: business days
plan: i'll call you back
plan: call you back
plan: i'll text you
plan: i'll email you
plan: i'll send you
plan: we'll send you
plan: you'll get an sms
plan: you'll get
plan: you'll receive
plan: i'll update you
plan: i'll let you know
plan: will arrive
plan: will be with you
plan: booked for
