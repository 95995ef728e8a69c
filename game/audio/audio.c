/*
 * audio.c - choosing a back end and dispatching to its operations (audio.h).
 */
#include "audio.h"

#include <stdlib.h>
#include <string.h>

fl_audio *fl_audio_open(const fl_audio_levels *levels)
{
    const char *want = getenv("FRONTLINE_AUDIO");
    const fl_audio_ops *ops =
        want && strcmp(want, "null") == 0 ? &fl_audio_null : &fl_audio_portaudio;
    fl_audio *a = NULL;
    if (ops->open(&a, levels) != 0 && ops != &fl_audio_null)
        fl_audio_null.open(&a, levels); /* out of memory for the real one: stay silent */
    return a;
}

void fl_audio_status_get(fl_audio *a, fl_audio_status *out)
{
    memset(out, 0, sizeof(*out));
    if (!a) {
        out->state = FL_AUDIO_NULL;
        return;
    }
    a->ops->status(a, out);
}

void fl_audio_set_levels(fl_audio *a, const fl_audio_levels *levels)
{
    if (a)
        a->ops->set_levels(a, levels);
}

uint32_t fl_audio_say(fl_audio *a, const fl_say *s)
{
    return a && s->text && *s->text ? a->ops->say(a, s) : 0;
}

int fl_audio_speaking(fl_audio *a, uint32_t id)
{
    return a && id ? a->ops->speaking(a, id) : 0;
}

void fl_audio_stop_speech(fl_audio *a)
{
    if (a)
        a->ops->stop_speech(a);
}

void fl_audio_cue(fl_audio *a, fl_cue c)
{
    if (a && c >= 0 && c < FL_CUE_COUNT)
        a->ops->cue(a, c);
}

void fl_audio_ambience(fl_audio *a, float level)
{
    if (a)
        a->ops->ambience(a, level < 0 ? 0 : level > 1 ? 1 : level);
}

int fl_audio_meter_start(fl_audio *a)
{
    return a ? a->ops->meter_start(a) : -1;
}

float fl_audio_meter_level(fl_audio *a)
{
    return a ? a->ops->meter_level(a) : -120.0f;
}

int fl_audio_meter_stop(fl_audio *a, fl_voice_figures *out)
{
    return a ? a->ops->meter_stop(a, out) : -1;
}

int fl_audio_busy(fl_audio *a)
{
    return a && a->ops->busy ? a->ops->busy(a) : 0;
}

void fl_audio_close(fl_audio *a)
{
    if (a)
        a->ops->close(a);
}
