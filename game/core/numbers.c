/*
 * numbers.c - numbers, clock times and dates read as words; see numbers.h.
 *
 * The number words are two sorted tables (English, Russian with every case form written out:
 * Russian numerals decline irregularly, and a short table is easier to check than rules). They
 * were generated and are kept sorted by byte; fl_numbers__tables_sorted() lets a test check it.
 * Depends on libc and utf8.h.
 */
#include "numbers.h"

#include <stdio.h>
#include <string.h>

#include "catalogue.h"
#include "utf8.h"

typedef struct {
    const char *word; /* lower-cased, ё written е */
    int kind;         /* FL_NUM_* */
    uint32_t value;
} number_word;

/* ---- the words ------------------------------------------------------------------------ */

static const number_word english[] = {
    {"and", FL_NUM_AND, 0},
    {"eight", FL_NUM_UNIT, 8},
    {"eighteen", FL_NUM_TEEN, 18},
    {"eighteenth", FL_NUM_ORDINAL, 18},
    {"eighth", FL_NUM_ORDINAL, 8},
    {"eighty", FL_NUM_TENS, 80},
    {"eleven", FL_NUM_TEEN, 11},
    {"eleventh", FL_NUM_ORDINAL, 11},
    {"fifteen", FL_NUM_TEEN, 15},
    {"fifteenth", FL_NUM_ORDINAL, 15},
    {"fifth", FL_NUM_ORDINAL, 5},
    {"fifty", FL_NUM_TENS, 50},
    {"first", FL_NUM_ORDINAL, 1},
    {"five", FL_NUM_UNIT, 5},
    {"forty", FL_NUM_TENS, 40},
    {"four", FL_NUM_UNIT, 4},
    {"fourteen", FL_NUM_TEEN, 14},
    {"fourteenth", FL_NUM_ORDINAL, 14},
    {"fourth", FL_NUM_ORDINAL, 4},
    {"hundred", FL_NUM_HUNDRED, 100},
    {"nine", FL_NUM_UNIT, 9},
    {"nineteen", FL_NUM_TEEN, 19},
    {"nineteenth", FL_NUM_ORDINAL, 19},
    {"ninety", FL_NUM_TENS, 90},
    {"ninth", FL_NUM_ORDINAL, 9},
    {"one", FL_NUM_UNIT, 1},
    {"second", FL_NUM_ORDINAL, 2},
    {"seven", FL_NUM_UNIT, 7},
    {"seventeen", FL_NUM_TEEN, 17},
    {"seventeenth", FL_NUM_ORDINAL, 17},
    {"seventh", FL_NUM_ORDINAL, 7},
    {"seventy", FL_NUM_TENS, 70},
    {"six", FL_NUM_UNIT, 6},
    {"sixteen", FL_NUM_TEEN, 16},
    {"sixteenth", FL_NUM_ORDINAL, 16},
    {"sixth", FL_NUM_ORDINAL, 6},
    {"sixty", FL_NUM_TENS, 60},
    {"ten", FL_NUM_TEEN, 10},
    {"tenth", FL_NUM_ORDINAL, 10},
    {"third", FL_NUM_ORDINAL, 3},
    {"thirteen", FL_NUM_TEEN, 13},
    {"thirteenth", FL_NUM_ORDINAL, 13},
    {"thirtieth", FL_NUM_ORDINAL, 30},
    {"thirty", FL_NUM_TENS, 30},
    {"thousand", FL_NUM_THOUSAND, 1000},
    {"three", FL_NUM_UNIT, 3},
    {"twelfth", FL_NUM_ORDINAL, 12},
    {"twelve", FL_NUM_TEEN, 12},
    {"twentieth", FL_NUM_ORDINAL, 20},
    {"twenty", FL_NUM_TENS, 20},
    {"two", FL_NUM_UNIT, 2},
    {"zero", FL_NUM_UNIT, 0},
};

