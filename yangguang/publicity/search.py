"""Full-text search over published decisions, the same on SQLite and PostgreSQL.

Chinese has no spaces, so the index is an inverted index of character n-grams kept in two ordinary
tables (``SearchToken``, ``Posting``): every CJK character (unigram) and every two adjacent CJK
characters (bigram), and every latin/digit word lowercased. A query term of one character looks up
its unigram; a longer term looks up all its bigrams (every posting list must contain the
publication), and the literal term is then checked in the stored ``search_text`` (``LIKE``), so a
phrase matches only where it really occurs. Scoring is BM25 over the query's tokens. Nothing here
uses FTS5 or tsvector, so both databases return the same rows in the same order.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import F
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import Posting, Publication, PublicationStatus, SearchToken

_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[0-9a-z]+")
_TERM_SPLIT = re.compile(r"[\s,，;；、。:：\"“”'‘’()（）]+")
K1, B = 1.2, 0.75
MAX_COUNT = 1_000
# Above this share of the live collection, a query's rarest token is "common": the query then walks
# the publications in the requested order and checks postings, instead of walking postings.
COMMON_SHARE = 0.02
COMMON_MIN = 500


def normalize(text: str) -> str:
    return text.lower()


def tokens_of(text: str) -> Counter[str]:
    text = normalize(text)
    counts: Counter[str] = Counter()
    for run in _CJK_RUN.findall(text):
        counts.update(run)
        counts.update(run[i : i + 2] for i in range(len(run) - 1))
    for word in _WORD.findall(text):
        counts[word[:40]] += 1
    return counts


def query_terms(q: str) -> list[str]:
    """The query's terms (split on spaces and punctuation), each a literal to find."""
    return [t for t in _TERM_SPLIT.split(normalize(q).strip()) if t][:8]


def term_tokens(term: str) -> list[str]:
    out: list[str] = []
    for run in _CJK_RUN.findall(term):
        if len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    out.extend(w[:40] for w in _WORD.findall(term))
    return list(dict.fromkeys(out))


# --- indexing -----------------------------------------------------------------------------------


def _token_ids(texts: list[str]) -> dict[str, int]:
    SearchToken.objects.bulk_create([SearchToken(text=t) for t in texts], ignore_conflicts=True, batch_size=500)
    ids: dict[str, int] = {}
    for i in range(0, len(texts), 500):
        ids.update(SearchToken.objects.filter(text__in=texts[i : i + 500]).values_list("text", "pk"))
    return ids


def index_publication(pub: Publication) -> None:
    """(Re)index ``pub``'s public text; runs in the caller's transaction."""
    unindex_publication(pub)
    text = f"{pub.title}\n{pub.party_label}\n{pub.number}\n{pub.redacted_text}"
    counts = tokens_of(text)
    ids = _token_ids(sorted(counts))
    Posting.objects.bulk_create(
        [Posting(token_id=ids[t], publication_id=pub.pk, tf=n) for t, n in counts.items()], batch_size=500
    )
    # Sorted ids: concurrent writers lock token rows in the same order (no deadlock).
    SearchToken.objects.filter(pk__in=sorted(ids.values())).update(df=F("df") + 1)
    Publication.objects.filter(pk=pub.pk).update(search_text=normalize(text), length=sum(counts.values()))


def unindex_publication(pub: Publication) -> None:
    token_ids = sorted(Posting.objects.filter(publication_id=pub.pk).values_list("token_id", flat=True))
    if token_ids:
        SearchToken.objects.filter(pk__in=token_ids).update(df=F("df") - 1)
        Posting.objects.filter(publication_id=pub.pk).delete()


# --- querying -----------------------------------------------------------------------------------


@dataclass
class SearchFilters:
    agency_id: int | None = None
    region_path: str = ""
    kind: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@dataclass
class SearchResult:
    ids: list[int]
    total: int
    total_capped: bool
    terms: list[str] = field(default_factory=list)


_stats_cache: dict[str, tuple[float, float, int]] = {}


def _collection_stats(today: dt.date) -> tuple[float, int]:
    """(average length, live count), cached for a minute per database."""
    key = f"{connection.alias}:{connection.settings_dict['NAME']}:{today}"
    hit = _stats_cache.get(key)
    if hit and time.monotonic() - hit[0] < 60:
        return hit[1], hit[2]
    with connection.cursor() as cur:
        cur.execute(
            "SELECT COALESCE(AVG(length), 1), COUNT(*) FROM publicity_publication WHERE status = %s AND expires_on >= %s",
            [PublicationStatus.PUBLISHED, today],
        )
        avg, n = cur.fetchone()
    _stats_cache.clear()
    _stats_cache[key] = (time.monotonic(), float(avg or 1), int(n))
    return float(avg or 1), int(n)


def clear_stats_cache() -> None:
    _stats_cache.clear()


