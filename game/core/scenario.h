/*
 * scenario.h - the loaded scenario: an immutable model of one scenario file.
 *
 * fl_scenario_load_file() reads a scenario safely (see loader.c: no DTDs, no entities, no
 * network, no file access beyond the one file, size and depth limits, UTF-8 only), checks the
 * structure scenarios/schema/scenario.xsd describes (build.c) and builds this model in a single
 * arena. Cross references
 * (reply targets, offers, variables) are resolved to indices and conditions are compiled, so play
 * never looks anything up by name and never parses. The model is read-only after loading and is
 * freed by one fl_scenario_free().
 *
 * Depends on libc and libxml2 (loader.c only).
 */
#ifndef FL_SCENARIO_H
#define FL_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "expr.h"

/* What a reply does, for the scoring (scoring.md, "Signals"). A bit set. */
typedef enum {
    FL_SIG_APOLOGY = 1u << 0,
    FL_SIG_EMPATHY = 1u << 1,
    FL_SIG_OWNERSHIP = 1u << 2,
    FL_SIG_TRANSFER = 1u << 3,
    FL_SIG_CANNED = 1u << 4,
    FL_SIG_FAMILIAR = 1u << 5,
    FL_SIG_RUDE = 1u << 6,
    FL_SIG_JARGON = 1u << 7,
    FL_SIG_UPSELL = 1u << 8,
    FL_SIG_PLAN = 1u << 9,
    FL_SIG_GESTURE = 1u << 10,
    FL_SIG_RESOLVE = 1u << 11,
    FL_SIG_HANDOFF = 1u << 12, /* a warm hand-off: a warranted escalation that keeps ownership */
} fl_signal;
#define FL_SIGNAL_COUNT 13

/*
 * Critical mistakes (scoring.md, "Critical mistakes"): one of them fails the conversation,
 * whatever else it scored. A scenario's set is a bit mask: the signals' own bits (a reply that
 * carries a critical signal), then the mistakes below that are not signals. FL_CRIT_DEFAULT is
 * the set a scenario has unless its <rubric> adds or removes items.
 */
enum {
    FL_CRIT_LOST = 1u << 16,           /* the customer was lost: hung up, or a `lost` ending */
    FL_CRIT_TIMEOUT = 1u << 17,        /* dead air: no reply before the time limit ran out */
    FL_CRIT_OVER_BUDGET = 1u << 18,    /* goodwill beyond the budget the agent may grant alone */
    FL_CRIT_UPSELL_UNHAPPY = 1u << 19, /* an offer while the customer was unhappy (mood < 0) */
    FL_CRIT_UNHAPPY = 1u << 20, /* ended unresolved (partly, escalated) with the customer unhappy */
    FL_CRIT_REPLY = 1u << 21,   /* a reply the author marked critical="yes" (never in a set) */
    /* a reply read aloud too loud / too fast (voice.h); only where the rubric scores the voice
     * (<rubric voice="scored">) and makes it critical: never by default */
    FL_CRIT_VOICE_LOUD = 1u << 22,
    FL_CRIT_VOICE_FAST = 1u << 23,
};
#define FL_CRIT_DEFAULT                                                                            \
    (FL_SIG_TRANSFER | FL_SIG_RUDE | FL_CRIT_LOST | FL_CRIT_TIMEOUT | FL_CRIT_OVER_BUDGET |        \
     FL_CRIT_UPSELL_UNHAPPY | FL_CRIT_UNHAPPY)
/* The name of a critical item in <critical mistake="..."> ("transfer", "lost", ...), by bit
 * (1u << index); NULL for an index that names none. */
const char *fl_critical_name(int index);
/* Returns the bit of the critical item named s[0..len), or 0 when there is none. */
uint32_t fl_critical_parse(const char *s, size_t len);
/* Every name fl_critical_parse() accepts, NULL-terminated (for messages and did-you-mean). */
extern const char *const fl_critical_names[];

