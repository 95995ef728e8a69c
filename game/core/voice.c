/*
 * voice.c - judging a reply read aloud (voice.h).
 */
#include "voice.h"

uint32_t fl_voice_judge(const fl_voice_figures *f)
{
    if (f->speech_s < FL_VOICE_MIN_SPEECH_S || f->rms_dbfs < FL_VOICE_SILENT_DBFS)
        return FL_VOICE_SILENT;
    uint32_t flags = 0;
    if (f->rms_dbfs >= FL_VOICE_LOUD_DBFS)
        flags |= FL_VOICE_LOUD;
    if (f->syllables_per_s > FL_VOICE_FAST_SPS)
        flags |= FL_VOICE_FAST;
    return flags;
}
