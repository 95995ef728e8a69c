/*
 * format.c - numbers, counts, money and dates per language; see format.h. Depends on libc
 * (snprintf, no locale: the C locale's "%.*f" is read and regrouped) and the catalogue (the
 * months' names). Never reads a clock or the environment.
 */
#include "format.h"

#include <stdio.h>
#include <string.h>

/* ---- a bounded writer ------------------------------------------------------------------------ */

/* Appends to out (size bytes) at *k; what does not fit is dropped, and the text is cut back to
 * the last whole UTF-8 character so a short buffer never ends in half a letter. */
typedef struct {
    char *out;
    size_t size, k;
    int cut;
} writer;

static void put_n(writer *w, const char *s, size_t n)
{
    if (!w->size || w->cut)
        return;
    size_t room = w->size - 1 - w->k;
    if (n > room) {
        n = room;
        /* back off to a character boundary: never start a continuation byte's cut */
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
        w->cut = 1;
    }
    memcpy(w->out + w->k, s, n);
    w->k += n;
    w->out[w->k] = '\0';
}

static void put(writer *w, const char *s)
{
    put_n(w, s, strlen(s));
}

static writer start(char *out, size_t size)
{
    if (size)
        out[0] = '\0';
    return (writer){out, size, 0, 0};
}

/* ---- plurals ----------------------------------------------------------------------------------
 */

int fl_plural_category(int lang, long long n)
{
    /* the magnitude, without overflowing on LLONG_MIN (whose last digits are ...808) */
    unsigned long long a = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
    if (!lang)
        return a == 1 ? FL_PLURAL_ONE : FL_PLURAL_MANY;
    unsigned m10 = (unsigned)(a % 10), m100 = (unsigned)(a % 100);
    if (m10 == 1 && m100 != 11)
        return FL_PLURAL_ONE;
    if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14))
        return FL_PLURAL_FEW;
    return FL_PLURAL_MANY;
}

const char *fl_plural(char *out, size_t size, int lang, long long n, const char *forms)
{
    writer w = start(out, size);
    int cat = fl_plural_category(lang, n);
    /* English lists two forms: one, other */
    int want = !lang ? (cat == FL_PLURAL_ONE ? 0 : 1) : cat;
    const char *p = forms ? forms : "";
    for (int i = 0; i < want; i++) {
        const char *bar = strchr(p, '|');
        if (!bar)
            break; /* fewer forms: the last one serves */
        p = bar + 1;
    }
    const char *end = strchr(p, '|');
    put_n(&w, p, end ? (size_t)(end - p) : strlen(p));
    return out;
}

/* ---- numbers ----------------------------------------------------------------------------------
 */

/* Writes the digits of an unsigned decimal text (no sign, no point) grouped by three. */
static void put_grouped(writer *w, const char *digits, size_t n, int lang)
{
    const char *sep = lang ? FL_NBSP : ",";
    for (size_t i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            put(w, sep);
        put_n(w, digits + i, 1);
    }
}

const char *fl_format_int(char *out, size_t size, int lang, long long v)
{
    writer w = start(out, size);
    char digits[32];
    unsigned long long a = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    int n = snprintf(digits, sizeof digits, "%llu", a);
    if (v < 0)
        put(&w, "-");
    put_grouped(&w, digits, (size_t)n, lang);
    return out;
}

const char *fl_format_decimal(char *out, size_t size, int lang, double v, int decimals)
{
    writer w = start(out, size);
    char text[352]; /* the longest double printed with %.9f fits */
    if (decimals < 0)
        decimals = 0;
    if (decimals > 9)
        decimals = 9;
    int n = snprintf(text, sizeof text, "%.*f", decimals, v);
    if (n < 0 || (size_t)n >= sizeof text ||
        !(text[0] == '-' || (text[0] >= '0' && text[0] <= '9'))) {
        put(&w, text); /* inf, nan: as printf writes them */
        return out;
    }
    const char *p = text;
    if (*p == '-') {
        /* "-0.0" reads as a negative nothing: a rounded zero has no sign */
        if (strspn(p + 1, "0.") != strlen(p + 1))
            put(&w, "-");
        p++;
    }
    size_t int_len = strcspn(p, ".");
    put_grouped(&w, p, int_len, lang);
    if (p[int_len] == '.') {
        put(&w, lang ? "," : ".");
        put(&w, p + int_len + 1);
    }
    return out;
}

