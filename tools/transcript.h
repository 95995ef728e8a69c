/*
 * transcript.h - a played session as one JSON document (jansson): the scenario, the transcript
 * with the state after every turn, the ending, the dimension scores, the overall score, the
 * findings and the survey. `play --script` prints it; the golden files in tests/golden are it.
 */
#ifndef FL_TRANSCRIPT_H
#define FL_TRANSCRIPT_H

#include <jansson.h>

#include "session.h"

/* Returns a new JSON object (json_decref it), or NULL when out of memory. `file` names the
 * scenario as the user gave it; options[i] is the option number the trainee pressed at turn i
 * (0 when the reply was not picked by number), or options may be NULL. */
json_t *fl_transcript_json(const fl_session *ss, const char *file, const uint32_t *options);

/* The signal names of a bit set, as a JSON array in bit order. */
json_t *fl_signals_json(uint32_t signals);

/* The replies of a session read aloud (fl_session_voice), summed up for the JSON's "voice" and
 * the terminal's results. The means are over the replies heard (not flagged silent). */
typedef struct {
    uint32_t read;  /* replies with figures */
    uint32_t heard; /* of those, not silent */
    uint32_t loud, fast, silent;
    double mean_rms_dbfs, mean_syllables_per_s; /* over the heard ones (0 when none) */
    float fastest;                              /* the highest rate among the fast ones */
    int scored;                                 /* the rubric scores the voice */
} fl_voice_summary;

/* Fills *out; returns out->read (0: no voice data, nothing to show). */
uint32_t fl_voice_summarise(const fl_session *ss, fl_voice_summary *out);

#endif
