/*
 * sound.h - the call's sound on the desktop (sound.c): the cues, the customer's voice, the reply
 * clock that starts once a line has been said, the office ambience and "say it aloud".
 *
 * The conversation screen drives it: fl_sound_tick after every tick of the call (or of the
 * round's calls), fl_sound_acted after every reply, fl_sound_switched when a round's active
 * call changes, fl_sound_leave when the conversation screen is left. Everything goes through
 * ui->audio (audio.h), which may be NULL (not opened yet, or no sound at all): then nothing is
 * heard and every line is presented at once, so a call never waits for a sound that cannot
 * come.
 */
#ifndef FL_SOUND_H
#define FL_SOUND_H

#include <stdint.h>

#include "call.h"

struct fl_ui;

/* The sounds of the calls in play at ui->now: the ring of a call that arrived, the chime of a
 * line that appeared, the active call's line said in the customer's voice and presented once
 * said (or at once: voice off, no device, a call in the background, the safety bound), the
 * ticks of the last five seconds, "10 seconds left" (self-voicing), the hang-up tone, the
 * ambience, and "say it aloud"'s level and its end by itself. Returns the ms until it needs the
 * loop again (speech being waited for, the level bar), -1 when nothing. */
int fl_sound_tick(struct fl_ui *ui);

/* The trainee replied on call c: a line still being said is cut (the trainee interrupted). */
void fl_sound_acted(struct fl_ui *ui, fl_call_ui *c);
/* A round's active call changed: the speech of the call left stops; the new one's line is said
 * at the next tick when it has not been yet. */
void fl_sound_switched(struct fl_ui *ui, fl_call_ui *left);
/* The conversation screen is left (results, library...): speech stops and the ambience goes to
 * 0. The app calls it from fl_ui_go for every other screen; it is idempotent. */
void fl_sound_leave(struct fl_ui *ui);

/* The office's ambience in a stress round, 0..1, from the calls waiting for the trainee (a line
 * shown and not answered) and whether customers are held back (every line busy and more to
 * come): clamp(0.15 + 0.2 x waiting + 0.1 x held, 0, 1). */
float fl_sound_round_ambience(uint32_t waiting, uint32_t held);
/* A single call's: a faint constant. */
#define FL_SOUND_CALL_AMBIENCE 0.1f

/* "Say it aloud": after reply `turn` of call c (its words `text`), when the setting is on and
 * the microphone opens (fl_audio_meter_start), the panel comes up and the call's end is held.
 * Returns 1 when it came up, 0 when not (setting off, no microphone). */
int fl_sound_aloud_begin(struct fl_ui *ui, fl_call_ui *c, uint32_t turn, const char *text);
/* Ends it: keep 1 (Enter, or it stopped by itself) gives the figures to the round
 * (fl_round_voice) and the recorder; keep 0 (Esc) drops them. The call's end, when it ended,
 * is recorded then. */
void fl_sound_aloud_end(struct fl_ui *ui, fl_call_ui *c, int keep);

/* The level bar's scale: dBFS from FL_SOUND_LEVEL_FLOOR (empty) to 0 (full). */
#define FL_SOUND_LEVEL_FLOOR (-60.0f)

#endif
