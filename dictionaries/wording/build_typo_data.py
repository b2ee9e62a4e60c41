#!/usr/bin/env python3
"""Regenerate dictionaries/wording/confusion.tsv, the confusable characters used by the typo check.

Usage:

    python3 dictionaries/wording/build_typo_data.py [UNIHAN_DIR] > dictionaries/wording/confusion.tsv

UNIHAN_DIR is the folder holding Unicode's Unihan files, plain (`Unihan_Readings.txt`) or
bzip2-compressed (`Unihan_Readings.txt.bz2`). It defaults to /usr/share/unicode, where Debian's
package puts them (`apt-get install unicode-data`; the shipped file was made from
unicode-data 15.0.0-1, that is Unihan 15.0). Standard library only; the output is sorted, so
the same input always gives the same bytes. Size statistics go to stderr.

What it writes, one line per character of the universe:

    字<TAB>same<TAB>near<TAB>shape

Universe: the 8,105 characters of 通用规范汉字表 (2013), i.e. those with a `kTGHZ2013`
reading. Every candidate is itself in the universe and never the character itself. Each column
is a run of characters sorted by code point, without separators, and may be empty.

- same: characters sharing a toneless syllable with it (any tone). Readings come from
  `kTGHZ2013`; a character without one would fall back to `kXHC1983`, then `kMandarin`
  (none of the universe does in Unihan 15.0). Neutral-tone readings count too.
- near: characters whose syllable differs by exactly one fuzzy pair, either in the initial
  (z/zh, c/ch, s/sh, n/l, f/h, l/r) or in the final (en/eng, in/ing, an/ang, ian/iang,
  uan/uang), minus those already in `same`.
- shape: look-alikes, independent of sound (a character may be in `same` and `shape`):
  * same phonetic series (`kPhonetic`, Casey's series; a letter suffix and `*` are ignored);
  * `kCangjie` codes equal, or at edit distance 1 when both codes have at least 3 letters and
    share their first or last letter (short codes are too loose: 至 MIG would match 三 MMM);
  * same four-corner code, first four digits of `kFourCornerCode`, when `kTotalStrokes`
    differs by at most 1 (keeps 末/未, 己/已, 侯/候, 戍/戌/戊, drops 至 against 三, 二, 工).
"""

import bz2
import collections
import os
import re
import sys
import unicodedata

FIELDS_READINGS = ("kTGHZ2013", "kXHC1983", "kMandarin")
FIELDS_SHAPE = ("kCangjie", "kPhonetic", "kFourCornerCode")
FIELDS_STROKES = ("kTotalStrokes",)

INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h",
            "j", "q", "x", "r", "z", "c", "s", "y", "w")
FUZZY_INITIALS = (("z", "zh"), ("c", "ch"), ("s", "sh"), ("n", "l"), ("f", "h"), ("l", "r"))
FUZZY_FINALS = (("en", "eng"), ("in", "ing"), ("an", "ang"), ("ian", "iang"), ("uan", "uang"))


def open_unihan(folder, name):
    """Open a Unihan file, plain or .bz2, as UTF-8 text."""
    plain = os.path.join(folder, name)
    if os.path.exists(plain):
        return open(plain, encoding="utf-8")
    if os.path.exists(plain + ".bz2"):
        return bz2.open(plain + ".bz2", "rt", encoding="utf-8")
    sys.exit(f"build_typo_data.py: {plain}(.bz2) not found; apt-get install unicode-data")


def read_fields(folder, name, fields):
    """Return {char: {field: value}} for the wanted fields of one Unihan file."""
    out = collections.defaultdict(dict)
    with open_unihan(folder, name) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cp, field, value = line.rstrip("\n").split("\t", 2)
            if field in fields:
                out[chr(int(cp[2:], 16))][field] = value
    return out


def toneless(syllable):
    """ā → a, lǜ → lv, ê̄ → e: drop tone marks, write ü as v."""
    out = []
    for ch in unicodedata.normalize("NFD", syllable.lower()):
        if ch == "\u0308":  # diaeresis: u + ¨ is ü
            out[-1] = "v"
        elif not unicodedata.combining(ch):
            out.append(ch)
    return "".join(out)


def syllables(entry):
    """Toneless syllables of a character, from the first readings field it has."""
    for field in FIELDS_READINGS:
        if field in entry:
            value = entry[field]
            if field == "kMandarin":
                raw = value.split()
            else:  # "page.position[,page.position]:reading" items
                raw = [item.split(":", 1)[1] for item in value.split()]
            return {toneless(r) for r in raw}
    return set()


def split_syllable(syl):
    for initial in INITIALS:
        if syl.startswith(initial):
            return initial, syl[len(initial):]
    return "", syl


def near_syllables(syl, all_syllables):
    """Syllables that differ from syl by one fuzzy pair (initial or final)."""
    initial, final = split_syllable(syl)
    out = set()
    for a, b in FUZZY_INITIALS:
        for x, y in ((a, b), (b, a)):
            if initial == x:
                out.add(y + final)
    for a, b in FUZZY_FINALS:
        for x, y in ((a, b), (b, a)):
            if final == x:  # also covers y/w spellings: yin/ying, yan/yang, wen/weng
                out.add(initial + y)
    return {s for s in out if s in all_syllables and s != syl}


