#!/usr/bin/env python3
"""Quick check of the stock-phrase lists, for editors without a Rust toolchain.

Usage: python3 dictionaries/phrases/check.py [FILE.tsv ...]   (default: every list here)

Checks what the Rust test `lists_are_sorted_unique_and_valid` checks: the line format,
known categories and severities, the template syntax, sort order and duplicates (after
normalisation, across all lists). The Rust test is the authority; keep the two in step
with dictionaries/README.md.
"""

import pathlib
import re
import sys

CATEGORIES = {
    "opening", "humility", "closing", "intensifier", "slogan",
    "cliche", "metaphor", "evasive", "marker",
}
SEVERITIES = {"error", "warning", "info", "none"}
# Dropped by normalisation: spaces and clause-internal punctuation.
SOFT = set(" \t\u3000\u00a0，,、；;：:")
# Never inside an entry: sentence ends and line breaks (ASCII ? is template syntax).
HARD = set("。！？!\n\r")
SYNTAX = set("…<>()|?{}")
HAN = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
SLOT = "[^。！？!?\\n\\r]{1,16}?"


def normalise(s):
    return "".join(c for c in s if c not in SOFT)


def template_regex(p):
    """Translate the template syntax to a Python regex; raise ValueError if invalid."""
    out, i, depth, prev = [], 0, 0, None  # prev: kind of the last atom
    fixed = False
    while i < len(p):
        c = p[i]
        if c == "…":
            if prev == "slot":
                raise ValueError("two slots side by side")
            out.append(SLOT)
            prev = "slot"
        elif c == "<":
            m = re.match(r"<([1-9])(?:-([1-9]))?>", p[i:])
            if not m:
                raise ValueError(f"bad <n> slot at {i}")
            lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
            if lo > hi:
                raise ValueError("slot <m-n> with m > n")
            if prev == "slot":
                raise ValueError("two slots side by side")
            out.append(f"{HAN}{{{lo}}}" if lo == hi else f"{HAN}{{{lo},{hi}}}?")
            i += len(m.group(0))
            prev = "slot"
            continue
        elif c == "(":
            depth += 1
            out.append("(?:")
            prev = None
        elif c == ")":
            depth -= 1
            if depth < 0:
                raise ValueError("unbalanced )")
            if out and out[-1] == "(?:":
                raise ValueError("empty group")
            out.append(")")
            prev = "group"
        elif c == "|":
            if depth == 0:
                raise ValueError("| outside a group")
            out.append("|")
            prev = None
        elif c == "?":
            if prev not in ("lit", "group"):
                raise ValueError("? must follow a character or a group")
            out.append("?")
            prev = "quant"
        elif c == "{":
            m = re.match(r"\{([0-9]),([0-9]?)\}", p[i:])
            if not m or prev != "group" or not int(m.group(1)) <= int(m.group(2) or 9) >= 1:
                raise ValueError("{m,} or {m,n} (up to 9) must follow a group")
            out.append(m.group(0))
            i += len(m.group(0))
            prev = "quant"
            continue
        elif c in "}>":
            raise ValueError(f"stray {c}")
        elif c in SOFT:
            pass
        else:
            out.append(re.escape(c))
            prev = "lit"
            fixed = True
        i += 1
    if depth != 0:
        raise ValueError("unbalanced (")
    if p.startswith("…") or p.endswith("…"):
        raise ValueError("a template may not start or end with …")
    if not fixed:
        raise ValueError("a template needs some fixed text")
    return re.compile("".join(out))


def check_file(path, seen, errors):
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path}:{n}"
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) not in (3, 4):
            errors.append(f"{where}: want 3 or 4 tab-separated fields, got {len(fields)}")
            continue
        phrase, category, severity = fields[:3]
        advice = fields[3] if len(fields) == 4 else ""
        if phrase != phrase.strip() or not phrase:
            errors.append(f"{where}: empty phrase or stray spaces")
        if category not in CATEGORIES:
            errors.append(f"{where}: unknown category {category!r}")
        elif path.stem in CATEGORIES and category != path.stem:
            errors.append(f"{where}: category {category!r} in {path.name}")
        if severity not in SEVERITIES:
            errors.append(f"{where}: unknown severity {severity!r}")
        if (category == "marker") != (severity == "none"):
            errors.append(f"{where}: markers, and only markers, take severity none")
        if any(c in HARD for c in phrase):
            errors.append(f"{where}: sentence punctuation inside the phrase")
        is_template = any(c in SYNTAX for c in phrase)
        if is_template:
            try:
                template_regex(phrase)
            except ValueError as e:
                errors.append(f"{where}: bad template: {e}")
            if advice.startswith("="):
                errors.append(f"{where}: a template cannot carry a replacement")
        elif len(normalise(phrase)) < 2:
            errors.append(f"{where}: a phrase needs at least two characters")
        if advice.startswith("=") and any(c in SYNTAX for c in advice):
            errors.append(f"{where}: replacement with template syntax")
        key = normalise(phrase)
        if key in seen:
            errors.append(f"{where}: duplicate of {seen[key]}")
        seen.setdefault(key, where)
        rows.append((phrase, where))
    for (a, _), (b, where) in zip(rows, rows[1:]):
        if a > b:
            errors.append(f"{where}: not sorted ({b!r} after {a!r})")
    return len(rows)


def main(args):
    here = pathlib.Path(__file__).parent
    paths = [pathlib.Path(a) for a in args] or sorted(here.glob("*.tsv"))
    seen, errors, total = {}, [], 0
    for path in paths:
        total += check_file(path, seen, errors)
    for e in errors:
        print(e)
    print(f"{total} entries in {len(paths)} lists, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