def search(
    q: str,
    filters: SearchFilters,
    *,
    today: dt.date,
    sort: str = "date",
    offset: int = 0,
    limit: int = 20,
) -> SearchResult:
    """Ids of live publications matching every term of ``q`` and the filters, in the requested
    order (``date``: newest first; ``relevance``: BM25, then newest), and their total (capped at
    MAX_COUNT)."""
    terms = query_terms(q)
    where = ["p.status = %s", "p.expires_on >= %s"]
    params: list[Any] = [PublicationStatus.PUBLISHED, today]
    if filters.agency_id:
        where.append("p.agency_id = %s")
        params.append(filters.agency_id)
    if filters.region_path:
        where.append("p.region_path LIKE %s")
        params.append(filters.region_path + "%")
    if filters.kind:
        where.append("p.action_kind = %s")
        params.append(filters.kind)
    if filters.date_from:
        where.append("p.published_on >= %s")
        params.append(filters.date_from)
    if filters.date_to:
        where.append("p.published_on <= %s")
        params.append(filters.date_to)
    exists = "EXISTS (SELECT 1 FROM publicity_posting e WHERE e.token_id = %s AND e.publication_id = p.id)"
    joins: list[str] = []
    join_params: list[Any] = []
    token_where: list[str] = []
    token_params: list[Any] = []
    score = "0"
    driving: int | None = None
    others: list[int] = []
    if terms:
        wanted = sorted({t for term in terms for t in term_tokens(term)})
        rows = dict(SearchToken.objects.filter(text__in=wanted).values_list("text", "pk"))
        dfs = dict(SearchToken.objects.filter(text__in=wanted).values_list("text", "df"))
        if not wanted or len(rows) < len(wanted) or min(dfs.values()) <= 0:
            return SearchResult([], 0, False, terms)
        avgdl, n_live = _collection_stats(today)
        # A term longer than two characters is checked literally (LIKE below), so only its rarest
        # token needs to be joined; every token was looked up above (a missing one means no match).
        needed = {min(term_tokens(term), key=lambda t: (dfs[t], t)) for term in terms if term_tokens(term)}
        ordered = sorted(needed, key=lambda t: (dfs[t], t))
        driving, others = rows[ordered[0]], [rows[t] for t in ordered[1:]]
        common = dfs[ordered[0]] > max(COMMON_MIN, COMMON_SHARE * n_live)
        parts = []
        for i, tok in enumerate(ordered):
            idf = math.log(1 + (max(n_live, dfs[tok]) - dfs[tok] + 0.5) / (dfs[tok] + 0.5))
            if common and sort == "date":
                # Walk the publications newest first and check the postings: stops after a page.
                token_where.append(exists)
                token_params.append(rows[tok])
                continue
            joins.append(f"JOIN publicity_posting x{i} ON x{i}.publication_id = p.id AND x{i}.token_id = %s")
            join_params.append(rows[tok])
            parts.append(
                f"{idf:.6f} * (x{i}.tf * {K1 + 1:.2f}) / "
                f"(x{i}.tf + {K1:.2f} * ({1 - B:.2f} + {B:.2f} * p.length / {avgdl:.4f}))"
            )
        if parts:
            score = " + ".join(parts)
        for term in terms:
            # The literal phrase (bigrams can match in different places).
            if not (len(term) <= 2 and _CJK_RUN.fullmatch(term)):
                where.append("p.search_text LIKE %s")
                params.append("%" + term.replace("\\", "").replace("%", "").replace("_", "") + "%")
    from_sql = "FROM publicity_publication p " + " ".join(joins) + " WHERE " + " AND ".join(where + token_where)
    all_params = join_params + params + token_params
    order = "p.published_on DESC, p.id DESC"
    if terms and sort == "relevance":
        order = f"({score}) DESC, p.published_on DESC, p.id DESC"
    if driving is not None and not filters.agency_id:
        # Count from the rarest token's postings (CROSS JOIN keeps that order on SQLite), up to
        # MAX_COUNT + 1 matches; with an agency filter its index is the better start.
        count_sql = (
            "FROM publicity_posting c0 CROSS JOIN publicity_publication p WHERE c0.token_id = %s "
            "AND p.id = c0.publication_id AND " + " AND ".join(where + [exists] * len(others))
        )
        count_params = [driving, *params, *others]
    else:
        count_sql, count_params = from_sql, all_params
    with connection.cursor() as cur:
        cur.execute(f"SELECT p.id {from_sql} ORDER BY {order} LIMIT %s OFFSET %s", [*all_params, limit, offset])
        ids = [r[0] for r in cur.fetchall()]
        cur.execute(f"SELECT COUNT(*) FROM (SELECT 1 {count_sql} LIMIT {MAX_COUNT + 1}) c", count_params)
        total = cur.fetchone()[0]
    return SearchResult(ids, min(total, MAX_COUNT), total > MAX_COUNT, terms)


def like_scan(q: str, *, today: dt.date, limit: int = 20) -> list[int]:
    """The naive baseline the benchmark compares with: a LIKE scan of the text for every term."""
    terms = query_terms(q)
    where = ["status = %s", "expires_on >= %s"] + ["search_text LIKE %s" for _ in terms]
    params: list[Any] = [PublicationStatus.PUBLISHED, today] + [f"%{t}%" for t in terms]
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT id FROM publicity_publication WHERE {' AND '.join(where)} "
            "ORDER BY published_on DESC, id DESC LIMIT %s",
            [*params, limit],
        )
        ids = [r[0] for r in cur.fetchall()]
        cur.execute(f"SELECT COUNT(*) FROM publicity_publication WHERE {' AND '.join(where)}", params)
        cur.fetchone()
    return ids


# --- highlighting -------------------------------------------------------------------------------


def highlight(text: str, terms: list[str], *, snippet: int = 0) -> SafeString:
    """``text`` escaped with every occurrence of a term wrapped in <mark>; with ``snippet``, only
    about that many characters around the first match."""
    lowered = normalize(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        start = lowered.find(term)
        while start >= 0 and term:
            spans.append((start, start + len(term)))
            start = lowered.find(term, start + len(term))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    lo, hi = 0, len(text)
    if snippet:
        first = merged[0][0] if merged else 0
        lo = max(0, first - snippet // 3)
        hi = min(len(text), lo + snippet)
    out: list[str] = []
    pos = lo
    for s, e in merged:
        if e <= lo or s >= hi:
            continue
        s, e = max(s, lo), min(e, hi)
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(escape(text[pos:hi]))
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)
