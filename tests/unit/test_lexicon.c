/*
 * test_lexicon.c - what typed replies say: negation, non-apologies and polite requests, the
 * words that triggered each signal, offers named in a reply as upsell, Russian ownership in every
 * person and gender, the .lex format's own rules, and the triggers a session keeps on its turns.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "scenario.h"
#include "session.h"

#include "lexicon_fixture.h"

/* The signals of text, and its triggers formatted into why (when not NULL). */
static uint32_t sig_why(fl_lexicon *lx, const char *text, const fl_offer *offers, uint32_t n,
                        char **why)
{
    fl_explanation e = {0};
    assert_int_equal(fl_lexicon_explain(lx, text, strlen(text), offers, n, &e), 0);
    uint32_t s = e.signals;
    if (why) {
        *why = fl_explanation_format(&e, text);
        assert_non_null(*why);
    }
    fl_explanation_free(&e);
    return s;
}

static uint32_t sig(fl_lexicon *lx, const char *text)
{
    return sig_why(lx, text, NULL, 0, NULL);
}

#define HAS(lx, text, bit)     assert_true(sig(lx, text) & (bit))
#define HAS_NOT(lx, text, bit) assert_false(sig(lx, text) & (bit))

static void negation_cancels_a_phrase_within_its_clause(void **state)
{
    (void)state;
    HAS(en, "I'm sorry", FL_SIG_APOLOGY);
    HAS_NOT(en, "I'm not sorry", FL_SIG_APOLOGY);
    HAS_NOT(en, "I am not at all sorry", FL_SIG_APOLOGY);
    HAS_NOT(en, "I'm never sorry for the rules", FL_SIG_APOLOGY);
    HAS(ru, "Извиняюсь", FL_SIG_APOLOGY);
    HAS_NOT(ru, "Я не извиняюсь", FL_SIG_APOLOGY);
    HAS_NOT(ru, "я не буду извиняться", FL_SIG_APOLOGY);
    /* a comma or a new subject ends the negation's reach */
    HAS(en, "I can't refund it, sorry", FL_SIG_APOLOGY);
    HAS(en, "don't worry I'll check", FL_SIG_OWNERSHIP);
    HAS(ru, "не волнуйтесь, я все проверю", FL_SIG_OWNERSHIP);
    /* a negator inside the phrase is the phrase */
    HAS(en, "that's not my problem", FL_SIG_RUDE);
    HAS(ru, "это не моя проблема", FL_SIG_RUDE);
    /* the gap of "I * understand" never swallows the negator */
    HAS(en, "I really understand", FL_SIG_EMPATHY);
    HAS_NOT(en, "I don't understand", FL_SIG_EMPATHY);
    /* negated transfers, and jargon that negation does not cancel */
    HAS(en, "please call your bank", FL_SIG_TRANSFER);
    HAS_NOT(en, "you don't need to call your bank, I've done it", FL_SIG_TRANSFER);
    HAS(en, "it's not the firmware", FL_SIG_JARGON);
}

static void non_apologies_and_polite_requests_are_not_apologies(void **state)
{
    (void)state;
    HAS_NOT(en, "I'm sorry you feel that way", FL_SIG_APOLOGY);
    HAS_NOT(en, "sorry if you were offended", FL_SIG_APOLOGY);
    HAS_NOT(en, "sorry, could you repeat that?", FL_SIG_APOLOGY);
    HAS_NOT(en, "sorry, what was the order number?", FL_SIG_APOLOGY);
    HAS_NOT(en, "sorry, one moment", FL_SIG_APOLOGY);
    HAS(en, "sorry for the wait, could you confirm your postcode?", FL_SIG_APOLOGY);
    HAS(en, "I'm so sorry. Could you send me a photo so I can fix it?", FL_SIG_APOLOGY);
    HAS_NOT(ru, "извините, не расслышала", FL_SIG_APOLOGY);
    HAS_NOT(ru, "извините, повторите пожалуйста", FL_SIG_APOLOGY);
    HAS_NOT(ru, "простите, а номер заказа какой?", FL_SIG_APOLOGY);
    HAS_NOT(ru, "мне жаль, что вы так считаете", FL_SIG_APOLOGY);
    HAS(ru, "извините за ожидание", FL_SIG_APOLOGY);
    /* «простите» is «просто» to the stemmer: only the exact form apologises */
    HAS(ru, "простите нас", FL_SIG_APOLOGY);
    HAS_NOT(ru, "это просто ошибка в адресе", FL_SIG_APOLOGY);
}

