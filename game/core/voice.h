/*
 * voice.h - a reply read aloud, as the tone meter measured it, and how it is judged.
 *
 * The meter (game/audio/meter.c) turns microphone samples into these figures; the core only
 * receives them, like the time a reply took, so a session's scores stay reproducible from its
 * acts. fl_voice_judge() is the one place that says what counts as shouting or rushing: the
 * results screen, the exports and, when a scenario's rubric counts the voice
 * (<rubric voice="scored">), the scoring rules read its flags.
 *
 * The thresholds come from the source (a speech tempo above the norm angers customers;
 * shouting is rude whatever the words) and from ordinary phone speech: a calm agent speaks at
 * 3-5 syllables a second and well below full scale on a headset microphone.
 */
#ifndef FL_VOICE_H
#define FL_VOICE_H

#include <stdint.h>

typedef struct {
    float rms_dbfs;        /* loudness while speaking: RMS over the voiced frames, dBFS */
    float peak_dbfs;       /* the loudest sample, dBFS (0 = full scale) */
    float syllables_per_s; /* speaking rate: syllables / speech_s (pauses included, as a
                              listener hears the pace) */
    float speech_s;        /* from the first voiced frame to the last, pauses included */
    float pause_s;         /* the pauses inside the reading, summed */
    uint32_t pauses;       /* gaps of FL_VOICE_PAUSE_MS or more between voiced stretches */
    uint32_t syllables;    /* syllable nuclei counted */
} fl_voice_figures;

/* A gap of this long or longer between voiced stretches is a pause. */
#define FL_VOICE_PAUSE_MS 250
/* Shouting: the voiced RMS at or above this. (Not the peak: a hot microphone clips at an
 * ordinary voice, and espeak-ng's own calm reading peaks at -1 dBFS with a voiced RMS of -19.) */
#define FL_VOICE_LOUD_DBFS (-17.0f)
/* Rushing: more syllables a second than this (calm phone speech is 3-5; espeak-ng's default
 * 175 words a minute reads at about 5). */
#define FL_VOICE_FAST_SPS 6.0f
/* Nothing heard: less speaking time than this, or a voiced RMS under FL_VOICE_SILENT_DBFS. */
#define FL_VOICE_MIN_SPEECH_S 0.3f
#define FL_VOICE_SILENT_DBFS (-50.0f)

enum {
    FL_VOICE_LOUD = 1u << 0,   /* shouting */
    FL_VOICE_FAST = 1u << 1,   /* rushing */
    FL_VOICE_SILENT = 1u << 2, /* the reply was not heard (nothing else is judged then) */
};

/* The flags the figures earn (0: calm and clear). */
uint32_t fl_voice_judge(const fl_voice_figures *f);

#endif
