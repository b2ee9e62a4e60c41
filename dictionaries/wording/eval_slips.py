#!/usr/bin/env python3
"""Measure shengao's typo check on held-out sentences of ../shared/corpus with injected slips.

Usage (from the repository root, after `cargo build --release`):

    pip install jieba            # Python's jieba, to choose the words a slip goes into
    python3 dictionaries/wording/eval_slips.py [--weighted] [--seed N] OUT_DIR

It takes sentences of 12-80 Han characters from every fifth document of the corpus manifest
(index % 5 == 0, the documents SHENGAO_HOLD_OUT=1 leaves out of every table built from the
corpus), 3,000 of them, and writes OUT_DIR/clean.txt, OUT_DIR/slips.txt (the same sentences
with one slip each) and OUT_DIR/truth.json. A slip replaces one character of a frequent word
(jieba frequency >= 100) by one of its confusables (confusion.tsv: same syllable 70 %, near
syllable 15 %, shape 15 %) such that the word becomes unknown. The confusable is drawn
uniformly, or with --weighted as often as the language uses it (char-frequency.tsv), which is
closer to an input method, whose candidates come by frequency.

Then it runs target/release/shengao on both files (400 lines a file) and prints sentence-level
detection and correction precision, recall and F1, the share of slips with a certain fix, and
the share of correct sentences flagged (any wording warning or error).

For a measure on unseen text, rebuild the tables without the held-out documents first:

    SHENGAO_HOLD_OUT=1 cargo test --release --lib -- --ignored char_bigrams official_words term_slips
    cargo build --release
    python3 dictionaries/wording/eval_slips.py --weighted /tmp/slips
    git checkout dictionaries/wording/
"""

import json
import logging
import os
import random
import re
import subprocess
import sys

import jieba

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(REPO, '..', 'shared', 'corpus')
BINARY = os.path.join(REPO, 'target', 'release', 'shengao')


def table(name):
    for line in open(os.path.join(REPO, 'dictionaries', 'wording', name), encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        yield line.rstrip('\n').split('\t')


def make(out, weighted, seed):
    jieba.setLogLevel(logging.ERROR)
    jieba.load_userdict(os.path.join(REPO, 'dictionaries', 'user.dict'))
    confusables = {f[0]: (f[1], f[2], f[3]) for f in table('confusion.tsv')}
    frequency = {f[0]: int(f[1]) for f in table('char-frequency.tsv')}
    files = [json.loads(l) for l in open(os.path.join(CORPUS, 'manifest.jsonl'))]
    rng = random.Random(seed)
    sentences = []
    for i, f in enumerate(files):
        if i % 5 != 0 or f['path'] == 'gwr_national/068.txt':
            continue
        text = open(os.path.join(CORPUS, f['path']), encoding='utf-8').read()
        for s in re.split(r'(?<=[。！？])', text):
            s = s.strip()
            han = len(re.findall(r'[\u4e00-\u9fff]', s))
            if 12 <= han <= 80 and '\n' not in s:
                sentences.append(s)
    rng.shuffle(sentences)
    word = re.compile(r'^[\u4e00-\u9fff]{2,4}$')
    clean, slips, truth = [], [], []
    for s in sentences[:3000]:
        at, candidates = 0, []
        for w in jieba.cut(s, HMM=True):
            if word.match(w) and jieba.dt.FREQ.get(w, 0) >= 100:
                candidates.append((w, at))
            at += len(w)
        if not candidates:
            continue
        for _ in range(20):
            w, at = rng.choice(candidates)
            k = rng.randrange(len(w))
            c = w[k]
            if c not in confusables:
                continue
            r = rng.random()
            pool = confusables[c][0] if r < 0.7 else confusables[c][1] if r < 0.85 else confusables[c][2]
            if not pool:
                continue
            if weighted:
                x = rng.choices(pool, weights=[frequency.get(ch, 1) for ch in pool])[0]
            else:
                x = rng.choice(pool)
            if jieba.dt.FREQ.get(w[:k] + x + w[k + 1:], 0) > 0:
                continue
            clean.append(s)
            slips.append(s[:at + k] + x + s[at + k + 1:])
            truth.append((at + k, x, c))
            break
    os.makedirs(out, exist_ok=True)
    open(os.path.join(out, 'clean.txt'), 'w').write('\n'.join(clean) + '\n')
    open(os.path.join(out, 'slips.txt'), 'w').write('\n'.join(slips) + '\n')
    json.dump(truth, open(os.path.join(out, 'truth.json'), 'w'), ensure_ascii=False)
    return truth


def findings(path, scratch):
    lines = open(path, encoding='utf-8').read().split('\n')[:-1]
    got = {}
    for k in range(0, len(lines), 400):
        open(scratch, 'w').write('\n'.join(lines[k:k + 400]) + '\n')
        run = subprocess.run([BINARY, 'check', '--format', 'json', '--fail-on', 'never',
                              '--keep-lines', scratch], capture_output=True, check=True)
        for f in json.loads(run.stdout)['findings']:
            if f['rule'].startswith('wording/') and f['severity'] in ('warning', 'error'):
                got.setdefault(k + f['span']['line'] - 1, []).append(f)
    return got


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def main():
    args = sys.argv[1:]
    weighted = '--weighted' in args
    seed = 11 if weighted else 7
    if '--seed' in args:
        seed = int(args[args.index('--seed') + 1])
    out = [a for i, a in enumerate(args) if not a.startswith('--') and (i == 0 or args[i - 1] != '--seed')]
    if len(out) != 1:
        sys.exit(__doc__)
    truth = make(out[0], weighted, seed)
    scratch = os.path.join(out[0], 'chunk.txt')
    clean = findings(os.path.join(out[0], 'clean.txt'), scratch)
    slips = findings(os.path.join(out[0], 'slips.txt'), scratch)
    n = len(truth)
    detected, flagged = len(slips), len(clean)
    right = sum(1 for i, (at, _, c) in enumerate(truth)
                if any(f['span']['column'] == at + 1 and c in f['message'] for f in slips.get(i, [])))
    fixed = sum(1 for i, (at, _, c) in enumerate(truth)
                if any(f['span']['column'] == at + 1 and f.get('suggestion') == c for f in slips.get(i, [])))
    p, r = detected / max(1, detected + flagged), detected / n
    pc, rc = right / max(1, detected + flagged), right / n
    print(f'{n} sentences with a slip and the same {n} correct')
    print(f'detection:  precision {p:.1%}  recall {r:.1%}  F1 {f1(p, r):.1%}')
    print(f'correction: precision {pc:.1%}  recall {rc:.1%}  F1 {f1(pc, rc):.1%}  (right place, right character named)')
    print(f'certain fixes (applied by `shengao fix`): {fixed} ({fixed / n:.1%})')
    print(f'correct sentences flagged: {flagged} ({flagged / n:.2%})')


if __name__ == '__main__':
    main()