/* The vocabularies of scenario files, NULL-terminated, in enum order (outcomes start with
 * "none", the value of nodes). */
extern const char *const fl_signal_names[FL_SIGNAL_COUNT + 1];
extern const char *const fl_emotion_names[];
extern const char *const fl_outcome_names[];
extern const char *const fl_dimension_names[];

/* The signal's name in scenario files ("apology"), by bit index 0..FL_SIGNAL_COUNT-1. */
const char *fl_signal_name(int index);
/* The flag a signal sets, as conditions name it ("apologized"), by bit index. */
const char *fl_signal_flag(int index);
/* Returns the bit of the signal named s[0..len), or 0 when there is none. */
uint32_t fl_signal_parse(const char *s, size_t len);

typedef enum {
    FL_EMO_NEUTRAL,
    FL_EMO_CALM,
    FL_EMO_PLEASED,
    FL_EMO_HAPPY,
    FL_EMO_WORRIED,
    FL_EMO_CONFUSED,
    FL_EMO_SCEPTICAL,
    FL_EMO_ANNOYED,
    FL_EMO_ANGRY,
    FL_EMO_FURIOUS,
    FL_EMO_COUNT
} fl_emotion;
const char *fl_emotion_name(fl_emotion e);

typedef enum {
    FL_OUTCOME_NONE, /* a node, not an ending */
    FL_OUTCOME_RESOLVED,
    FL_OUTCOME_PARTLY,
    FL_OUTCOME_ESCALATED,
    FL_OUTCOME_LOST,
} fl_outcome;
const char *fl_outcome_name(fl_outcome o);

/* Scoring dimensions, in the order of scoring.md. */
typedef enum {
    FL_DIM_EMPATHY,
    FL_DIM_APOLOGY,
    FL_DIM_OWNERSHIP,
    FL_DIM_TONE,
    FL_DIM_UPSELL,
    FL_DIM_RESOLUTION,
    FL_DIM_RESPONSIVENESS,
    FL_DIM_COUNT
} fl_dimension;
const char *fl_dimension_name(fl_dimension d);

/* Rubric parameters a scenario may override; their defaults and ranges are in fl_rubric_params. */
typedef enum {
    FL_P_ANGRY_MOOD,
    FL_P_APOLOGY_WINDOW,
    FL_P_APOLOGY_LATE,
    FL_P_APOLOGY_MAX,
    FL_P_TRANSFER_PENALTY,
    FL_P_FAMILIAR_PENALTY,
    FL_P_FAMILIAR_UNRESOLVED_PENALTY,
    FL_P_RUDE_PENALTY,
    FL_P_CANNED_PENALTY,
    FL_P_JARGON_PENALTY,
    FL_P_JARGON_CONFUSED_PENALTY,
    FL_P_UPSELL_MOOD,
    FL_P_UPSELL_MISSED,
    FL_P_OVER_BUDGET_PENALTY,
    FL_P_PASS,
    FL_P_PASS_FLOOR,
    FL_P_COUNT
} fl_param;

typedef struct {
    const char *name;
    int def, min, max;
} fl_param_info;
extern const fl_param_info fl_rubric_params[FL_P_COUNT];
extern const int fl_default_weights[FL_DIM_COUNT];

/*
 * Environment slots of conditions: the customer's meters, counters, the signal flags (counts of
 * replies that carried each signal), then the scenario's own variables from FL_SLOT_VAR0 on.
 */
enum {
    FL_SLOT_MOOD,
    FL_SLOT_PATIENCE,
    FL_SLOT_TRUST,
    FL_SLOT_TURN,
    FL_SLOT_ELAPSED,
    FL_SLOT_GOODWILL,
    FL_SLOT_FLAG0, /* FL_SIGNAL_COUNT flags follow, in signal bit order */
    FL_SLOT_VAR0 = FL_SLOT_FLAG0 + FL_SIGNAL_COUNT
};