static void triggers_name_the_words_as_typed(void **state)
{
    (void)state;
    char *why;
    const char *t = "I'm so sorry,   let me  check that for you";
    assert_int_equal(sig_why(en, t, NULL, 0, &why), FL_SIG_APOLOGY | FL_SIG_OWNERSHIP);
    assert_string_equal(why, "apology: sorry; ownership: let me check");
    free(why);

    fl_explanation e = {0};
    assert_int_equal(fl_lexicon_explain(en, t, strlen(t), NULL, 0, &e), 0);
    assert_int_equal(e.n, 2);
    assert_int_equal(e.triggers[0].signal, FL_SIG_APOLOGY);
    assert_memory_equal(t + e.triggers[0].start, "sorry", 5);
    assert_int_equal(e.triggers[0].end - e.triggers[0].start, 5);
    assert_int_equal(e.triggers[1].signal, FL_SIG_OWNERSHIP);
    assert_memory_equal(t + e.triggers[1].start, "let me  check", 13);
    fl_explanation_free(&e);

    /* UTF-8, capitals as typed, and two triggers of one signal */
    assert_int_equal(sig_why(ru, "Извините, сейчас проверю. Простите нас!", NULL, 0, &why),
                     FL_SIG_APOLOGY | FL_SIG_OWNERSHIP);
    assert_string_equal(why, "apology: Извините, Простите; ownership: сейчас проверю");
    free(why);

    /* overlapping matches of one signal are one trigger; an emoji is one too */
    assert_int_equal(sig_why(en, "would you like to add insurance? 🙂", NULL, 0, &why),
                     FL_SIG_UPSELL | FL_SIG_FAMILIAR);
    assert_string_equal(why, "familiar: 🙂; upsell: would you like to add insurance");
    free(why);

    assert_int_equal(sig_why(en, "Your order number, please", NULL, 0, &why), 0);
    assert_string_equal(why, "");
    free(why);
}

static void indirect_transfers_and_rudeness_without_insults(void **state)
{
    (void)state;
    HAS(en, "that's a question for the manufacturer", FL_SIG_TRANSFER);
    HAS(en, "try the store", FL_SIG_TRANSFER);
    HAS(en, "please call back later", FL_SIG_TRANSFER);
    HAS_NOT(en, "I'll call the courier for you", FL_SIG_TRANSFER);
    HAS(en, "I'll call the courier for you", FL_SIG_OWNERSHIP);
    HAS(ru, "это вопрос к производителю", FL_SIG_TRANSFER);
    HAS(ru, "перезвоните позже", FL_SIG_TRANSFER);
    HAS_NOT(ru, "я сама позвоню в банк", FL_SIG_TRANSFER);
    HAS(en, "read the terms next time", FL_SIG_RUDE);
    HAS(en, "don't shout at me", FL_SIG_RUDE);
    HAS(en, "you should have checked the address", FL_SIG_RUDE);
    HAS(ru, "не кричите на меня", FL_SIG_RUDE);
    HAS(ru, "надо было читать условия", FL_SIG_RUDE);
    HAS_NOT(en, "it's not your fault at all", FL_SIG_RUDE);
}

static void russian_ownership_in_every_person_and_gender(void **state)
{
    (void)state;
    static const char *const own[] = {"сама уточню",
                                      "уточню у склада",
                                      "уточнила",
                                      "уточнил, все в порядке",
                                      "я сам разберусь",
                                      "я сама",
                                      "сейчас проверю",
                                      "проверила платеж",
                                      "давайте решим",
                                      "давайте разберемся",
                                      "я разберусь",
                                      "беру на себя",
                                      "возьму на контроль",
                                      "проверим и вернемся",
                                      "посмотрела",
                                      "уже смотрю",
                                      "займусь этим",
                                      "я лично прослежу",
                                      "свяжусь с курьером",
                                      "оформила возврат",
                                      "могу проверить сама",
                                      NULL};
    for (int i = 0; own[i]; i++) {
        if (!(sig(ru, own[i]) & FL_SIG_OWNERSHIP))
            fail_msg("no ownership in '%s'", own[i]);
    }
    /* the imperative shares the stem, but asks the customer to do it */
    HAS_NOT(ru, "уточните у курьера", FL_SIG_OWNERSHIP);
    HAS(ru, "уточните у курьера", FL_SIG_TRANSFER);
    HAS_NOT(ru, "проверьте почту", FL_SIG_OWNERSHIP);
    HAS_NOT(ru, "разберитесь сами", FL_SIG_OWNERSHIP);
    HAS_NOT(ru, "я не могу проверить", FL_SIG_OWNERSHIP);
    HAS_NOT(ru, "давайте я переключу вас", FL_SIG_OWNERSHIP);
}