static const number_word russian[] = {
    {"восемнадцатая", FL_NUM_ORDINAL, 18},
    {"восемнадцати", FL_NUM_TEEN, 18},
    {"восемнадцатого", FL_NUM_ORDINAL, 18},
    {"восемнадцатое", FL_NUM_ORDINAL, 18},
    {"восемнадцатой", FL_NUM_ORDINAL, 18},
    {"восемнадцатом", FL_NUM_ORDINAL, 18},
    {"восемнадцатому", FL_NUM_ORDINAL, 18},
    {"восемнадцатую", FL_NUM_ORDINAL, 18},
    {"восемнадцатые", FL_NUM_ORDINAL, 18},
    {"восемнадцатый", FL_NUM_ORDINAL, 18},
    {"восемнадцатым", FL_NUM_ORDINAL, 18},
    {"восемнадцатыми", FL_NUM_ORDINAL, 18},
    {"восемнадцатых", FL_NUM_ORDINAL, 18},
    {"восемнадцать", FL_NUM_TEEN, 18},
    {"восемнадцатью", FL_NUM_TEEN, 18},
    {"восемь", FL_NUM_UNIT, 8},
    {"восемьдесят", FL_NUM_TENS, 80},
    {"восемьсот", FL_NUM_HUNDREDS, 800},
    {"восемью", FL_NUM_UNIT, 8},
    {"восемьюдесятью", FL_NUM_TENS, 80},
    {"восемьюстами", FL_NUM_HUNDREDS, 800},
    {"восьмая", FL_NUM_ORDINAL, 8},
    {"восьми", FL_NUM_UNIT, 8},
    {"восьмидесяти", FL_NUM_TENS, 80},
    {"восьмисот", FL_NUM_HUNDREDS, 800},
    {"восьмистам", FL_NUM_HUNDREDS, 800},
    {"восьмистах", FL_NUM_HUNDREDS, 800},
    {"восьмого", FL_NUM_ORDINAL, 8},
    {"восьмое", FL_NUM_ORDINAL, 8},
    {"восьмой", FL_NUM_ORDINAL, 8},
    {"восьмом", FL_NUM_ORDINAL, 8},
    {"восьмому", FL_NUM_ORDINAL, 8},
    {"восьмую", FL_NUM_ORDINAL, 8},
    {"восьмые", FL_NUM_ORDINAL, 8},
    {"восьмый", FL_NUM_ORDINAL, 8},
    {"восьмым", FL_NUM_ORDINAL, 8},
    {"восьмыми", FL_NUM_ORDINAL, 8},
    {"восьмых", FL_NUM_ORDINAL, 8},
    {"восьмью", FL_NUM_UNIT, 8},
    {"восьмьюдесятью", FL_NUM_TENS, 80},
    {"восьмьюстами", FL_NUM_HUNDREDS, 800},
    {"вторая", FL_NUM_ORDINAL, 2},
    {"второго", FL_NUM_ORDINAL, 2},
    {"второе", FL_NUM_ORDINAL, 2},
    {"второй", FL_NUM_ORDINAL, 2},
    {"втором", FL_NUM_ORDINAL, 2},
    {"второму", FL_NUM_ORDINAL, 2},
    {"вторую", FL_NUM_ORDINAL, 2},
    {"вторые", FL_NUM_ORDINAL, 2},
    {"вторый", FL_NUM_ORDINAL, 2},
    {"вторым", FL_NUM_ORDINAL, 2},
    {"вторыми", FL_NUM_ORDINAL, 2},
    {"вторых", FL_NUM_ORDINAL, 2},
    {"два", FL_NUM_UNIT, 2},
    {"двадцатая", FL_NUM_ORDINAL, 20},
    {"двадцати", FL_NUM_TENS, 20},
    {"двадцатого", FL_NUM_ORDINAL, 20},
    {"двадцатое", FL_NUM_ORDINAL, 20},
    {"двадцатой", FL_NUM_ORDINAL, 20},
    {"двадцатом", FL_NUM_ORDINAL, 20},
    {"двадцатому", FL_NUM_ORDINAL, 20},
    {"двадцатую", FL_NUM_ORDINAL, 20},
    {"двадцатые", FL_NUM_ORDINAL, 20},
    {"двадцатый", FL_NUM_ORDINAL, 20},
    {"двадцатым", FL_NUM_ORDINAL, 20},
    {"двадцатыми", FL_NUM_ORDINAL, 20},
    {"двадцатых", FL_NUM_ORDINAL, 20},
    {"двадцать", FL_NUM_TENS, 20},
    {"двадцатью", FL_NUM_TENS, 20},
    {"две", FL_NUM_UNIT, 2},
    {"двенадцатая", FL_NUM_ORDINAL, 12},
    {"двенадцати", FL_NUM_TEEN, 12},
    {"двенадцатого", FL_NUM_ORDINAL, 12},
    {"двенадцатое", FL_NUM_ORDINAL, 12},
    {"двенадцатой", FL_NUM_ORDINAL, 12},
    {"двенадцатом", FL_NUM_ORDINAL, 12},
    {"двенадцатому", FL_NUM_ORDINAL, 12},
    {"двенадцатую", FL_NUM_ORDINAL, 12},
    {"двенадцатые", FL_NUM_ORDINAL, 12},
    {"двенадцатый", FL_NUM_ORDINAL, 12},
    {"двенадцатым", FL_NUM_ORDINAL, 12},
    {"двенадцатыми", FL_NUM_ORDINAL, 12},
    {"двенадцатых", FL_NUM_ORDINAL, 12},
    {"двенадцать", FL_NUM_TEEN, 12},
    {"двенадцатью", FL_NUM_TEEN, 12},
    {"двести", FL_NUM_HUNDREDS, 200},
    {"двое", FL_NUM_UNIT, 2},
    {"двоим", FL_NUM_UNIT, 2},
    {"двоими", FL_NUM_UNIT, 2},
    {"двоих", FL_NUM_UNIT, 2},
    {"двум", FL_NUM_UNIT, 2},
    {"двумстам", FL_NUM_HUNDREDS, 200},
    {"двумя", FL_NUM_UNIT, 2},
    {"двумястами", FL_NUM_HUNDREDS, 200},
    {"двух", FL_NUM_UNIT, 2},
    {"двухсот", FL_NUM_HUNDREDS, 200},
    {"двухстах", FL_NUM_HUNDREDS, 200},
    {"девяноста", FL_NUM_TENS, 90},
    {"девяносто", FL_NUM_TENS, 90},
    {"девятая", FL_NUM_ORDINAL, 9},
    {"девятеро", FL_NUM_UNIT, 9},
    {"девятерым", FL_NUM_UNIT, 9},
    {"девятерыми", FL_NUM_UNIT, 9},
    {"девятерых", FL_NUM_UNIT, 9},
    {"девяти", FL_NUM_UNIT, 9},
    {"девятисот", FL_NUM_HUNDREDS, 900},
    {"девятистам", FL_NUM_HUNDREDS, 900},
    {"девятистах", FL_NUM_HUNDREDS, 900},
    {"девятнадцатая", FL_NUM_ORDINAL, 19},
    {"девятнадцати", FL_NUM_TEEN, 19},
    {"девятнадцатого", FL_NUM_ORDINAL, 19},
    {"девятнадцатое", FL_NUM_ORDINAL, 19},
    {"девятнадцатой", FL_NUM_ORDINAL, 19},
    {"девятнадцатом", FL_NUM_ORDINAL, 19},
    {"девятнадцатому", FL_NUM_ORDINAL, 19},
    {"девятнадцатую", FL_NUM_ORDINAL, 19},
    {"девятнадцатые", FL_NUM_ORDINAL, 19},
    {"девятнадцатый", FL_NUM_ORDINAL, 19},
    {"девятнадцатым", FL_NUM_ORDINAL, 19},
    {"девятнадцатыми", FL_NUM_ORDINAL, 19},
    {"девятнадцатых", FL_NUM_ORDINAL, 19},
    {"девятнадцать", FL_NUM_TEEN, 19},
    {"девятнадцатью", FL_NUM_TEEN, 19},
    {"девятого", FL_NUM_ORDINAL, 9},
    {"девятое", FL_NUM_ORDINAL, 9},
    {"девятой", FL_NUM_ORDINAL, 9},
    {"девятом", FL_NUM_ORDINAL, 9},
    {"девятому", FL_NUM_ORDINAL, 9},
    {"девятую", FL_NUM_ORDINAL, 9},
    {"девятые", FL_NUM_ORDINAL, 9},
    {"девятый", FL_NUM_ORDINAL, 9},
    {"девятым", FL_NUM_ORDINAL, 9},
    {"девятыми", FL_NUM_ORDINAL, 9},
    {"девятых", FL_NUM_ORDINAL, 9},
    {"девять", FL_NUM_UNIT, 9},
    {"девятьсот", FL_NUM_HUNDREDS, 900},
    {"девятью", FL_NUM_UNIT, 9},
    {"девятьюстами", FL_NUM_HUNDREDS, 900},
    {"десятая", FL_NUM_ORDINAL, 10},
    {"десятеро", FL_NUM_TEEN, 10},
    {"десятерым", FL_NUM_TEEN, 10},
    {"десятерыми", FL_NUM_TEEN, 10},
    {"десятерых", FL_NUM_TEEN, 10},
    {"десяти", FL_NUM_TEEN, 10},
    {"десятого", FL_NUM_ORDINAL, 10},
    {"десятое", FL_NUM_ORDINAL, 10},
    {"десятой", FL_NUM_ORDINAL, 10},
    {"десятом", FL_NUM_ORDINAL, 10},
    {"десятому", FL_NUM_ORDINAL, 10},
    {"десятую", FL_NUM_ORDINAL, 10},
    {"десятые", FL_NUM_ORDINAL, 10},
    {"десятый", FL_NUM_ORDINAL, 10},
    {"десятым", FL_NUM_ORDINAL, 10},
    {"десятыми", FL_NUM_ORDINAL, 10},
    {"десятых", FL_NUM_ORDINAL, 10},
    {"десять", FL_NUM_TEEN, 10},
    {"десятью", FL_NUM_TEEN, 10},
    {"ноле", FL_NUM_UNIT, 0},
    {"нолем", FL_NUM_UNIT, 0},
    {"ноль", FL_NUM_UNIT, 0},
    {"нолю", FL_NUM_UNIT, 0},
    {"ноля", FL_NUM_UNIT, 0},
    {"нуле", FL_NUM_UNIT, 0},
    {"нулем", FL_NUM_UNIT, 0},
    {"нуль", FL_NUM_UNIT, 0},
    {"нулю", FL_NUM_UNIT, 0},
    {"нуля", FL_NUM_UNIT, 0},
    {"один", FL_NUM_UNIT, 1},
    {"одиннадцатая", FL_NUM_ORDINAL, 11},
    {"одиннадцати", FL_NUM_TEEN, 11},
    {"одиннадцатого", FL_NUM_ORDINAL, 11},
    {"одиннадцатое", FL_NUM_ORDINAL, 11},
    {"одиннадцатой", FL_NUM_ORDINAL, 11},
    {"одиннадцатом", FL_NUM_ORDINAL, 11},
    {"одиннадцатому", FL_NUM_ORDINAL, 11},
    {"одиннадцатую", FL_NUM_ORDINAL, 11},
    {"одиннадцатые", FL_NUM_ORDINAL, 11},
    {"одиннадцатый", FL_NUM_ORDINAL, 11},
    {"одиннадцатым", FL_NUM_ORDINAL, 11},
    {"одиннадцатыми", FL_NUM_ORDINAL, 11},
    {"одиннадцатых", FL_NUM_ORDINAL, 11},
    {"одиннадцать", FL_NUM_TEEN, 11},
    {"одиннадцатью", FL_NUM_TEEN, 11},
    {"одна", FL_NUM_UNIT, 1},
    {"одни", FL_NUM_UNIT, 1},
    {"одним", FL_NUM_UNIT, 1},
    {"одними", FL_NUM_UNIT, 1},
    {"одних", FL_NUM_UNIT, 1},
    {"одно", FL_NUM_UNIT, 1},
    {"одного", FL_NUM_UNIT, 1},
    {"одной", FL_NUM_UNIT, 1},
    {"одном", FL_NUM_UNIT, 1},
    {"одному", FL_NUM_UNIT, 1},
    {"одною", FL_NUM_UNIT, 1},
    {"одну", FL_NUM_UNIT, 1},
    {"первая", FL_NUM_ORDINAL, 1},
    {"первого", FL_NUM_ORDINAL, 1},
    {"первое", FL_NUM_ORDINAL, 1},
    {"первой", FL_NUM_ORDINAL, 1},
    {"первом", FL_NUM_ORDINAL, 1},
    {"первому", FL_NUM_ORDINAL, 1},
    {"первую", FL_NUM_ORDINAL, 1},
    {"первые", FL_NUM_ORDINAL, 1},
    {"первый", FL_NUM_ORDINAL, 1},
    {"первым", FL_NUM_ORDINAL, 1},
    {"первыми", FL_NUM_ORDINAL, 1},
    {"первых", FL_NUM_ORDINAL, 1},
    {"пятая", FL_NUM_ORDINAL, 5},
    {"пятеро", FL_NUM_UNIT, 5},
    {"пятерым", FL_NUM_UNIT, 5},
    {"пятерыми", FL_NUM_UNIT, 5},
    {"пятерых", FL_NUM_UNIT, 5},
    {"пяти", FL_NUM_UNIT, 5},
    {"пятидесяти", FL_NUM_TENS, 50},
    {"пятисот", FL_NUM_HUNDREDS, 500},
    {"пятистам", FL_NUM_HUNDREDS, 500},
    {"пятистах", FL_NUM_HUNDREDS, 500},
    {"пятнадцатая", FL_NUM_ORDINAL, 15},
    {"пятнадцати", FL_NUM_TEEN, 15},
    {"пятнадцатого", FL_NUM_ORDINAL, 15},
    {"пятнадцатое", FL_NUM_ORDINAL, 15},
    {"пятнадцатой", FL_NUM_ORDINAL, 15},
    {"пятнадцатом", FL_NUM_ORDINAL, 15},
    {"пятнадцатому", FL_NUM_ORDINAL, 15},
    {"пятнадцатую", FL_NUM_ORDINAL, 15},
    {"пятнадцатые", FL_NUM_ORDINAL, 15},
    {"пятнадцатый", FL_NUM_ORDINAL, 15},
    {"пятнадцатым", FL_NUM_ORDINAL, 15},
    {"пятнадцатыми", FL_NUM_ORDINAL, 15},
    {"пятнадцатых", FL_NUM_ORDINAL, 15},
    {"пятнадцать", FL_NUM_TEEN, 15},
    {"пятнадцатью", FL_NUM_TEEN, 15},
    {"пятого", FL_NUM_ORDINAL, 5},
    {"пятое", FL_NUM_ORDINAL, 5},
    {"пятой", FL_NUM_ORDINAL, 5},
    {"пятом", FL_NUM_ORDINAL, 5},
    {"пятому", FL_NUM_ORDINAL, 5},
    {"пятую", FL_NUM_ORDINAL, 5},
    {"пятые", FL_NUM_ORDINAL, 5},
    {"пятый", FL_NUM_ORDINAL, 5},
    {"пятым", FL_NUM_ORDINAL, 5},
    {"пятыми", FL_NUM_ORDINAL, 5},
    {"пятых", FL_NUM_ORDINAL, 5},
    {"пять", FL_NUM_UNIT, 5},
    {"пятьдесят", FL_NUM_TENS, 50},
    {"пятьсот", FL_NUM_HUNDREDS, 500},
    {"пятью", FL_NUM_UNIT, 5},
    {"пятьюдесятью", FL_NUM_TENS, 50},
    {"пятьюстами", FL_NUM_HUNDREDS, 500},
    {"седьмая", FL_NUM_ORDINAL, 7},
    {"седьмого", FL_NUM_ORDINAL, 7},
    {"седьмое", FL_NUM_ORDINAL, 7},
    {"седьмой", FL_NUM_ORDINAL, 7},
    {"седьмом", FL_NUM_ORDINAL, 7},
    {"седьмому", FL_NUM_ORDINAL, 7},
    {"седьмую", FL_NUM_ORDINAL, 7},
    {"седьмые", FL_NUM_ORDINAL, 7},
    {"седьмый", FL_NUM_ORDINAL, 7},
    {"седьмым", FL_NUM_ORDINAL, 7},
    {"седьмыми", FL_NUM_ORDINAL, 7},
    {"седьмых", FL_NUM_ORDINAL, 7},
    {"семеро", FL_NUM_UNIT, 7},
    {"семерым", FL_NUM_UNIT, 7},
    {"семерыми", FL_NUM_UNIT, 7},
    {"семерых", FL_NUM_UNIT, 7},
    {"семи", FL_NUM_UNIT, 7},
    {"семидесяти", FL_NUM_TENS, 70},
    {"семисот", FL_NUM_HUNDREDS, 700},
    {"семистам", FL_NUM_HUNDREDS, 700},
    {"семистах", FL_NUM_HUNDREDS, 700},
    {"семнадцатая", FL_NUM_ORDINAL, 17},
    {"семнадцати", FL_NUM_TEEN, 17},
    {"семнадцатого", FL_NUM_ORDINAL, 17},
    {"семнадцатое", FL_NUM_ORDINAL, 17},
    {"семнадцатой", FL_NUM_ORDINAL, 17},
    {"семнадцатом", FL_NUM_ORDINAL, 17},
    {"семнадцатому", FL_NUM_ORDINAL, 17},
    {"семнадцатую", FL_NUM_ORDINAL, 17},
    {"семнадцатые", FL_NUM_ORDINAL, 17},
    {"семнадцатый", FL_NUM_ORDINAL, 17},
    {"семнадцатым", FL_NUM_ORDINAL, 17},
    {"семнадцатыми", FL_NUM_ORDINAL, 17},
    {"семнадцатых", FL_NUM_ORDINAL, 17},
    {"семнадцать", FL_NUM_TEEN, 17},
    {"семнадцатью", FL_NUM_TEEN, 17},
    {"семь", FL_NUM_UNIT, 7},
    {"семьдесят", FL_NUM_TENS, 70},
    {"семьсот", FL_NUM_HUNDREDS, 700},
    {"семьюдесятью", FL_NUM_TENS, 70},
    {"семьюстами", FL_NUM_HUNDREDS, 700},
    {"сорок", FL_NUM_TENS, 40},
    {"сорока", FL_NUM_TENS, 40},
    {"ста", FL_NUM_HUNDREDS, 100},
    {"сто", FL_NUM_HUNDREDS, 100},
    {"трем", FL_NUM_UNIT, 3},
    {"тремстам", FL_NUM_HUNDREDS, 300},
    {"тремя", FL_NUM_UNIT, 3},
    {"тремястами", FL_NUM_HUNDREDS, 300},
    {"третий", FL_NUM_ORDINAL, 3},
    {"третье", FL_NUM_ORDINAL, 3},
    {"третьего", FL_NUM_ORDINAL, 3},
    {"третьей", FL_NUM_ORDINAL, 3},
    {"третьем", FL_NUM_ORDINAL, 3},
    {"третьему", FL_NUM_ORDINAL, 3},
    {"третьи", FL_NUM_ORDINAL, 3},
    {"третьим", FL_NUM_ORDINAL, 3},
    {"третьими", FL_NUM_ORDINAL, 3},
    {"третьих", FL_NUM_ORDINAL, 3},
    {"третью", FL_NUM_ORDINAL, 3},
    {"третья", FL_NUM_ORDINAL, 3},
    {"трех", FL_NUM_UNIT, 3},
    {"трехсот", FL_NUM_HUNDREDS, 300},
    {"трехстах", FL_NUM_HUNDREDS, 300},
    {"три", FL_NUM_UNIT, 3},
    {"тридцатая", FL_NUM_ORDINAL, 30},
    {"тридцати", FL_NUM_TENS, 30},
    {"тридцатого", FL_NUM_ORDINAL, 30},
    {"тридцатое", FL_NUM_ORDINAL, 30},
    {"тридцатой", FL_NUM_ORDINAL, 30},
    {"тридцатом", FL_NUM_ORDINAL, 30},
    {"тридцатому", FL_NUM_ORDINAL, 30},
    {"тридцатую", FL_NUM_ORDINAL, 30},
    {"тридцатые", FL_NUM_ORDINAL, 30},
    {"тридцатый", FL_NUM_ORDINAL, 30},
    {"тридцатым", FL_NUM_ORDINAL, 30},
    {"тридцатыми", FL_NUM_ORDINAL, 30},
    {"тридцатых", FL_NUM_ORDINAL, 30},
    {"тридцать", FL_NUM_TENS, 30},
    {"тридцатью", FL_NUM_TENS, 30},
    {"тринадцатая", FL_NUM_ORDINAL, 13},
    {"тринадцати", FL_NUM_TEEN, 13},
    {"тринадцатого", FL_NUM_ORDINAL, 13},
    {"тринадцатое", FL_NUM_ORDINAL, 13},
    {"тринадцатой", FL_NUM_ORDINAL, 13},
    {"тринадцатом", FL_NUM_ORDINAL, 13},
    {"тринадцатому", FL_NUM_ORDINAL, 13},
    {"тринадцатую", FL_NUM_ORDINAL, 13},
    {"тринадцатые", FL_NUM_ORDINAL, 13},
    {"тринадцатый", FL_NUM_ORDINAL, 13},
    {"тринадцатым", FL_NUM_ORDINAL, 13},
    {"тринадцатыми", FL_NUM_ORDINAL, 13},
    {"тринадцатых", FL_NUM_ORDINAL, 13},
    {"тринадцать", FL_NUM_TEEN, 13},
    {"тринадцатью", FL_NUM_TEEN, 13},
    {"триста", FL_NUM_HUNDREDS, 300},
    {"трое", FL_NUM_UNIT, 3},
    {"троим", FL_NUM_UNIT, 3},
    {"троими", FL_NUM_UNIT, 3},
    {"троих", FL_NUM_UNIT, 3},
    {"тыс", FL_NUM_THOUSAND, 1000},
    {"тысяч", FL_NUM_THOUSAND, 1000},
    {"тысяча", FL_NUM_THOUSAND, 1000},
    {"тысячам", FL_NUM_THOUSAND, 1000},
    {"тысячами", FL_NUM_THOUSAND, 1000},
    {"тысячах", FL_NUM_THOUSAND, 1000},
    {"тысяче", FL_NUM_THOUSAND, 1000},
    {"тысячей", FL_NUM_THOUSAND, 1000},
    {"тысячею", FL_NUM_THOUSAND, 1000},
    {"тысячи", FL_NUM_THOUSAND, 1000},
    {"тысячу", FL_NUM_THOUSAND, 1000},
    {"тысячью", FL_NUM_THOUSAND, 1000},
    {"четверо", FL_NUM_UNIT, 4},
    {"четвертая", FL_NUM_ORDINAL, 4},
    {"четвертого", FL_NUM_ORDINAL, 4},
    {"четвертое", FL_NUM_ORDINAL, 4},
    {"четвертой", FL_NUM_ORDINAL, 4},
    {"четвертом", FL_NUM_ORDINAL, 4},
    {"четвертому", FL_NUM_ORDINAL, 4},
    {"четвертую", FL_NUM_ORDINAL, 4},
    {"четвертые", FL_NUM_ORDINAL, 4},
    {"четвертый", FL_NUM_ORDINAL, 4},
    {"четвертым", FL_NUM_ORDINAL, 4},
    {"четвертыми", FL_NUM_ORDINAL, 4},
    {"четвертых", FL_NUM_ORDINAL, 4},
    {"четверым", FL_NUM_UNIT, 4},
    {"четверыми", FL_NUM_UNIT, 4},
    {"четверых", FL_NUM_UNIT, 4},
    {"четыре", FL_NUM_UNIT, 4},
    {"четырем", FL_NUM_UNIT, 4},
    {"четыремстам", FL_NUM_HUNDREDS, 400},
    {"четыреста", FL_NUM_HUNDREDS, 400},
    {"четырех", FL_NUM_UNIT, 4},
    {"четырехсот", FL_NUM_HUNDREDS, 400},
    {"четырехстах", FL_NUM_HUNDREDS, 400},
    {"четырнадцатая", FL_NUM_ORDINAL, 14},
    {"четырнадцати", FL_NUM_TEEN, 14},
    {"четырнадцатого", FL_NUM_ORDINAL, 14},
    {"четырнадцатое", FL_NUM_ORDINAL, 14},
    {"четырнадцатой", FL_NUM_ORDINAL, 14},
    {"четырнадцатом", FL_NUM_ORDINAL, 14},
    {"четырнадцатому", FL_NUM_ORDINAL, 14},
    {"четырнадцатую", FL_NUM_ORDINAL, 14},
    {"четырнадцатые", FL_NUM_ORDINAL, 14},
    {"четырнадцатый", FL_NUM_ORDINAL, 14},
    {"четырнадцатым", FL_NUM_ORDINAL, 14},
    {"четырнадцатыми", FL_NUM_ORDINAL, 14},
    {"четырнадцатых", FL_NUM_ORDINAL, 14},
    {"четырнадцать", FL_NUM_TEEN, 14},
    {"четырнадцатью", FL_NUM_TEEN, 14},
    {"четырьмя", FL_NUM_UNIT, 4},
    {"четырьмястами", FL_NUM_HUNDREDS, 400},
    {"шестая", FL_NUM_ORDINAL, 6},
    {"шестеро", FL_NUM_UNIT, 6},
    {"шестерым", FL_NUM_UNIT, 6},
    {"шестерыми", FL_NUM_UNIT, 6},
    {"шестерых", FL_NUM_UNIT, 6},
    {"шести", FL_NUM_UNIT, 6},
    {"шестидесяти", FL_NUM_TENS, 60},
    {"шестисот", FL_NUM_HUNDREDS, 600},
    {"шестистам", FL_NUM_HUNDREDS, 600},
    {"шестистах", FL_NUM_HUNDREDS, 600},
    {"шестнадцатая", FL_NUM_ORDINAL, 16},
    {"шестнадцати", FL_NUM_TEEN, 16},
    {"шестнадцатого", FL_NUM_ORDINAL, 16},
    {"шестнадцатое", FL_NUM_ORDINAL, 16},
    {"шестнадцатой", FL_NUM_ORDINAL, 16},
    {"шестнадцатом", FL_NUM_ORDINAL, 16},
    {"шестнадцатому", FL_NUM_ORDINAL, 16},
    {"шестнадцатую", FL_NUM_ORDINAL, 16},
    {"шестнадцатые", FL_NUM_ORDINAL, 16},
    {"шестнадцатый", FL_NUM_ORDINAL, 16},
    {"шестнадцатым", FL_NUM_ORDINAL, 16},
    {"шестнадцатыми", FL_NUM_ORDINAL, 16},
    {"шестнадцатых", FL_NUM_ORDINAL, 16},
    {"шестнадцать", FL_NUM_TEEN, 16},
    {"шестнадцатью", FL_NUM_TEEN, 16},
    {"шестого", FL_NUM_ORDINAL, 6},
    {"шестое", FL_NUM_ORDINAL, 6},
    {"шестой", FL_NUM_ORDINAL, 6},
    {"шестом", FL_NUM_ORDINAL, 6},
    {"шестому", FL_NUM_ORDINAL, 6},
    {"шестую", FL_NUM_ORDINAL, 6},
    {"шестые", FL_NUM_ORDINAL, 6},
    {"шестый", FL_NUM_ORDINAL, 6},
    {"шестым", FL_NUM_ORDINAL, 6},
    {"шестыми", FL_NUM_ORDINAL, 6},
    {"шестых", FL_NUM_ORDINAL, 6},
    {"шесть", FL_NUM_UNIT, 6},
    {"шестьдесят", FL_NUM_TENS, 60},
    {"шестьсот", FL_NUM_HUNDREDS, 600},
    {"шестью", FL_NUM_UNIT, 6},
    {"шестьюдесятью", FL_NUM_TENS, 60},
    {"шестьюстами", FL_NUM_HUNDREDS, 600},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int cmp_word(const char *s, size_t n, const char *w)
{
    size_t wn = strlen(w);
    int c = memcmp(s, w, n < wn ? n : wn);
    if (c)
        return c;
    return n < wn ? -1 : n > wn;
}

int fl_number_word(int lang, const char *s, size_t n, uint32_t *value)
{
    const number_word *t = lang == FL_LANG_EN ? english : russian;
    size_t lo = 0, hi = lang == FL_LANG_EN ? COUNT(english) : COUNT(russian);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_word(s, n, t[mid].word);
        if (c == 0) {
            *value = t[mid].value;
            return t[mid].kind;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return FL_NUM_NONE;
}

int fl_numbers__tables_sorted(void)
{
    for (size_t i = 1; i < COUNT(english); i++)
        if (strcmp(english[i - 1].word, english[i].word) >= 0)
            return 0;
    for (size_t i = 1; i < COUNT(russian); i++)
        if (strcmp(russian[i - 1].word, russian[i].word) >= 0)
            return 0;
    return 1;
}

/* ---- joining words -------------------------------------------------------------------- */

/* A number below a hundred from p[k]: tens and a unit, a teen, a unit or an ordinal. Returns the
 * parts it takes (0: none), its value in *v; *ord when it ends with an ordinal. */
static size_t below_hundred(const fl_number_part *p, size_t n, size_t k, int zero, uint32_t *v,
                            int *ord)
{
    switch (p[k].kind) {
    case FL_NUM_TENS:
        *v = p[k].value;
        if (k + 1 < n && p[k + 1].glued &&
            (p[k + 1].kind == FL_NUM_UNIT || p[k + 1].kind == FL_NUM_ORDINAL) &&
            p[k + 1].value >= 1 && p[k + 1].value <= 9) {
            *v += p[k + 1].value;
            *ord = p[k + 1].kind == FL_NUM_ORDINAL;
            return 2;
        }
        return 1;
    case FL_NUM_UNIT:
        if (p[k].value == 0 && !zero)
            return 0;
        /* fall through */
    case FL_NUM_TEEN:
        *v = p[k].value;
        return 1;
    case FL_NUM_ORDINAL:
        *v = p[k].value;
        *ord = 1;
        return 1;
    default:
        return 0;
    }
}

/* A number below a thousand from p[k] (hundreds, then what is below a hundred): as
 * below_hundred(). `zero`: a lone zero counts (only at the start of a number). */
static size_t below_thousand(int lang, const fl_number_part *p, size_t n, size_t k, int zero,
                             uint32_t *v, int *ord)
{
    size_t j = k;
    uint32_t h = 0;
    if (p[j].kind == FL_NUM_HUNDREDS) {
        h = p[j++].value;
    } else if (p[j].kind == FL_NUM_UNIT && p[j].value >= 1 && j + 1 < n && p[j + 1].glued &&
               p[j + 1].kind == FL_NUM_HUNDRED) {
        h = p[j].value * 100;
        j += 2;
    } else if (p[j].kind == FL_NUM_HUNDRED) {
        h = 100;
        j++;
    }
    if (j == k)
        return below_hundred(p, n, k, zero, v, ord);
    *v = h;
    size_t m = j;
    if (lang == FL_LANG_EN && m < n && p[m].glued && p[m].kind == FL_NUM_AND)
        m++;
    uint32_t t;
    size_t b = m < n && p[m].glued ? below_hundred(p, n, m, 0, &t, ord) : 0;
    if (!b)
        return j - k;
    *v += t;
    return m + b - k;
}

/* What may follow "thousand" at p[k]: ["and"] a number below a thousand in words or in digits,
 * glued. Returns the parts it takes, its value in *v. */
static size_t after_thousand(int lang, const fl_number_part *p, size_t n, size_t k, uint32_t *v)
{
    size_t m = k;
    if (lang == FL_LANG_EN && m < n && p[m].glued && p[m].kind == FL_NUM_AND)
        m++;
    int ord = 0;
    size_t b = 0;
    if (m < n && p[m].glued && p[m].kind == FL_NUM_DIGITS && p[m].value <= 999) {
        *v = p[m].value; /* «2 тысячи 250» */
        b = 1;
    } else if (m < n && p[m].glued) {
        b = below_thousand(lang, p, n, m, 0, v, &ord);
    }
    if (!b) {
        *v = 0;
        return 0;
    }
    return m + b - k;
}

size_t fl_number_join(int lang, const fl_number_part *p, size_t n, uint32_t *value)
{
    if (n == 0)
        return 0;
    uint32_t v = 0, rest;
    if (p[0].kind == FL_NUM_FIXED || p[0].kind == FL_NUM_SUFFIXED) {
        *value = p[0].value;
        return 1;
    }
    if (p[0].kind == FL_NUM_DIGITS) {
        /* «3 тысячи», "2 thousand": digits times a thousand */
        if (p[0].value >= 1 && p[0].value <= 999 && n > 1 && p[1].glued &&
            p[1].kind == FL_NUM_THOUSAND) {
            size_t k = 2 + after_thousand(lang, p, n, 2, &rest);
            *value = p[0].value * 1000 + rest;
            return k;
        }
        *value = p[0].value;
        return 1;
    }
    int ord = 0;
    size_t k = p[0].kind == FL_NUM_THOUSAND ? 0 : below_thousand(lang, p, n, 0, 1, &v, &ord);
    if (k == 0 && p[0].kind != FL_NUM_THOUSAND)
        return 0;
    if (!ord && k < n && p[k].kind == FL_NUM_THOUSAND && (k == 0 || (p[k].glued && v > 0))) {
        v = (k ? v : 1) * 1000;
        k++;
        k += after_thousand(lang, p, n, k, &rest);
        v += rest;
    }
    *value = v;
    return k;
}

/* ---- numbers in digits ---------------------------------------------------------------- */

static int digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The digits from text[i]. */
static size_t run(const char *text, size_t len, size_t i)
{
    size_t k = i;
    while (k < len && digit(text[k]))
        k++;
    return k - i;
}

static uint32_t value_of(const char *s, size_t n)
{
    uint32_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (uint32_t)(s[i] - '0');
    return v;
}

/* Bytes of the digit-group separator at text[i] (0: none); its kind in *sep (a space, a no-break
 * space U+00A0, a narrow no-break space U+202F or a thin space U+2009; a comma in English). */
static size_t separator(int lang, const char *text, size_t len, size_t i, int *sep)
{
    const unsigned char *u = (const unsigned char *)text + i;
    size_t left = len - i;
    if (left >= 1 && u[0] == ' ') {
        *sep = 1;
        return 1;
    }
    if (left >= 1 && u[0] == ',' && lang == FL_LANG_EN) {
        *sep = 2;
        return 1;
    }
    if (left >= 2 && u[0] == 0xC2 && u[1] == 0xA0) {
        *sep = 3;
        return 2;
    }
    if (left >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xAF || u[2] == 0x89)) {
        *sep = 4 + (u[2] == 0x89);
        return 3;
    }
    return 0;
}

/* Whether a separator and a digit stand just before text[at]: the number there is a later group
 * of a longer one ("8 800 555 35 35"), not the start of a grouped number. */
static int after_group(int lang, const char *text, size_t at)
{
    for (size_t b = 1; b <= 3 && b < at; b++) {
        int sep;
        if (separator(lang, text, at, at - b, &sep) == b && digit(text[at - b - 1]))
            return 1;
    }
    return 0;
}

static int leap_day(uint32_t d, uint32_t m)
{
    static const uint8_t days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return d >= 1 && m >= 1 && m <= 12 && d <= days[m - 1];
}

/* Whether a letter of a word starts at text[i] (so "1st" is not followed by more of a word). */
static int letter_at(const char *text, size_t len, size_t i)
{
    uint32_t cp;
    if (i >= len || !fl_utf8_decode(text + i, len - i, &cp))
        return 0;
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
           (cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x400 && cp <= 0x4FF);
}

/* The digits s[0..n) without leading zeros ("0" for zeros only) into out. */
static size_t strip_zeros(const char *s, size_t n, char *out)
{
    while (n > 1 && s[0] == '0')
        s++, n--;
    memcpy(out, s, n);
    out[n] = '\0';
    return n;
}

/* A time H:MM at text[at] with d hour digits; returns its bytes or 0. */
static size_t scan_time(const char *text, size_t len, size_t at, size_t d, char *out,
                        size_t *out_len)
{
    size_t e = at + d;
    if (d > 2 || e + 2 >= len || text[e] != ':' || run(text, len, e + 1) != 2)
        return 0;
    /* 9:00:00 (seconds) or 9:00:1 is not read as a time */
    if (e + 3 < len && text[e + 3] == ':' && e + 4 < len && digit(text[e + 4]))
        return 0;
    uint32_t h = value_of(text + at, d), m = value_of(text + e + 1, 2);
    if (h > 23 || m > 59)
        return 0;
    int n =
        m ? snprintf(out, FL_NUMBER_MAX, "%u:%02u", h, m) : snprintf(out, FL_NUMBER_MAX, "%u", h);
    *out_len = (size_t)n;
    return d + 3;
}

/* A date D.M or D.M.YYYY (.YY) at text[at] with d day digits; returns its bytes or 0. */
static size_t scan_date(const char *text, size_t len, size_t at, size_t d, char *out,
                        size_t *out_len)
{
    size_t e = at + d;
    if (d > 2 || e + 1 >= len || text[e] != '.')
        return 0;
    size_t md = run(text, len, e + 1);
    if (md < 1 || md > 2)
        return 0;
    size_t f = e + 1 + md;
    if (f + 1 < len && text[f] == '.' && digit(text[f + 1])) {
        size_t yd = run(text, len, f + 1);
        size_t g = f + 1 + yd;
        /* a year has 2 or 4 digits, and 1.2.3.4 or 10.10.10.10 is no date */
        if ((yd != 2 && yd != 4) ||
            (g + 1 < len && (text[g] == '.' || text[g] == ':') && digit(text[g + 1])))
            return 0;
        f = g;
    }
    uint32_t day = value_of(text + at, d), month = value_of(text + e + 1, md);
    if (!leap_day(day, month))
        return 0;
    *out_len = (size_t)snprintf(out, FL_NUMBER_MAX, "%u.%u", day, month);
    return f - at;
}

/* Digit groups: 1-3 digits without a leading zero, then groups of exactly three after one kind
 * of separator, not followed by another separator or a hyphen and a digit (a telephone number:
 * "8 800 555 35 35" is five numbers, "8 495 123-45-67" too). Returns the bytes, or 0. */
static size_t scan_groups(int lang, const char *text, size_t len, size_t at, size_t d, char *out,
                          size_t *out_len, uint32_t *value)
{
    if (d > 3 || text[at] == '0' || after_group(lang, text, at))
        return 0;
    size_t p = at + d, groups = 0, n = d;
    int kind = 0;
    memcpy(out, text + at, d);
    for (;;) {
        int k;
        size_t s = separator(lang, text, len, p, &k);
        if (!s || (kind && k != kind) || run(text, len, p + s) != 3 || n + 3 >= FL_NUMBER_MAX)
            break;
        memcpy(out + n, text + p + s, 3);
        n += 3;
        kind = k;
        p += s + 3;
        groups++;
    }
    int k;
    size_t s = separator(lang, text, len, p, &k);
    if (!s && p < len && text[p] == '-')
        s = 1; /* "8 495 123-45-67" */
    if (!groups || (s && p + s < len && digit(text[p + s])))
        return 0;
    out[n] = '\0';
    *out_len = n;
    *value = n <= 6 ? value_of(out, n) : UINT32_MAX;
    return p - at;
}

/* Bytes of an ordinal suffix glued to the digits that end at text[e]: 2 for "st", "nd", "rd",
 * "th" in any case (1st, 21st, 4th) when no letter follows it; else 0. */
static size_t ordinal_suffix(const char *text, size_t len, size_t e)
{
    if (e + 2 > len || letter_at(text, len, e + 2))
        return 0;
    char a = (char)(text[e] | 0x20), b = (char)(text[e + 1] | 0x20);
    if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
        (a == 't' && b == 'h'))
        return 2;
    return 0;
}

