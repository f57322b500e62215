"""The leak scanner over the public surfaces as a reader gets them: the decision pages and the list,
the API (list and detail), the Atom feed, the CSV and the public ledger entries of every public
publication — each fetched (in process, or over HTTP from ``base_url``) and run through the same
detectors as the redaction (``redaction.detect``).

The database-level scan (``selectors.scan_public``) checks the stored public fields; this one
checks what actually goes out, so a template, a serializer or a ledger payload that adds a field
is covered too.
"""

from __future__ import annotations

import html
import json
import re
import urllib.request
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.test import Client
from django.urls import reverse

from yangguang.ledger.models import Entry

from .models import PublicationVersion
from .redaction import detect
from .selectors import Leak, public_publications

TAGS = re.compile(r"<(script|style)[^>]*>.*?</\1>|<[^>]+>", re.S)
# Page chrome and public office data that the detectors may take for personal data: the agency's
# own office phone is published on purpose (the DB scan skips landlines for agencies too).
SKIPPED_KINDS = frozenset({"固定电话"})
# Hashes, salts and key fingerprints in hex (the commitment of a publication, the ledger's leaf
# hashes) are shown on purpose; a run of decimal digits inside one (…9f3a14075447361e0b…) is not a
# phone number. A hex run of 16+ characters with at least one letter a–f is taken out before the
# detectors read the text; pure digit runs (IDs, bank cards) stay.
HEX_RUN = re.compile(r"(?<![0-9A-Za-z])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{16,}(?![0-9A-Za-z])")


def _without_hashes(text: str) -> str:
    return HEX_RUN.sub(" ", text)


def _text_of(body: str, content_type: str) -> str:
    if "json" in content_type:
        try:
            data = json.loads(body)
        except ValueError:
            return body
        # Each value on its own, behind a stop the number detectors do not read across: a number of
        # one field and a date of the next ("164", "2026-12-06") are not one phone number.
        return "\n。\n".join(_strings(data))
    if "html" in content_type or "xml" in content_type or "atom" in content_type:
        return html.unescape(TAGS.sub("\n", body))
    return body


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for k, v in data.items():
            # A ledger entry's ``canonical`` is its machine encoding (fields run together); the same
            # fields are read one by one from ``entry``.
            if k != "canonical":
                yield from _strings(v)
    elif isinstance(data, list):
        for v in data:
            yield from _strings(v)


def surfaces(limit: int | None = None) -> Iterator[tuple[str, str]]:
    """(surface label, URL path) of everything public about publications."""
    yield "公示列表页", reverse("publicity:decisions")
    yield "接口：公示列表", "/api/publicity/decisions"
    yield "Atom 订阅", reverse("publicity:decisions_atom")
    yield "CSV 开放数据", reverse("publicity:decisions_csv")
    pubs = public_publications().order_by("-pk")
    for pub in pubs[:limit] if limit else pubs.iterator(chunk_size=500):
        yield f"公示页面 {pub.number}", reverse("publicity:decision", args=[pub.pk])
        yield f"接口：公示详情 {pub.number}", f"/api/publicity/decisions/{pub.pk}"
        seqs: set[int] = {
            seq
            for seq in PublicationVersion.objects.filter(publication=pub).values_list("ledger_seq", flat=True)
            if seq is not None
        }
        seqs |= set(Entry.objects.filter(subject=pub.subject_label, public=True).values_list("seq", flat=True))
        for seq in sorted(seqs):
            yield f"记录条目 #{seq}（{pub.number}）", f"/api/ledger/entries/{seq}"


def _fetcher(base_url: str | None) -> Any:
    if base_url:

        def fetch_http(path: str) -> tuple[int, str, str]:
            with urllib.request.urlopen(base_url.rstrip("/") + path, timeout=30) as resp:
                return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode("utf-8", "replace")

        return fetch_http
    hosts = [h for h in settings.ALLOWED_HOSTS if h not in ("*",) and not h.startswith(".")]
    client = Client(HTTP_HOST=hosts[0] if hosts else "localhost")

    def fetch_local(path: str) -> tuple[int, str, str]:
        resp = client.get(path)
        return resp.status_code, resp.get("Content-Type", ""), resp.content.decode("utf-8", "replace")

    return fetch_local


def scan_surfaces(*, base_url: str | None = None, limit: int | None = None) -> list[Leak]:
    """Fetch every public surface anonymously and report what the detectors find in it."""
    fetch = _fetcher(base_url)
    leaks: list[Leak] = []
    for label, path in surfaces(limit):
        status, content_type, body = fetch(path)
        if status != 200:
            continue
        for hit in detect(_without_hashes(_text_of(body, content_type))):
            if hit.kind not in SKIPPED_KINDS:
                leaks.append(Leak(label, path, hit.kind, hit.text))
    return leaks