static const fl_offer offers[] = {
    {"pp", "Priority Pass: free next-day delivery on every order for a year, £29", 2900, {0, 0}},
    {"care", "SoundHaus Care: two years of cover for drops and spills, $29", 2900, {0, 0}},
};
static const fl_offer offers_ru[] = {
    {"express", "Подписка «Экспресс» на год: доставка за 1–2 дня", 39000, {0, 0}},
    {"fam",
     "«Семейный номер»: связь для родственника, 199 ₽ в "
     "месяц",
     19900,
     {0, 0}},
};

static void offers_named_in_a_reply_are_upsell(void **state)
{
    (void)state;
    char *why;
    const char *t = "With Priority Pass this would have come next day";
    assert_false(sig(en, t) & FL_SIG_UPSELL);
    assert_true(sig_why(en, t, offers, 2, &why) & FL_SIG_UPSELL);
    assert_string_equal(why, "upsell: Priority Pass");
    free(why);
    /* the key is the name's first two words, by stem, as a phrase */
    assert_true(sig_why(en, "soundhaus care covers drops", offers, 2, NULL) & FL_SIG_UPSELL);
    assert_false(sig_why(en, "we care about you", offers, 2, NULL) & FL_SIG_UPSELL);
    assert_false(sig_why(en, "the priority is your refund", offers, 2, NULL) & FL_SIG_UPSELL);
    /* negated like the lexicon's upsell phrases */
    assert_false(sig_why(en, "I can't offer you Priority Pass", offers, 2, NULL) & FL_SIG_UPSELL);
    /* Russian: the quoted name, inflected */
    assert_true(sig_why(ru, "С Экспрессом заказ пришел бы завтра", offers_ru, 2, &why) &
                FL_SIG_UPSELL);
    assert_string_equal(why, "upsell: Экспрессом; plan: завтра");
    free(why);
    assert_true(sig_why(ru, "подключите семейного номера", offers_ru, 2, NULL) & FL_SIG_UPSELL);
    assert_false(sig_why(ru, "назовите ваш номер", offers_ru, 2, NULL) & FL_SIG_UPSELL);
}

static void the_format_reports_its_mistakes(void **state)
{
    (void)state;
    static const struct {
        const char *text, *err;
    } bad[] = {{"apology: sorry\nnonsense: x\n", "t.lex:2:1: unknown signal or keyword"},
               {"apology: (sorry|apologise\n", "t.lex:1:10: unbalanced or nested ( )"},
               {"apology: \"sorry\n", "t.lex:1:16: a quote is not closed"},
               {"rude: * shout\n", "t.lex:1:7: a phrase cannot start or end with *"},
               {"rude: shout|stop-it\n", "t.lex:1:13: each alternative of a|b must be one word"},
               {"negator: not never\n", "t.lex:1:10: expected one word (or a|b alternatives)"},
               {"negatable: apology nonsense\n", "t.lex:1:20: unknown signal"},
               {"apology sorry\n", "t.lex:1:1: expected 'signal: phrase'"},
               {NULL, NULL}};
    for (int i = 0; bad[i].text; i++) {
        fl_lexicon *lx = NULL;
        char err[256] = "";
        assert_int_equal(
            fl_lexicon_new(&lx, "en", bad[i].text, strlen(bad[i].text), "t.lex", err, sizeof(err)),
            -1);
        assert_null(lx);
        assert_string_equal(err, bad[i].err);
    }
    /* groups multiply: a line may make 1024 phrases, a lexicon 65536 (a hostile line of a few
     * hundred bytes asked for millions and took minutes and gigabytes) */
    char big[64 * 1024];
    size_t n = 0;
    for (int line = 1; line <= 64; line++) {
        n += (size_t)snprintf(big + n, sizeof(big) - n, "apology:");
        for (int g = 0; g < 10; g++)
            n += (size_t)snprintf(big + n, sizeof(big) - n, " (so sorry|my bad)");
        big[n++] = '\n';
    }
    big[n] = '\0';
    fl_lexicon *many = NULL;
    char err[256] = "";
    assert_int_equal(fl_lexicon_new(&many, "en", big, n, "t.lex", err, sizeof(err)), 0);
    fl_lexicon_free(many);
    assert_true(n + 32 < sizeof(big));
    memcpy(big + n, "apology: sorry\n", 15);
    assert_int_equal(fl_lexicon_new(&many, "en", big, n + 15, "t.lex", err, sizeof(err)), -1);
    assert_null(many);
    assert_string_equal(err, "t.lex:65:10: the lexicon has more than 65536 phrases");
    static const char wide[] =
        "apology: (a b|c d) (a b|c d) (a b|c d) (a b|c d) (a b|c d) (a b|c d)"
        " (a b|c d) (a b|c d) (a b|c d) (a b|c d) (a b|c d)\n";
    assert_int_equal(fl_lexicon_new(&many, "en", wide, strlen(wide), "t.lex", err, sizeof(err)),
                     -1);
    assert_string_equal(err, "t.lex:1:10: the groups of this line make more than 1024 phrases: "
                             "split it");
    /* a small lexicon of its own: groups, exact forms, exclusions, negation */
    static const char good[] = "negatable: apology\nnegator: not\nbarrier: i\n"
                               "apology: (so sorry|my bad)\nownership: \"checking\" now\n"
                               "!apology: so sorry you\n";
    fl_lexicon *lx = NULL;
    assert_int_equal(fl_lexicon_new(&lx, "en", good, strlen(good), "g.lex", err, sizeof(err)), 0);
    assert_int_equal(sig(lx, "so sorry"), FL_SIG_APOLOGY);
    assert_int_equal(sig(lx, "my bad"), FL_SIG_APOLOGY);
    assert_int_equal(sig(lx, "not so sorry"), 0);
    assert_int_equal(sig(lx, "so sorry you feel that"), 0);
    assert_int_equal(sig(lx, "checking now"), FL_SIG_OWNERSHIP);
    assert_int_equal(sig(lx, "check now"), 0);
    /* a phrase stays inside its sentence */
    assert_int_equal(sig(lx, "so. sorry"), 0);
    assert_int_equal(sig(lx, "so, sorry"), FL_SIG_APOLOGY);
    fl_lexicon_free(lx);
}