size_t fl_number_scan(int lang, const char *text, size_t len, size_t at, char *out, size_t *out_len,
                      int *kind, uint32_t *value)
{
    size_t d = run(text, len, at), used;
    *value = 0;
    if (d > FL_NUMBER_DIGITS) {
        *kind = FL_NUM_NONE;
        *out_len = 0;
        out[0] = '\0';
        return d;
    }
    *kind = FL_NUM_FIXED;
    /* the end of 192.168.1.1 or 12:30:45 is no date or time of its own */
    int inside = at >= 2 && (text[at - 1] == '.' || text[at - 1] == ':') && digit(text[at - 2]);
    if (!inside && (used = scan_time(text, len, at, d, out, out_len)) != 0)
        return used;
    if (!inside && (used = scan_date(text, len, at, d, out, out_len)) != 0)
        return used;
    *kind = FL_NUM_DIGITS;
    if ((used = scan_groups(lang, text, len, at, d, out, out_len, value)) != 0)
        return used;
    *out_len = strip_zeros(text + at, d, out);
    *value = *out_len <= 6 ? value_of(out, *out_len) : UINT32_MAX;
    size_t s = ordinal_suffix(text, len, at + d);
    if (s)
        *kind = FL_NUM_SUFFIXED;
    return d + s;
}
