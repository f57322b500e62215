"""Full-text search over published decisions, the same on SQLite and PostgreSQL.

Chinese has no spaces, so the index is an inverted index of character n-grams kept in two ordinary
tables (``SearchToken``, ``Posting``): every CJK character (unigram) and every two adjacent CJK
characters (bigram), and every latin/digit word lowercased. A query term of one character looks up
its unigram; a longer term looks up all its bigrams (every posting list must contain the
publication), and the literal term is then checked in the stored ``search_text`` (``LIKE``), so a
phrase matches only where it really occurs. Scoring is BM25 over the query's tokens. Nothing here
uses FTS5 or tsvector, so both databases return the same rows in the same order.

Speed at a million decisions comes from never reading a whole posting list: postings carry the
publication's date, agency and county and are indexed by (token, date, publication), (token,
agency, date, publication) and (token, county, date, publication), so a search walks its rarest
token's postings (of the agency or county, if filtered) newest first, checks the other tokens with
one index lookup each, and stops after the page; the count stops at MAX_COUNT + 1, relevance ranks
the newest MAX_COUNT matches, and a walk covers at most the newest WALK_LIMIT postings (the page
says so when that cut the results short).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from yangguang.roster.models import Region, RegionLevel

from .models import Posting, Publication, PublicationStatus, SearchToken

_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[0-9a-z]+")
_TERM_SPLIT = re.compile(r"[\s,，;；、。:：\"“”'‘’()（）]+")
K1, B = 1.2, 0.75
MAX_COUNT = 1_000
# The longest list a search walks (see search()): bounds the work of a query whose every term is
# common but which matches rarely (two frequent words that seldom occur together). Each walked
# posting costs an index probe per other term (about 2 µs on PostgreSQL), so 5,000 keeps such a
# query near 10 ms of database time; a page and the capped count still fill within it whenever
# at least one in five walked decisions matches.
WALK_LIMIT = 5_000


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


def _county(region_path: str) -> tuple[int, str] | None:
    """(id, path) of the county-level region (县级) on a materialized region path: the region itself
    or the county its township lies in; None for a city or province (or an unknown path)."""
    codes = [c for c in region_path.split("/") if c]
    if not codes:
        return None
    return Region.objects.filter(code__in=codes, level=RegionLevel.COUNTY).values_list("pk", "path").first()


def county_of(region_path: str) -> int | None:
    """The id of the county-level region on ``region_path`` (see _county)."""
    county = _county(region_path)
    return county[0] if county else None


def index_publication(pub: Publication) -> None:
    """(Re)index ``pub``'s public text; runs in the caller's transaction. Only published
    publications are indexed (the postings carry their publication date)."""
    assert pub.published_on is not None, "index_publication needs a published publication"
    unindex_publication(pub)
    text = f"{pub.title}\n{pub.party_label}\n{pub.number}\n{pub.redacted_text}"
    counts = tokens_of(text)
    ids = _token_ids(sorted(counts))
    county = county_of(pub.region_path)
    Posting.objects.bulk_create(
        [
            Posting(
                token_id=ids[t],
                publication_id=pub.pk,
                published_on=pub.published_on,
                agency_id=pub.agency_id,
                county_id=county,
                tf=n,
            )
            for t, n in counts.items()
        ],
        batch_size=500,
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
    # Sorted by relevance with more than MAX_COUNT matches: the newest MAX_COUNT were ranked.
    ranked_newest: bool = False
    # The walk was bounded (see WALK_LIMIT) and did not fill the count: only publications of this
    # day and later were searched.
    searched_since: dt.date | None = None


_stats_cache: dict[str, tuple[float, Any]] = {}
STATS_SECONDS = 60


def _cached(key: str, compute: Any) -> Any:
    """``compute()``, cached for a minute per database (collection statistics change slowly and
    only steer ranking and the choice of plan, never which rows match)."""
    key = f"{connection.alias}:{connection.settings_dict['NAME']}:{key}"
    hit = _stats_cache.get(key)
    if hit and time.monotonic() - hit[0] < STATS_SECONDS:
        return hit[1]
    if len(_stats_cache) > 10_000:
        _stats_cache.clear()
    value = compute()
    _stats_cache[key] = (time.monotonic(), value)
    return value


def _scalar(sql: str, params: list[Any]) -> Any:
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchone()


def _collection_stats(today: dt.date) -> tuple[float, int]:
    """(average length, live count) of the publications in public view."""
    avg, n = _cached(
        f"stats:{today}",
        lambda: _scalar(
            "SELECT COALESCE(AVG(length), 1), COUNT(*) FROM publicity_publication WHERE status = %s AND expires_on >= %s",
            [PublicationStatus.PUBLISHED, today],
        ),
    )
    return float(avg or 1), int(n)


def clear_stats_cache() -> None:
    _stats_cache.clear()


def _walk_cutoff(head: list[str], params: list[Any]) -> dt.date | None:
    """The publication date of the WALK_LIMIT-th newest posting the walk would visit (``head``:
    its conditions on ``d``), or None if there are fewer; cached like the statistics."""
    sql = (
        f"SELECT d.published_on FROM publicity_posting d WHERE {' AND '.join(head)} "
        "ORDER BY d.published_on DESC, d.publication_id DESC LIMIT 1 OFFSET %s"
    )
    row = _cached(f"cutoff:{sql}:{params}", lambda: _scalar(sql, [*params, WALK_LIMIT]))
    if not row:
        return None
    value = row[0]
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


_PROBE = (
    # One lookup in the unique (token, date, publication) index, per walked posting.
    "EXISTS (SELECT 1 FROM publicity_posting e WHERE e.token_id = %s "
    "AND e.published_on = d.published_on AND e.publication_id = d.publication_id)"
)


@contextmanager
def _nested_loops() -> Iterator[None]:
    """On PostgreSQL, plan the walk as written: nested loops over index scans, no parallel workers.
    The queries below are walks that stop after a page; the planner cannot know how soon matches
    come (the tokens of a decision are correlated) and otherwise picks hash joins that read whole
    posting lists. SET LOCAL ends with the transaction. On SQLite nothing is opened: every
    transaction there starts IMMEDIATE (it takes the write lock), and a search must never make the
    writers wait; its reads run in autocommit, each statement a consistent WAL snapshot."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cur:
            cur.execute(
                "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; "
                "SET LOCAL enable_bitmapscan = off; SET LOCAL max_parallel_workers_per_gather = 0"
            )
        yield


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
    order (``date``: newest first; ``relevance``: BM25, then newest, over the newest MAX_COUNT
    matches), and their total (capped at MAX_COUNT)."""
    terms = query_terms(q)
    where = ["p.status = %s", "p.expires_on >= %s"]
    params: list[Any] = [PublicationStatus.PUBLISHED, today]
    if filters.region_path:
        where.append("p.region_path LIKE %s")
        params.append(filters.region_path + "%")
    if filters.kind:
        where.append("p.action_kind = %s")
        params.append(filters.kind)
    date_where: list[str] = []
    date_params: list[Any] = []
    if filters.date_from:
        date_where.append("{t}.published_on >= %s")
        date_params.append(filters.date_from)
    if filters.date_to:
        date_where.append("{t}.published_on <= %s")
        date_params.append(filters.date_to)
    if not terms:
        agency = ["p.agency_id = %s"] if filters.agency_id else []
        from_sql = "FROM publicity_publication p WHERE " + " AND ".join(
            agency + where + [w.format(t="p") for w in date_where]
        )
        agency_params = [filters.agency_id] if filters.agency_id else []
        return _run(
            from_sql, [*agency_params, *params, *date_params], "p.published_on DESC, p.id DESC", offset, limit, terms
        )

    wanted = sorted({t for term in terms for t in term_tokens(term)})
    found = {
        text: (pk, df) for text, pk, df in SearchToken.objects.filter(text__in=wanted).values_list("text", "pk", "df")
    }
    if not wanted or len(found) < len(wanted) or min(df for _, df in found.values()) <= 0:
        return SearchResult([], 0, False, terms)
    # A term longer than two characters is checked literally (LIKE below), so only its rarest token
    # needs to be looked up in the index; every token was found above (a missing one: no match).
    needed = {min(term_tokens(term), key=lambda t: (found[t][1], t)) for term in terms if term_tokens(term)}
    ordered = sorted(needed, key=lambda t: (found[t][1], t))
    driving, others = found[ordered[0]], [found[t][0] for t in ordered[1:]]
    literal: list[str] = []
    literal_params: list[Any] = []
    for term in terms:
        # The literal phrase (its bigrams can match in different places).
        if not (len(term) <= 2 and _CJK_RUN.fullmatch(term)):
            literal.append("p.search_text LIKE %s")
            literal_params.append("%" + term.replace("\\", "").replace("%", "").replace("_", "") + "%")
    # A bounded walk: when the walked list is long (every term common), only its newest WALK_LIMIT
    # entries are searched. That changes nothing while a page and the capped count fill inside
    # them (the usual case: common words match often); when they do not, the result says from
    # which day on it searched, and a date range reaches further back.
    # The rarest token's postings newest first — of the agency, if filtered: the exact
    # intersection, from (token, agency, date, publication). CROSS JOIN keeps the postings as the
    # outer loop on SQLite; _nested_loops() does the same on PostgreSQL.
    head = ["d.token_id = %s", *[w.format(t="d") for w in date_where]]
    head_params: list[Any] = [driving[0], *date_params]
    county: tuple[int, str] | None = None
    if filters.agency_id:
        head.append("d.agency_id = %s")
        head_params.append(filters.agency_id)
    elif filters.region_path and (county := _county(filters.region_path)):
        # A county or township: walk the county's postings, (token, county, date, publication); a
        # township is then narrowed by the region path below like any region.
        head.append("d.county_id = %s")
        head_params.append(county[0])
    cutoff = _walk_cutoff(head, head_params) if driving[1] > WALK_LIMIT else None
    if cutoff:
        head.append("d.published_on >= %s")
        head_params.append(cutoff)
    from_sql = "FROM publicity_posting d CROSS JOIN publicity_publication p WHERE " + " AND ".join(
        [*head, "p.id = d.publication_id"] + where + literal + [_PROBE] * len(others)
    )
    all_params = [*head_params, *params, *literal_params, *others]
    order = "d.published_on DESC, d.publication_id DESC"
    if sort != "relevance":
        result = _run(from_sql, all_params, order, offset, limit, terms)
        result.searched_since = cutoff if cutoff and not result.total_capped else None
        return result

    return _ranked(
        from_sql,
        all_params,
        order,
        today=today,
        found=found,
        ordered=ordered,
        walk_matches=(
            not others
            and not literal
            and not filters.kind
            and (not filters.region_path or (county is not None and county[1] == filters.region_path))
        ),
        cutoff=cutoff,
        offset=offset,
        limit=limit,
        terms=terms,
    )


def _ranked(
    from_sql: str,
    all_params: list[Any],
    order: str,
    *,
    today: dt.date,
    found: dict[str, tuple[int, int]],
    ordered: list[str],
    walk_matches: bool,
    cutoff: dt.date | None,
    offset: int,
    limit: int,
    terms: list[str],
) -> SearchResult:
    """Relevance: BM25 over the query's looked-up tokens (``ordered``, rarest first; ``found``:
    token -> (id, df)), computed for the newest MAX_COUNT matches (the rows the count walks anyway),
    so the cost stays bounded however common the words are. The score is computed here from the
    term frequencies, so both databases rank identically. ``walk_matches``: every walked posting
    matches (one token, no condition on the text or kind, no region narrower than the walked
    county), so the walked posting's own tf is read."""
    driving, others = found[ordered[0]], [found[t][0] for t in ordered[1:]]
    avgdl, n_live = _collection_stats(today)
    idfs = [math.log(1 + (max(n_live, found[t][1]) - found[t][1] + 0.5) / (found[t][1] + 0.5)) for t in ordered]
    # Term frequencies are looked up for the matches only: reading d.tf turns PostgreSQL's
    # index-only walk into one that also reads every walked posting row, which pays only when
    # (nearly) every walked posting matches. Otherwise each matched tf is one index lookup.
    lookup = (
        "(SELECT e.tf FROM publicity_posting e WHERE e.token_id = %s AND e.published_on = d.published_on "
        "AND e.publication_id = d.publication_id)"
    )
    tfs = ["d.tf" if walk_matches else lookup] + [lookup] * len(others)
    tf_params = ([] if walk_matches else [driving[0]]) + others
    sql = f"SELECT {', '.join(['p.id', 'd.published_on', 'p.length', *tfs])} {from_sql}"
    with _nested_loops(), connection.cursor() as cur:
        cur.execute(f"{sql} ORDER BY {order} LIMIT {MAX_COUNT + 1}", [*tf_params, *all_params])
        rows = cur.fetchall()
    capped = len(rows) > MAX_COUNT
    scored = []
    for pk, day, dl, *row_tfs in rows[:MAX_COUNT]:
        norm = K1 * (1 - B + B * dl / avgdl)
        score = sum(idf * tf * (K1 + 1) / (tf + norm) for idf, tf in zip(idfs, row_tfs, strict=True))
        scored.append((round(score, 9), str(day), pk))
    scored.sort(reverse=True)  # best first; ties newest first (ISO dates sort as text)
    ids = [pk for _, _, pk in scored[offset : offset + limit]]
    return SearchResult(
        ids, min(len(rows), MAX_COUNT), capped, terms, ranked_newest=capped, searched_since=None if capped else cutoff
    )


def _run(from_sql: str, params: list[Any], order: str, offset: int, limit: int, terms: list[str]) -> SearchResult:
    """The page and the (capped) count from one walk: the first MAX_COUNT + 1 matches in order."""
    with _nested_loops(), connection.cursor() as cur:
        cur.execute(f"SELECT p.id {from_sql} ORDER BY {order} LIMIT {MAX_COUNT + 1}", params)
        ids = [r[0] for r in cur.fetchall()]
    total = len(ids)
    return SearchResult(ids[offset : offset + limit], min(total, MAX_COUNT), total > MAX_COUNT, terms)


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
    # Plain text and <mark>ed matches alternate; format_html_join escapes every piece.
    pieces: list[tuple[str, str]] = []
    pos = lo
    for s, e in merged:
        if e <= lo or s >= hi:
            continue
        s, e = max(s, lo), min(e, hi)
        pieces.append((text[pos:s], text[s:e]))
        pos = e
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    marked = format_html_join("", "{}<mark>{}</mark>", pieces)
    return format_html("{}{}{}{}", prefix, marked, text[pos:hi], suffix)