def edit_distance_le1(a, b):
    """True when strings a and b are at Levenshtein distance at most 1."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    for i in range(len(b)):
        if b[:i] + b[i + 1:] == a:
            return True
    return False


def build(folder):
    readings = read_fields(folder, "Unihan_Readings.txt", FIELDS_READINGS)
    shape_data = read_fields(folder, "Unihan_DictionaryLikeData.txt", FIELDS_SHAPE)
    strokes_data = read_fields(folder, "Unihan_IRGSources.txt", FIELDS_STROKES)

    universe = sorted(c for c, v in readings.items() if "kTGHZ2013" in v)
    in_universe = set(universe)

    # --- sound ---------------------------------------------------------------------------
    syl_of = {c: syllables(readings[c]) for c in universe}
    by_syl = collections.defaultdict(set)
    for c, syls in syl_of.items():
        for s in syls:
            by_syl[s].add(c)
    all_syllables = set(by_syl)

    same, near = {}, {}
    for c in universe:
        s_set, n_set = set(), set()
        for s in syl_of[c]:
            s_set |= by_syl[s]
            for s2 in near_syllables(s, all_syllables):
                n_set |= by_syl[s2]
        s_set.discard(c)
        n_set -= s_set
        n_set.discard(c)
        same[c], near[c] = s_set, n_set

    # --- shape ---------------------------------------------------------------------------
    def cangjie(c):
        return shape_data.get(c, {}).get("kCangjie")

    def phonetic_series(c):
        value = shape_data.get(c, {}).get("kPhonetic", "")
        return {re.sub(r"[^0-9]", "", t) for t in value.split()} - {""}

    def four_corner(c):
        value = shape_data.get(c, {}).get("kFourCornerCode")
        return value.split()[0].replace(".", "")[:4] if value else None

    def total_strokes(c):
        value = strokes_data.get(c, {}).get("kTotalStrokes")
        return int(value.split()[0]) if value else None

    by_series = collections.defaultdict(set)
    by_code = collections.defaultdict(set)      # exact Cangjie code
    by_deletion = collections.defaultdict(set)  # Cangjie code with one letter deleted (len ≥ 3)
    by_corner = collections.defaultdict(set)
    for c in universe:
        for p in phonetic_series(c):
            by_series[p].add(c)
        code = cangjie(c)
        if code:
            by_code[code].add(c)
            if len(code) >= 3:
                by_deletion[code].add(c)
                for i in range(len(code)):
                    by_deletion[code[:i] + code[i + 1:]].add(c)
        corner = four_corner(c)
        if corner:
            by_corner[corner].add(c)

    shape = {}
    for c in universe:
        s_set = set()
        for p in phonetic_series(c):
            s_set |= by_series[p]
        code = cangjie(c)
        if code:
            s_set |= by_code[code]
            if len(code) >= 3:
                keys = [code] + [code[:i] + code[i + 1:] for i in range(len(code))]
                for key in keys:
                    for d in by_deletion[key]:
                        other = cangjie(d)
                        if (len(other) >= 3 and edit_distance_le1(code, other)
                                and (code[0] == other[0] or code[-1] == other[-1])):
                            s_set.add(d)
        corner, strokes = four_corner(c), total_strokes(c)
        if corner and strokes is not None:
            for d in by_corner[corner]:
                other = total_strokes(d)
                if other is not None and abs(other - strokes) <= 1:
                    s_set.add(d)
        s_set.discard(c)
        shape[c] = s_set & in_universe

    return universe, same, near, shape


HEADER = """\
# confusion.tsv: confusable characters for the typo check (same sound, near sound, look-alike).
# Source: Unihan database, Unicode 15.0 (Debian's unicode-data 15.0.0-1): kTGHZ2013, kXHC1983,
#   kMandarin, kPhonetic, kCangjie, kFourCornerCode, kTotalStrokes.
# Licence: Unicode License (LICENSE-Unicode.txt), (c) Unicode, Inc. This file is MODIFIED data:
#   derived from Unihan by dictionaries/wording/build_typo_data.py, not a copy of a Unihan file.
# Format: char<TAB>same<TAB>near<TAB>shape; each column a run of candidate characters sorted by
#   code point (may be empty); lines sorted by code point. Universe: the 8,105 kTGHZ2013
#   characters (通用规范汉字表). same = same toneless syllable; near = one fuzzy pair away
#   (z/zh c/ch s/sh n/l f/h l/r, en/eng in/ing an/ang ian/iang uan/uang); shape = same
#   kPhonetic series, Cangjie code equal or 1 edit apart (both codes ≥ 3 letters), or same
#   four-corner code (4 digits) with stroke counts within 1. See the script's docstring.
# Regenerate: python3 dictionaries/wording/build_typo_data.py /usr/share/unicode > dictionaries/wording/confusion.tsv
"""


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode"
    universe, same, near, shape = build(folder)
    out = sys.stdout
    out.write(HEADER)
    for c in universe:
        cols = ("".join(sorted(same[c])), "".join(sorted(near[c])), "".join(sorted(shape[c])))
        out.write(f"{c}\t{cols[0]}\t{cols[1]}\t{cols[2]}\n")
    n = len(universe)
    total = {k: sum(len(m[c]) for c in universe) for k, m in
             (("same", same), ("near", near), ("shape", shape))}
    print(f"characters: {n}", file=sys.stderr)
    for k, v in total.items():
        print(f"{k}: {v} candidates, {v / n:.1f} per character", file=sys.stderr)
    union = sum(len(same[c] | near[c] | shape[c]) for c in universe)
    print(f"union: {union / n:.1f} per character", file=sys.stderr)


if __name__ == "__main__":
    main()