/* ---- the session keeps the triggers --------------------------------------------------------- */

static const char free_text_scn[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<scenario id=\"t\" version=\"1\" lang=\"en\"><title>T</title><brief>B</brief>"
    "<customer name=\"Sam\"><start mood=\"-40\"/></customer>"
    "<offer id=\"pp\" price=\"29\">Priority Pass: free next-day delivery for a year</offer>"
    "<node id=\"start\"><say grievance=\"yes\">My parcel is late.</say><input>"
    "<route id=\"soothe\" to=\"start\" match=\"sorry\"/>"
    "<fallback id=\"fb\" to=\"done\"/></input></node>"
    "<ending id=\"done\" outcome=\"resolved\"/></scenario>";

static void session_turns_keep_their_triggers(void **state)
{
    (void)state;
    fl_diags d;
    fl_diags_init(&d, "t.xml");
    fl_scenario *s = NULL;
    assert_int_equal(fl_scenario_load_memory(&s, free_text_scn, strlen(free_text_scn), NULL, &d),
                     0);
    fl_diags_clear(&d);
    fl_session *ss;
    fl_session_opts o = {.timed = 0, .lexicon = en};
    assert_int_equal(fl_session_new(&ss, s, &o), 0);
    const char *t1 = "I'm not sorry, read the terms";
    assert_int_equal(fl_session_type(ss, t1, strlen(t1), 1000), 0);
    size_t n;
    const fl_turn *t = fl_session_turns(ss, &n);
    assert_int_equal(n, 1);
    assert_int_equal(t[0].detected, FL_SIG_RUDE);
    assert_string_equal(t[0].triggers, "rude: not sorry, read the terms");
    assert_int_equal(fl_session_undo(ss), 0);
    const char *t2 = "So sorry! Let me check, and Priority Pass would help next time";
    assert_int_equal(fl_session_type(ss, t2, strlen(t2), 1000), 0);
    t = fl_session_turns(ss, &n);
    assert_int_equal(n, 1);
    assert_true(t[0].detected & FL_SIG_UPSELL);
    assert_string_equal(t[0].triggers,
                        "apology: sorry; ownership: Let me check; upsell: Priority Pass");
    const char *t3 = "What's your order number?";
    assert_int_equal(fl_session_type(ss, t3, strlen(t3), 1000), 0);
    t = fl_session_turns(ss, &n);
    assert_int_equal(n, 2);
    assert_string_equal(t[1].triggers, "");
    fl_session_free(ss);
    fl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(negation_cancels_a_phrase_within_its_clause),
        cmocka_unit_test(non_apologies_and_polite_requests_are_not_apologies),
        cmocka_unit_test(triggers_name_the_words_as_typed),
        cmocka_unit_test(indirect_transfers_and_rudeness_without_insults),
        cmocka_unit_test(russian_ownership_in_every_person_and_gender),
        cmocka_unit_test(offers_named_in_a_reply_are_upsell),
        cmocka_unit_test(the_format_reports_its_mistakes),
        cmocka_unit_test(session_turns_keep_their_triggers),
    };
    return cmocka_run_group_tests(tests, lexicon_setup, lexicon_teardown);
}
