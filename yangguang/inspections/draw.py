"""The verifiable draw (可验证随机抽取) of random inspections: pure Python, standard library only.

This one file is the whole algorithm. The platform runs it to draw; ``tools/verify_draw.py`` loads
it by path (no Django, no Yangguang package) to recompute a published draw; the supervision app
may import ``select_strata`` to draw case files. It is handed out beside the published files.

A draw has two public moments:

1. **Commit** (before anyone can know the seed). The platform writes three snapshot files in a
   canonical form and a commitment naming them by SHA-256:

   - ``entities.tsv``: one line ``<credit code>\\t<stratum>`` per eligible entity, sorted;
   - ``inspectors.tsv``: one line ``<certificate no>\\t<agency credit code>`` per eligible
     inspector (valid certificate on the inspection date, categories covering the item), sorted;
   - ``conflicts.tsv``: one line per declared recusal (回避) pair, as the SHA-256 of
     ``conflict\\0<plan>\\0<certificate no>\\0<credit code>`` (the pair itself stays unpublished);

   plus the plan code, the quota of every stratum (ratio or count, floor, cap), the inspectors per
   agency and per entity, the agencies of a joint plan, and *which future public value will seed
   it* (a drand round, a lottery draw, a value drawn before a notary). The commitment's own
   SHA-256 goes into the ledger and onto the portal.

2. **Reveal**. Once the public value exists, it is entered as the seed, and everything else is
   determined (consistent sampling, cf. Rivest's consistent_sampler and RFC 3797):

   - every entity's ticket = SHA-256(``seed\\0plan\\0<credit code>``); in each stratum the
     ``quota`` lowest tickets win;
   - inspectors: every inspector's ticket = SHA-256(``seed\\0plan\\0inspector\\0<certificate
     no>``); each agency's inspectors stand in a queue in ticket order. Selected entities are
     served in ticket order; for each, every agency of the plan gives the first ``per_agency``
     of its queue, who go to its back; one in a recusal pair with the entity is passed over and
     keeps his place at the front. Workload is therefore spread evenly (the counts of any two
     inspectors of an agency differ by at most one, apart from recusals), and who goes where is
     as random as the seed.

Anyone holding the files and the seed gets the same result; a file with one line changed no
longer matches the committed hash.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import math
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

ALGORITHM = "yangguang-draw-v1"
ENTITIES_HEADER = f"# {ALGORITHM} entities: credit code, stratum\n"
INSPECTORS_HEADER = f"# {ALGORITHM} inspectors: certificate no, agency credit code\n"
CONFLICTS_HEADER = f"# {ALGORITHM} conflicts: sha256(conflict, plan, certificate no, credit code)\n"
RESULT_HEADER = f"# {ALGORITHM} result: stratum, credit code, ticket, inspectors\n"


class DrawError(Exception):
    """The draw cannot be made as committed (too few inspectors, a malformed file)."""


# --- quotas ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quota:
    """How many of a stratum to draw: ``ratio`` (a decimal string, e.g. "0.02") or ``count``, then
    at least ``floor`` and at most ``cap`` (None: no cap, as for key items 重点事项); never more
    than the stratum holds."""

    ratio: str | None = None
    count: int | None = None
    floor: int = 0
    cap: int | None = None

    def size(self, population: int) -> int:
        if self.count is not None:
            n = int(self.count)
        else:
            n = math.ceil(population * Fraction(self.ratio or "0"))
        n = max(n, int(self.floor))
        if self.cap is not None:
            n = min(n, int(self.cap))
        return max(0, min(n, population))

    def as_dict(self) -> dict[str, Any]:
        return {"ratio": self.ratio, "count": self.count, "floor": self.floor, "cap": self.cap}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Quota:
        return cls(
            ratio=None if data.get("ratio") in (None, "") else str(data["ratio"]),
            count=None if data.get("count") in (None, "") else int(data["count"]),
            floor=int(data.get("floor") or 0),
            cap=None if data.get("cap") in (None, "") else int(data["cap"]),
        )


# --- canonical files ----------------------------------------------------------------------------


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _check_field(value: str) -> str:
    if not value or any(ch.isspace() or ch == "\0" for ch in value):
        raise DrawError(f"字段为空或含空白字符：{value!r}")
    return value


def entities_file(rows: Iterable[tuple[str, str]]) -> bytes:
    """``entities.tsv`` from (credit code, stratum) pairs: sorted by stratum then credit code, one
    per line, no duplicates."""
    lines = sorted({(_check_field(stratum), _check_field(code)) for code, stratum in rows})
    return (ENTITIES_HEADER + "".join(f"{c}\t{s}\n" for s, c in lines)).encode()


def inspectors_file(rows: Iterable[tuple[str, str]]) -> bytes:
    """``inspectors.tsv`` from (certificate no, agency credit code) pairs, sorted by agency then
    certificate number."""
    lines = sorted({(_check_field(agency), _check_field(cert)) for cert, agency in rows})
    return (INSPECTORS_HEADER + "".join(f"{c}\t{a}\n" for a, c in lines)).encode()


def conflict_hash(plan: str, certificate_no: str, credit_code: str) -> str:
    return sha256_hex(f"conflict\0{plan}\0{certificate_no}\0{credit_code}".encode())


def conflicts_file(plan: str, pairs: Iterable[tuple[str, str]]) -> bytes:
    """``conflicts.tsv`` from (certificate no, credit code) recusal pairs, each hashed."""
    lines = sorted({conflict_hash(plan, cert, code) for cert, code in pairs})
    return (CONFLICTS_HEADER + "".join(f"{h}\n" for h in lines)).encode()


def _pairs(data: bytes, header: str) -> tuple[list[bytes], list[bytes]]:
    """The two columns of a file (bytes), checked to be in canonical order."""
    if not data.startswith(header.encode()):
        raise DrawError(f"文件头不符：应为 {header.strip()!r}")
    body = data[len(header.encode()) :]
    if body and not body.endswith(b"\n"):
        raise DrawError("文件应以换行结束")
    tokens = body.split()
    if len(tokens) % 2 or body.count(b"\n") * 2 != len(tokens):
        raise DrawError("文件每行应有两列（以制表符分隔）")
    first, second = tokens[0::2], tokens[1::2]
    return first, second


def _grouped(keys: list[bytes], values: list[bytes]) -> dict[str, list[bytes]]:
    """``values`` grouped by ``keys``; each key's lines must be contiguous (the canonical files
    are sorted by key). Every check runs in C: a million lines take a fraction of a second. (An
    entity listed twice would have two chances: ``run_draw`` refuses a selection holding one twice.)"""
    out: dict[str, list[bytes]] = {}
    for key in sorted(set(keys)):
        i = keys.index(key)
        j = i + keys.count(key)
        if keys[i:j].count(key) != j - i:
            raise DrawError("文件未按规范排序")
        out[key.decode()] = values[i:j]
    return out


def parse_entities(data: bytes) -> dict[str, list[bytes]]:
    """Credit codes (bytes) by stratum, in file order."""
    codes, strata = _pairs(data, ENTITIES_HEADER)
    return _grouped(strata, codes)


def parse_inspectors(data: bytes) -> dict[str, list[bytes]]:
    """Certificate numbers (bytes) by agency credit code, in file order (each listed once)."""
    certs, agencies = _pairs(data, INSPECTORS_HEADER)
    if len(set(certs)) != len(certs):
        raise DrawError("文件中有重复行：同一检查人员被列入两次")
    return _grouped(agencies, certs)


def parse_conflicts(data: bytes) -> set[bytes]:
    """The recusal pair hashes as raw digests."""
    if not data.startswith(CONFLICTS_HEADER.encode()):
        raise DrawError(f"文件头不符：应为 {CONFLICTS_HEADER.strip()!r}")
    try:
        return {bytes.fromhex(h) for h in data[len(CONFLICTS_HEADER.encode()) :].decode().split()}
    except ValueError as exc:
        raise DrawError("回避文件中有非十六进制的行") from exc


# --- the commitment ----------------------------------------------------------------------------


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


@dataclass
class Commitment:
    """What is fixed before the seed is known; ``digest`` is what the ledger and the portal show."""

    plan: str
    entities_sha256: str
    inspectors_sha256: str
    conflicts_sha256: str
    quotas: dict[str, Quota]
    agencies: list[str]
    per_agency: int
    seed_source: str
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "algorithm": ALGORITHM,
            "plan": self.plan,
            "entities_sha256": self.entities_sha256,
            "inspectors_sha256": self.inspectors_sha256,
            "conflicts_sha256": self.conflicts_sha256,
            "quotas": {k: q.as_dict() for k, q in sorted(self.quotas.items())},
            "agencies": list(self.agencies),
            "per_agency": self.per_agency,
            "seed_source": self.seed_source,
            "extra": self.extra,
        }

    def to_json(self) -> bytes:
        return canonical_json(self.as_dict())

    @property
    def digest(self) -> str:
        return sha256_hex(self.to_json())

    @classmethod
    def from_json(cls, data: bytes | str) -> Commitment:
        d = json.loads(data)
        if d.get("algorithm") != ALGORITHM:
            raise DrawError(f"不支持的抽取算法：{d.get('algorithm')!r}")
        return cls(
            plan=d["plan"],
            entities_sha256=d["entities_sha256"],
            inspectors_sha256=d["inspectors_sha256"],
            conflicts_sha256=d["conflicts_sha256"],
            quotas={k: Quota.from_dict(v) for k, v in d["quotas"].items()},
            agencies=list(d["agencies"]),
            per_agency=int(d["per_agency"]),
            seed_source=d["seed_source"],
            extra=dict(d.get("extra") or {}),
        )


def make_commitment(
    *,
    plan: str,
    entities: bytes,
    inspectors: bytes,
    conflicts: bytes,
    quotas: Mapping[str, Quota],
    agencies: Sequence[str],
    per_agency: int,
    seed_source: str,
    extra: Mapping[str, Any] | None = None,
) -> Commitment:
    return Commitment(
        plan=plan,
        entities_sha256=sha256_hex(entities),
        inspectors_sha256=sha256_hex(inspectors),
        conflicts_sha256=sha256_hex(conflicts),
        quotas=dict(quotas),
        agencies=list(agencies),
        per_agency=int(per_agency),
        seed_source=seed_source,
        extra=dict(extra or {}),
    )


# --- the selection -----------------------------------------------------------------------------


def tickets(seed: str, label: str, ids: Iterable[bytes]) -> list[bytes]:
    """SHA-256(seed\\0label\\0id) followed by the id itself, for every id (bytes): sorting these
    sorts by ticket, and the id is ``t[32:]``."""
    prefix = f"{seed}\0{label}\0".encode()
    sha = hashlib.sha256
    return [sha(prefix + ident).digest() + ident for ident in ids]


def select_strata(
    seed: str, label: str, strata: Mapping[str, Sequence[bytes]], sizes: Mapping[str, int]
) -> dict[str, list[bytes]]:
    """Consistent sampling per stratum: the ``sizes[stratum]`` lowest tickets (as ``tickets``
    returns them), lowest first. Pure and reusable (case-file evaluation draws case numbers the
    same way: ids as UTF-8 bytes)."""
    out: dict[str, list[bytes]] = {}
    for stratum in sorted(strata):
        n = int(sizes.get(stratum, 0))
        if n <= 0:
            out[stratum] = []
            continue
        ts = tickets(seed, label, strata[stratum])
        out[stratum] = heapq.nsmallest(n, ts) if n * 8 < len(ts) else sorted(ts)[:n]
    return out


@dataclass
class Selected:
    stratum: str
    credit_code: str
    ticket: str  # hex
    inspectors: list[str]  # certificate numbers, by agency in plan order, then by pick


@dataclass
class Result:
    commitment_digest: str
    seed: str
    population: dict[str, int]
    sizes: dict[str, int]
    selected: list[Selected]

    def to_file(self) -> bytes:
        lines = [RESULT_HEADER]
        for s in self.selected:
            lines.append(f"{s.stratum}\t{s.credit_code}\t{s.ticket}\t{','.join(s.inspectors)}\n")
        return "".join(lines).encode()

    @property
    def digest(self) -> str:
        return sha256_hex(self.to_file())


def assign_inspectors(
    *,
    seed: str,
    plan: str,
    order: Sequence[bytes],
    pools: Mapping[str, Sequence[bytes]],
    agencies: Sequence[str],
    per_agency: int,
    conflicts: set[bytes],
) -> list[list[str]]:
    """Inspectors of every entity in ``order`` (credit codes, bytes), in that order. Per agency,
    its inspectors stand in a queue in ticket order; each entity takes the first ``per_agency`` of
    the queue, who then go to its back; one who must recuse (回避) for the entity is passed over
    and keeps his place at the front. Raises ``DrawError`` when an agency cannot field enough
    inspectors free of conflict for an entity."""
    queues: list[deque[bytes]] = []
    names: dict[bytes, str] = {}
    for agency in agencies:
        pool = pools.get(agency, [])
        if len(pool) < per_agency:
            raise DrawError(f"执法主体 {agency} 的合格检查人员不足 {per_agency} 名（仅 {len(pool)} 名）")
        queues.append(deque(t[32:] for t in sorted(tickets(seed, f"{plan}\0inspector", pool))))
        names.update((cert, cert.decode()) for cert in pool)
    conflict_prefix = f"conflict\0{plan}\0".encode()
    sha = hashlib.sha256
    out: list[list[str]] = []
    for code in order:
        crew: list[str] = []
        suffix = b"\0" + code
        for agency, queue in zip(agencies, queues, strict=True):
            need = per_agency
            limit = len(queue)  # never pop one already taken for this entity (they go to the back)
            passed: list[bytes] = []
            while need and limit:
                cert = queue.popleft()
                limit -= 1
                if conflicts and sha(conflict_prefix + cert + suffix).digest() in conflicts:
                    passed.append(cert)
                    continue
                queue.append(cert)
                crew.append(names[cert])
                need -= 1
            if passed:
                queue.extendleft(reversed(passed))
            if need:
                raise DrawError(f"执法主体 {agency} 没有足够的无回避情形的检查人员检查 {code.decode()}")
        out.append(crew)
    return out


def run_draw(*, commitment: Commitment, seed: str, entities: bytes, inspectors: bytes, conflicts: bytes) -> Result:
    """The draw: check the files against the commitment, select entities, assign inspectors."""
    for name, data, expected in (
        ("entities.tsv", entities, commitment.entities_sha256),
        ("inspectors.tsv", inspectors, commitment.inspectors_sha256),
        ("conflicts.tsv", conflicts, commitment.conflicts_sha256),
    ):
        if sha256_hex(data) != expected:
            raise DrawError(f"{name} 与承诺的哈希不符（{sha256_hex(data)} ≠ {expected}）")
    if not seed or any(ch in seed for ch in "\0\n\r"):
        raise DrawError("随机种子为空或含非法字符")
    strata = parse_entities(entities)
    population = {s: len(strata.get(s, [])) for s in sorted(set(strata) | set(commitment.quotas))}
    sizes = {s: commitment.quotas[s].size(n) if s in commitment.quotas else 0 for s, n in population.items()}
    chosen = select_strata(seed, commitment.plan, strata, sizes)
    picked = sorted((t, stratum) for stratum, rows in chosen.items() for t in rows)
    if len({t for t, _s in picked}) != len(picked):
        raise DrawError("文件中有重复行：同一市场主体被列入两次")
    crews = assign_inspectors(
        seed=seed,
        plan=commitment.plan,
        order=[t[32:] for t, _s in picked],
        pools=parse_inspectors(inspectors),
        agencies=commitment.agencies,
        per_agency=commitment.per_agency,
        conflicts=parse_conflicts(conflicts),
    )
    selected = [
        Selected(stratum, t[32:].decode(), t[:32].hex(), crew) for (t, stratum), crew in zip(picked, crews, strict=True)
    ]
    return Result(commitment.digest, seed, population, sizes, selected)


# --- verification (``python draw.py DIR`` or ``python tools/verify_draw.py DIR``) ---------------

FILES = ("commitment.json", "entities.tsv", "inspectors.tsv", "conflicts.tsv")


def verify(directory: str, *, seed: str | None = None, commitment_sha256: str | None = None) -> list[str]:
    """Recompute the draw published in ``directory`` (commitment.json, the three snapshots,
    seed.txt unless ``seed`` is given, result.tsv) and return the problems (empty: it verifies).
    ``commitment_sha256`` is the digest shown in the ledger or on the portal, when at hand."""
    from pathlib import Path

    base = Path(directory)
    problems: list[str] = []
    missing = [n for n in FILES if not (base / n).is_file()]
    if missing:
        return [f"缺少文件：{'、'.join(missing)}"]
    raw = (base / "commitment.json").read_bytes()
    commitment = Commitment.from_json(raw)
    if commitment.to_json() != raw.strip():
        problems.append("commitment.json 不是规范格式")
    if commitment_sha256 and commitment.digest != commitment_sha256.lower():
        problems.append(f"承诺哈希不符：文件为 {commitment.digest}，公布为 {commitment_sha256}")
    if seed is None:
        seed_path = base / "seed.txt"
        if not seed_path.is_file():
            return [*problems, "缺少随机种子（seed.txt 或 --seed）"]
        seed = seed_path.read_text(encoding="utf-8").strip()
    try:
        result = run_draw(
            commitment=commitment,
            seed=seed,
            entities=(base / "entities.tsv").read_bytes(),
            inspectors=(base / "inspectors.tsv").read_bytes(),
            conflicts=(base / "conflicts.tsv").read_bytes(),
        )
    except DrawError as exc:
        return [*problems, str(exc)]
    published = base / "result.tsv"
    if published.is_file() and published.read_bytes() != result.to_file():
        problems.append(f"公布的抽取结果与重新计算的不符（重新计算的结果哈希 {result.digest}）")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    import argparse
    import sys

    parser = argparse.ArgumentParser(description="重新计算并核验一次公开的随机抽取（双随机）")
    parser.add_argument("directory", help="下载的抽取文件所在目录")
    parser.add_argument("--seed", help="随机种子（默认读 seed.txt）")
    parser.add_argument("--commitment-sha256", help="账本或公示平台上公布的承诺哈希")
    args = parser.parse_args(argv)
    problems = verify(args.directory, seed=args.seed, commitment_sha256=args.commitment_sha256)
    if problems:
        for p in problems:
            print(f"不通过：{p}", file=sys.stderr)
        return 1
    raw = open(f"{args.directory}/commitment.json", "rb").read()
    print(f"通过：承诺哈希 {sha256_hex(raw.strip())}，抽取结果与公布的一致")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
