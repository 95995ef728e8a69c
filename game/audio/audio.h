/*
 * audio.h - sound behind one small table of operations: the cues, the customer's voice, the
 * office's ambience, the interface's own voice (self-voicing) and the tone meter.
 *
 * Two back ends implement it (Chocolate Doom's sound modules, raylib's platform back ends):
 *   - "portaudio" (pa.c): one PortAudio output stream feeding a small mixer (mixer.c), speech
 *     synthesised by espeak-ng on a thread of its own and cached (speech.c), the microphone
 *     through a PortAudio input stream into the meter (meter.c);
 *   - "null" (null.c): plays nothing and, when FRONTLINE_AUDIO_LOG names a file, appends a line
 *     to it for every operation, so tests can check what would have been said and heard.
 * FRONTLINE_AUDIO=null|portaudio chooses (default portaudio); a machine without a sound device
 * gets the portaudio back end in the FL_AUDIO_NO_DEVICE state, which is silent like null.
 *
 * Only game/audio/ includes PortAudio or espeak-ng. Every function here is called from the main
 * thread and returns at once: fl_audio_open() starts the device on a thread of its own, so the
 * first frame never waits for it, and nothing here blocks on the device. Every function accepts
 * a NULL fl_audio and then does nothing, so a front end need not check.
 */
#ifndef FL_AUDIO_H
#define FL_AUDIO_H

#include <stddef.h>
#include <stdint.h>

#include "voice.h"

typedef struct fl_audio fl_audio;

/* The sounds synthesised in code (mixer.c). */
typedef enum {
    FL_CUE_RING,    /* an incoming call: two-tone ring, 425 Hz + 480 Hz bursts */
    FL_CUE_MESSAGE, /* a new customer line: a short two-note chime */
    FL_CUE_TICK,    /* one tick, played each second of the last five of a timed reply */
    FL_CUE_HANGUP,  /* the customer hung up: three falling beeps (a busy tone) */
    FL_CUE_COUNT
} fl_cue;

/* What a spoken text is. */
typedef enum {
    FL_SAY_CUSTOMER,  /* a customer's line: the scenario's language, voice and the line's emotion;
                         customer lines queue one after another */
    FL_SAY_INTERFACE, /* self-voicing: what has focus, in the interface language, neutral; a new
                         one cuts the one still being spoken */
} fl_say_kind;

typedef struct {
    fl_say_kind kind;
    const char *text;  /* UTF-8 */
    const char *lang;  /* "en" or "ru" (an espeak-ng language name) */
    int emotion;       /* fl_emotion (scenario.h); FL_EMO_NEUTRAL for the interface */
    const char *voice; /* the customer's voice attribute: "female", "male", an espeak-ng voice
                          ("ru+f3"), or NULL for the language's default */
} fl_say;

/* The trainee's settings; fl_audio_set_levels() applies them at once. */
typedef struct {
    int sounds; /* cues and ambience on */
    int voice;  /* the customer's voice on */
    int self;   /* self-voicing on (FL_SAY_INTERFACE texts are spoken) */
    int volume; /* 0..100, of everything */
} fl_audio_levels;

typedef enum {
    FL_AUDIO_STARTING,  /* the device is being opened (on its own thread) */
    FL_AUDIO_READY,     /* sound plays */
    FL_AUDIO_NO_DEVICE, /* no output device (or it failed): silent; fl_audio_status says why */
    FL_AUDIO_NULL,      /* the null back end */
} fl_audio_state;

typedef struct {
    fl_audio_state state;
    int has_input;     /* a microphone was found (the meter can run) */
    char why[256];     /* NO_DEVICE: the reason, in English (for the log and the settings) */
    char device[128];  /* READY: the output device's name */
    int rate;          /* READY: the output's sample rate */
} fl_audio_status;

/* The operations a back end provides. Each back end has one static table of these. */
typedef struct {
    const char *name;
    int (*open)(fl_audio **out, const fl_audio_levels *levels);
    void (*status)(fl_audio *a, fl_audio_status *out);
    void (*set_levels)(fl_audio *a, const fl_audio_levels *levels);
    uint32_t (*say)(fl_audio *a, const fl_say *s);
    int (*speaking)(fl_audio *a, uint32_t id);
    void (*stop_speech)(fl_audio *a);
    void (*cue)(fl_audio *a, fl_cue c);
    void (*ambience)(fl_audio *a, float level);
    int (*meter_start)(fl_audio *a);
    float (*meter_level)(fl_audio *a);
    int (*meter_stop)(fl_audio *a, fl_voice_figures *out);
    void (*close)(fl_audio *a);
    int (*busy)(fl_audio *a); /* added for `frontline sound`: see fl_audio_busy */
} fl_audio_ops;

extern const fl_audio_ops fl_audio_null;
extern const fl_audio_ops fl_audio_portaudio;

/* Every back end's instance starts with this, so the wrappers below can dispatch. */
struct fl_audio {
    const fl_audio_ops *ops;
};

/* Opens the back end FRONTLINE_AUDIO names (default portaudio) with these levels. Returns
 * immediately; never NULL except when out of memory. */
fl_audio *fl_audio_open(const fl_audio_levels *levels);
void fl_audio_status_get(fl_audio *a, fl_audio_status *out);
void fl_audio_set_levels(fl_audio *a, const fl_audio_levels *levels);

/* Speaks a text (a customer line when voice is on, an interface text when self-voicing is on).
 * Returns an id > 0 to follow it with fl_audio_speaking(), or 0 when it will not be spoken
 * (that kind is off, no device, empty text). */
uint32_t fl_audio_say(fl_audio *a, const fl_say *s);
/* 1 while text `id` is waiting to be synthesised, being synthesised or playing; 0 once its
 * last sample has been played (or it was stopped, or never spoken). The desktop starts the
 * reply clock when this turns 0. */
int fl_audio_speaking(fl_audio *a, uint32_t id);
/* Stops every text being spoken or waiting (the self-voicing stop key, leaving a call). */
void fl_audio_stop_speech(fl_audio *a);
/* Plays a cue (when sounds are on). */
void fl_audio_cue(fl_audio *a, fl_cue c);
/* The office ambience: 0 off, 1 the busiest (a stress round sets it from its queue); it fades
 * to a new level over about half a second. */
void fl_audio_ambience(fl_audio *a, float level);

/* The tone meter. meter_start opens the microphone and starts measuring: 0, or -1 when there
 * is no input (the desktop then skips "say it aloud"). meter_level is the loudness of the last
 * 50 ms in dBFS (for a live bar; -120 when silent or not running). meter_stop stops and gives
 * the figures of everything heard since meter_start: 0, or -1 when not running. */
int fl_audio_meter_start(fl_audio *a);
float fl_audio_meter_level(fl_audio *a);
int fl_audio_meter_stop(fl_audio *a, fl_voice_figures *out);

/* 1 while anything is still to be heard: a text queued or playing, a cue, the ambience above 0
 * (`frontline sound` waits for this to turn 0 before it exits). 0 with no device. */
int fl_audio_busy(fl_audio *a);

/* Stops everything and frees the back end (waits for its threads). */
void fl_audio_close(fl_audio *a);

#endif