/* Where something was written in the scenario file (1-based; column 0 = unknown). */
typedef struct {
    uint32_t line, column;
} fl_pos;

typedef struct {
    int16_t mood, patience, trust; /* signed changes */
} fl_effect;

typedef struct {
    int32_t var; /* index into scenario->vars */
    int32_t value;
    int add; /* 1: add value, 0: assign it */
} fl_set;

/* One customer line. */
typedef struct {
    const char *id;       /* stable id (explicit or derived, see fl_derive_id) */
    const char *text;     /* whitespace-normalised UTF-8 */
    const fl_expr *cond;  /* NULL: always */
    const char *cond_src; /* the condition as written, NULL when none */
    fl_emotion emotion;
    int grievance; /* the line voices a complaint: opens the apology window */
    fl_pos pos;
} fl_line;

typedef enum {
    FL_REPLY_CHOICE,   /* a <reply> the trainee picks */
    FL_REPLY_ROUTE,    /* a free-text <route> chosen by its patterns */
    FL_REPLY_FALLBACK, /* the free-text <fallback> */
} fl_reply_kind;

/*
 * A free-text pattern alternative (route.h; the grammar is in scenarios/README.md, "Free text"):
 * terms that must all occur in the typed reply, in any order. A term is a word, compared by
 * stem, or a group "( ... | ... )", one of whose alternatives must match. Term order does not
 * matter for matching, so an alternative keeps its words and its groups apart; positions say
 * where each was written (byte offsets into src, the attribute as written).
 */
typedef struct fl_pattern fl_pattern;

/* A group inside an alternative: one of its alternatives must match. */
typedef struct {
    const fl_pattern *alts;
    uint32_t n_alts;
    uint32_t start, end; /* the group's bytes in src, brackets included */
} fl_pattern_group;

struct fl_pattern {
    const char *const *words; /* lower-cased as written; stemming happens in the lexicon module */
    uint32_t n_words;
    const uint32_t *word_start, *word_end; /* each word's bytes in src */
    const fl_pattern_group *groups;        /* in the order written */
    uint32_t n_groups;
    const char *src;     /* the whole match="..." as written (after XML decoding) */
    uint32_t start, end; /* the alternative's bytes in src, without the spaces around it */
};

/* One thing the agent can say: a choice reply, a free-text route, or the fallback. */
typedef struct {
    fl_reply_kind kind;
    const char *id;      /* stable id */
    const char *text;    /* the agent's words (choices); NULL for routes and fallbacks */
    int32_t target;      /* index into scenario->nodes */
    uint32_t signals;    /* fl_signal bits the author declared */
    const fl_expr *cond; /* NULL: always offered */
    const char *cond_src;
    int once;        /* offered only until picked once */
    int32_t gesture; /* goodwill amount granted, 0 = none */
    int32_t offer;   /* index into scenario->offers, -1 = none */
    fl_effect effect;
    const fl_set *sets;
    uint32_t n_sets;
    const char *note;           /* the trainer's feedback, NULL when none */
    const char *better;         /* the author's better alternative, NULL: the built-in one */
    int critical;               /* critical="yes": choosing it fails the conversation */
    const fl_pattern *patterns; /* routes only: the top-level alternatives of match="..." */
    uint32_t n_patterns;
    const char *match_src; /* routes only: match="..." as written; NULL otherwise */
    fl_pos pos;
} fl_reply;

/* A node or an ending (outcome != FL_OUTCOME_NONE). */
typedef struct {
    const char *id;
    fl_outcome outcome;
    const fl_line *lines;
    uint32_t n_lines;
    const fl_reply *replies; /* choices, or routes followed by the fallback */
    uint32_t n_replies;
    int free_text;           /* an <input> node: the trainee types */
    const char *placeholder; /* input hint, NULL when none */
    int32_t timeout;         /* node index on timeout, -1 = none */
    int32_t reply_seconds;   /* time limit here, 0 = the scenario's (or untimed) */
    fl_pos pos;
} fl_node;

