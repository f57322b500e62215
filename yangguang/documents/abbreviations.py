"""The agency abbreviation (机关代字) derived from an agency's name: pure functions of the name (no
database), used by the services and by the migration that made abbreviations unique."""

from __future__ import annotations

import re

# Common short forms of agency kinds in document numbers; anything else falls back to two characters.
_AGENCY_SHORT: tuple[tuple[str, str], ...] = (
    ("市场监督管理局", "市监"),
    ("综合行政执法局", "综执"),
    ("城市管理局", "城管"),
    ("生态环境局", "环"),
    ("应急管理局", "应急"),
    ("交通运输局", "交"),
    ("自然资源和规划局", "资规"),
    ("自然资源局", "资"),
    ("卫生健康委员会", "卫健"),
    ("卫生健康局", "卫健"),
    ("文化广电旅游局", "文旅"),
    ("文化和旅游局", "文旅"),
    ("农业农村局", "农"),
    ("公安局", "公"),
    ("司法局", "司"),
    ("税务局", "税"),
    ("住房和城乡建设局", "建"),
    ("水利局", "水"),
    ("商务局", "商"),
    ("教育局", "教"),
    ("人力资源和社会保障局", "人社"),
    ("医疗保障局", "医保"),
    ("林业局", "林"),
)
# A place level (杭州市, 上城区, 浙江省, 某某街道); levels after the first are at least three characters
# so that 城市 in 杭州市城市某某中心 is not read as a place.
_LEVEL = re.compile(r".+?(?:自治区|自治州|自治县|省|市|县|区|旗|镇|乡|街道)")


def _place_levels(name: str) -> tuple[list[str], str]:
    """Split an agency name into its place levels and the rest: 杭州市上城区市场监督管理局 ->
    (["杭州市", "上城区"], "市场监督管理局"). A known agency kind at the end is taken off first, so the
    市 of 市场监督管理局 or 城市管理局 never counts as a place."""
    name = name.strip()
    suffix = next((s for s, _ in _AGENCY_SHORT if name.endswith(s) and len(name) > len(s)), "")
    place, rest = (name[: -len(suffix)], suffix) if suffix else (name, "")
    levels: list[str] = []
    while place:
        match = _LEVEL.match(place)
        if match is None or (levels and len(match.group(0)) < 3) or (not suffix and match.end() == len(place)):
            break
        levels.append(match.group(0))
        place = place[match.end() :]
    return levels, place + rest


def _short_kind(rest: str) -> str:
    return dict(_AGENCY_SHORT).get(rest, "")


def default_abbreviation(agency_name: str) -> str:
    """杭州市市场监督管理局 -> 杭市监, 杭州市上城区市场监督管理局 -> 杭上市监 (the district is kept, so a
    district bureau never takes its city bureau's numbers); unknown kinds fall back to place + two
    characters. A default only: the admin edits the real 机关代字 of each agency."""
    levels, rest = _place_levels(agency_name)
    place = "".join(level[:1] for level in levels)
    return place + (_short_kind(rest) or rest[: 2 if levels else 3])


def abbreviation_candidates(agency_name: str, agency_id: int) -> list[str]:
    """The 机关代字 an agency without one may take, in order: the default, then the last place level
    with two characters (杭上城市监), then the default with the agency's id; the first free one wins."""
    levels, rest = _place_levels(agency_name)
    first = default_abbreviation(agency_name)
    candidates = [first]
    if levels:
        longer = "".join(level[:1] for level in levels[:-1]) + levels[-1][:2]
        candidates.append(longer + (_short_kind(rest) or rest[:2]))
    candidates.append(f"{first}{agency_id}")
    return list(dict.fromkeys(c[:20] for c in candidates))


def first_level_abbreviation(agency_name: str) -> str:
    """The default before the district was kept (only the first place level: 杭州市上城区市场监督管理局
    -> 杭市监); migration 0004 recognizes the abbreviations it made."""
    levels, rest = _place_levels(agency_name)
    return (levels[0][:1] if levels else "") + (_short_kind(rest) or rest[: 2 if levels else 3])