const char *fl_format_count(char *out, size_t size, int lang, long long n, fl_word_id forms)
{
    writer w = start(out, size);
    char num[48], form[128];
    put(&w, fl_format_int(num, sizeof num, lang, n));
    put(&w, FL_NBSP);
    put(&w, fl_plural(form, sizeof form, lang, n, fl_word(forms, lang)));
    return out;
}

/* ---- money ------------------------------------------------------------------------------------
 */

/* Whether a equals b[0..n) ignoring the case of ASCII letters. */
static int same_ci(const char *a, const char *b, size_t n)
{
    if (strlen(a) != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y - 'A' + 'a');
        if (x != y)
            return 0;
    }
    return 1;
}

/* The currencies a trainer may name, each by its sign; before: the sign goes before the number
 * in English. */
static const struct {
    const char *sign;
    int before;
    const char *names[8];
} currencies[] = {
    {"\u20bd", 0, {"RUB", "RUR", "\u20bd", "руб", "руб.", "Руб", "Руб.", "р."}},
    {"\u20ac", 1, {"EUR", "\u20ac", "евро"}},
    {"$", 1, {"USD", "$", "US$"}},
    {"\u00a3", 1, {"GBP", "\u00a3"}},
};

const char *fl_format_money(char *out, size_t size, int lang, long long amount, const char *unit)
{
    writer w = start(out, size);
    char num[48];
    const char *u = unit ? unit : "";
    size_t un;
    while (*u == ' ' || *u == '\t')
        u++;
    un = strlen(u);
    while (un && (u[un - 1] == ' ' || u[un - 1] == '\t'))
        un--;
    /* the magnitude: the sign goes before a leading currency sign ("-€20") */
    fl_format_int(num, sizeof num, lang, amount);
    const char *mag = num[0] == '-' ? num + 1 : num;
    for (size_t c = 0; c < sizeof currencies / sizeof currencies[0]; c++)
        for (size_t i = 0; i < 8 && currencies[c].names[i]; i++) {
            if (!same_ci(currencies[c].names[i], u, un))
                continue;
            if (amount < 0)
                put(&w, "-");
            if (!lang && currencies[c].before) {
                put(&w, currencies[c].sign);
                put(&w, mag);
            } else {
                put(&w, mag);
                put(&w, FL_NBSP);
                put(&w, currencies[c].sign);
            }
            return out;
        }
    put(&w, num);
    if (un) {
        put(&w, FL_NBSP);
        put_n(&w, u, un);
    }
    return out;
}

/* ---- dates ------------------------------------------------------------------------------------
 */

static const fl_word_id months[12] = {
    FL_W_MONTH_1, FL_W_MONTH_2, FL_W_MONTH_3, FL_W_MONTH_4,  FL_W_MONTH_5,  FL_W_MONTH_6,
    FL_W_MONTH_7, FL_W_MONTH_8, FL_W_MONTH_9, FL_W_MONTH_10, FL_W_MONTH_11, FL_W_MONTH_12,
};

const char *fl_format_date(char *out, size_t size, int lang, int year, int month, int day)
{
    writer w = start(out, size);
    char buf[96];
    if (month < 1 || month > 12)
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    else
        snprintf(buf, sizeof buf, "%d" FL_NBSP "%s %d", day, fl_word(months[month - 1], lang),
                 year);
    put(&w, buf);
    return out;
}

const char *fl_format_time(char *out, size_t size, int lang, int hour, int minute)
{
    (void)lang; /* both write 14:05 */
    writer w = start(out, size);
    char buf[32];
    snprintf(buf, sizeof buf, "%02d:%02d", hour, minute);
    put(&w, buf);
    return out;
}

const char *fl_format_date_time(char *out, size_t size, int lang, int year, int month, int day,
                                int hour, int minute)
{
    writer w = start(out, size);
    char buf[96];
    put(&w, fl_format_date(buf, sizeof buf, lang, year, month, day));
    put(&w, ", ");
    put(&w, fl_format_time(buf, sizeof buf, lang, hour, minute));
    return out;
}