typedef struct {
    const char *id;
    const char *text;
    int32_t price_cents; /* -1 when not given */
    fl_pos pos;
} fl_offer;

typedef struct {
    const char *name;
    int32_t init;
    fl_pos pos;
} fl_var;

typedef struct fl_scenario {
    const char *id;
    uint32_t version;
    const char *lang; /* "en", "ru" */
    const char *title, *brief, *goal;
    const char *const *tags;
    uint32_t n_tags;
    uint32_t minutes; /* estimated length, 0 = not given */

    const char *customer_name, *customer_voice, *customer_avatar, *customer_detail;
    fl_pos customer_avatar_pos; /* avatar="..." naming a file next to the scenario: where its
                                   value starts; {0, 0} otherwise. The front ends check that the
                                   file exists (warning file-exists): the core opens no file */
    int32_t start_mood, start_patience, start_trust;

    int32_t reply_seconds;   /* 0 = untimed */
    int32_t goodwill_budget; /* -1 = no <goodwill> */
    const char *goodwill_unit;

    const fl_offer *offers;
    uint32_t n_offers;
    const fl_var *vars;
    uint32_t n_vars;

    int weights[FL_DIM_COUNT]; /* defaults, overridden by <rubric> */
    int params[FL_P_COUNT];
    uint32_t critical; /* the critical mistakes: FL_CRIT_DEFAULT, changed by <rubric> */
    int voice_scored;  /* <rubric voice="scored">: a reply read aloud loud or fast costs Tone
                          (fl_session_voice); 0, "reported" (the default): the tone meter's
                          figures are shown beside the score and change nothing */

    const fl_node *nodes; /* nodes and endings in file order */
    uint32_t n_nodes;
    int32_t start; /* index of the start node */

    const char *path; /* the file it was loaded from (NULL when from memory) */
    const char *dir;  /* that file's folder, for the files it references */
    size_t footprint; /* bytes the model holds */
    struct fl_arena *arena;
} fl_scenario;

/* Limits of the loader. */
#define FL_SCENARIO_MAX_BYTES (16u * 1024 * 1024)
#define FL_SCENARIO_MAX_DEPTH 32

/*
 * Loads the scenario in buf[0..len) (`path` names it in diagnostics and locates files it
 * references; may be NULL). Every problem found is appended to `diags`. Returns 0 and sets *out
 * when the scenario has no errors (warnings are allowed); returns -1 with *out NULL otherwise,
 * or -2 when out of memory. The caller frees *out with fl_scenario_free().
 */
int fl_scenario_load_memory(fl_scenario **out, const char *buf, size_t len, const char *path,
                            fl_diags *diags);

/* Reads the file at `path` and loads it as fl_scenario_load_memory() does. A file that cannot be
 * read is reported in `diags` (rule "io") with the system's reason. */
int fl_scenario_load_file(fl_scenario **out, const char *path, fl_diags *diags);

/* Frees the scenario and everything it owns. fl_scenario_free(NULL) does nothing. */
void fl_scenario_free(fl_scenario *s);

/* Returns the index of the node or ending with this id, or -1. */
int32_t fl_scenario_find_node(const fl_scenario *s, const char *id);

/* Fills env[0..FL_SLOT_VAR0 + n_vars) with the start state: meters, zero counters, var inits. */
void fl_scenario_start_env(const fl_scenario *s, int32_t *env);

/* FNV-1a, 64 bits, over p[0..n): the hash of texts and words where only equality matters. */
uint64_t fl_hash64(const void *p, size_t n);

/*
 * Writes the derived id of a line ('l') or reply ('r') with this text in node `node_id`:
 * "<node>/<kind>-<8 hex digits of FNV-1a over the whitespace-normalised text>". It depends on
 * nothing else in the file, so edits elsewhere never change it.
 */
void fl_derive_id(char *buf, size_t size, const char *node_id, char kind, const char *text);

#endif
