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

#endif
