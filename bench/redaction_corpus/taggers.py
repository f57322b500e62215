#!/usr/bin/env python3
"""Compare the production detectors with the Chinese taggers and rule libraries issue 13 names, on
the evaluation corpus, with NO case data (detectors alone: ``Known`` carries only the agency).

    .venv/bin/pip install jieba thulac jionlp cpca     # not in the lock: only this comparison needs them
    .venv/bin/python bench/redaction_corpus/taggers.py [--only jieba,jionlp]

Variants (each swaps one part of the production redaction and keeps the rest):
- ``production``: names by context (role word / marker + boundary), numbers by normalized form and
  check digits, plates, e-mails, addresses, other personal data (yangguang/publicity/redaction);
- ``jieba``: person names = tokens ``jieba.posseg`` tags ``nr`` (its dictionary ships in the
  package); the rest production;
- ``thulac``: person names = tokens THULAC tags ``np`` (model shipped in the package); the rest
  production;
- ``jionlp``: phones, IDs, plates and e-mails = ``jionlp.extract_*``; names and the rest production.

``cpca`` parses an address already cut out of a text (province/city/district + the rest); on a
whole sentence it returns everything after the district as "address", so it is no detector for
free text and is not scored. A CRF (python-crfsuite) needs a training corpus of its own (the
evaluation corpus must not be trained on); not built (see README).

Prints leaked must-hide per class, removed must-keep, ms per record and the import time.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import score

import yangguang.publicity.redaction as production
from yangguang.publicity.redaction import Known, redact_all
from yangguang.publicity.redaction.names import NameHit
from yangguang.publicity.redaction.numbers import NumberHit
from yangguang.publicity.redaction.patterns import PatternHit

Finder = Callable[[str], Iterator[Any]]


def _spans_of(text: str, words: list[str]) -> Iterator[tuple[int, int]]:
    for w in set(words):
        i = text.find(w)
        while w and i >= 0:
            yield i, i + len(w)
            i = text.find(w, i + 1)


def jieba_names() -> Finder:
    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(60)
    jieba.initialize()

    def find(text: str) -> Iterator[NameHit]:
        pos = 0
        for pair in pseg.cut(text):
            word, flag = pair.word, pair.flag
            if flag.startswith("nr") and len(word) >= 2:
                yield NameHit(pos, pos + len(word))
            pos += len(word)

    return find


def thulac_names() -> Finder:
    import thulac

    tagger = thulac.thulac()

    def find(text: str) -> Iterator[NameHit]:
        pos = 0
        for line in text.split("\n"):
            for word, tag in tagger.cut(line):
                i = text.find(word, pos)
                if i < 0:
                    continue
                if tag == "np" and len(word) >= 2:
                    yield NameHit(i, i + len(word))
                pos = i + len(word)
            pos = text.find("\n", pos) + 1 if "\n" in text[pos:] else pos

    return find


def jionlp_numbers() -> tuple[Finder, Finder]:
    import jionlp as jio

    def numbers(text: str, norm: str | None = None) -> Iterator[NumberHit]:
        for kind, fn in (("mobile", jio.extract_phone_number), ("resident_id", jio.extract_id_card)):
            for s, e in _spans_of(text, list(fn(text))):
                yield NumberHit(kind, s, e, "")

    def patterns(norm: str) -> Iterator[PatternHit]:
        for kind, fn in (("licence_plate", jio.extract_motor_vehicle_licence_plate), ("email", jio.extract_email)):
            for s, e in _spans_of(norm, list(fn(norm))):
                yield PatternHit(kind, s, e)
        # The production patterns for what jionlp has no extractor for (addresses, other personal data).
        for hit in ORIGINAL["find_patterns"](norm):
            if hit.kind not in ("licence_plate", "email"):
                yield hit

    return numbers, patterns


ORIGINAL = {name: getattr(production, name) for name in ("find_names", "find_numbers", "find_patterns")}


def run(variant: str) -> tuple[score.Report, float]:
    t0 = time.perf_counter()
    patches: dict[str, Any] = {}
    if variant == "jieba":
        patches["find_names"] = jieba_names()
    elif variant == "thulac":
        patches["find_names"] = thulac_names()
    elif variant == "jionlp":
        patches["find_numbers"], patches["find_patterns"] = jionlp_numbers()
    load_s = time.perf_counter() - t0
    for name, fn in ORIGINAL.items():
        setattr(production, name, patches.get(name, fn))

    def redactor(text: str, title: str, case: dict[str, Any]) -> tuple[str, str]:
        out_text, out_title = redact_all([text, title], Known(keep=[case.get("agency", "")]))
        return out_text, out_title

    return score.score(redactor=redactor), load_s


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="production,jieba,thulac,jionlp")
    args = parser.parse_args()
    variants = args.only.split(",")
    results = {v: run(v) for v in variants}
    classes = sorted(next(iter(results.values()))[0].hide)
    print(f"{'leaked must-hide (no case data)':32}" + "".join(f"{v:>12}" for v in variants))
    for c in classes:
        print(f"{c:32}" + "".join(f"{results[v][0].hide[c].failed:>12}" for v in variants))
    print(f"{'total leaked':32}" + "".join(f"{results[v][0].leaked:>12}" for v in variants))
    print(f"{'must-keep removed':32}" + "".join(f"{results[v][0].removed:>12}" for v in variants))
    print(f"{'must-keep removed %':32}" + "".join(f"{100 * results[v][0].removed_rate:>11.2f}%" for v in variants))
    ms = {v: 1000 * r.seconds / r.records for v, (r, _) in results.items()}
    print(f"{'ms per record':32}" + "".join(f"{ms[v]:>12.1f}" for v in variants))
    print(f"{'load s':32}" + "".join(f"{results[v][1]:>12.1f}" for v in variants))
    return 0


if __name__ == "__main__":
    sys.exit(main())
