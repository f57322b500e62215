"""Checks after the scan: checkpoint signatures, witnesses' cosignatures, coverage of old entries,
consistency with trusted checkpoints, and the caveats of what the database alone cannot show."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from django.conf import settings
from django.db import connection
from django.utils import timezone

from yangguang.ledger import keys
from yangguang.ledger.models import Checkpoint, CheckpointFormat, Cosignature
from yangguang.ledger.verifier import (
    CHECKPOINT_LOG,
    NoteError,
    NoteVerifier,
    TrustedCheckpoint,
    parse_checkpoint_text,
    parse_signature_line,
    verify_note,
    verify_signature,
)
from yangguang.ledger.witnessing import configured_witnesses

from .report import Problem, VerifyReport


def _unhex(value: str) -> bytes:
    try:
        return bytes.fromhex(value)
    except ValueError:
        return b""


def _chain_verifiers(chain: keys.KeyChain, origin: str) -> dict[str, NoteVerifier]:
    return {key.fingerprint: NoteVerifier(origin, key.algorithm, key.public_key) for key, _ in chain.links}


def _check_signatures(checkpoints: list[Checkpoint], report: VerifyReport, chain: keys.KeyChain) -> list[Checkpoint]:
    """Check every checkpoint against the key the chain names for its size; return those that hold."""
    origin = str(settings.LEDGER_ORIGIN)
    verifiers = _chain_verifiers(chain, origin)
    pinned = chain.pinned()
    previous: Checkpoint | None = None
    good: list[Checkpoint] = []
    for cp in checkpoints:
        label = f"检查点 {cp.tree_size} "
        expected = chain.key_for_size(cp.tree_size)
        problem = None
        if expected is None or cp.key_fingerprint != expected.fingerprint or pinned is False:
            if pinned is False:
                problem = Problem("checkpoint_unknown_key", f"{label}不是用固定公钥（YG_LEDGER_KEY_FINGERPRINT）签署的")
            else:
                problem = Problem("checkpoint_unknown_key", f"{label}不是用本日志的签名密钥签署的")
        elif cp.format == CheckpointFormat.NOTE:
            problem = _check_note_checkpoint(cp, verifiers[expected.fingerprint], origin, report.hash_alg, label)
        else:
            problem = _check_json_checkpoint(cp, expected, report.hash_alg, label)
        if problem is None and previous is not None and cp.created_at < previous.created_at:
            problem = Problem("checkpoint_order", f"{label}的时间早于前一个检查点")
        if problem is None:
            good.append(cp)
        else:
            report.problems.append(problem)
        previous = cp
    return good


def _check_note_checkpoint(
    cp: Checkpoint, verifier: NoteVerifier, origin: str, hash_alg: str, label: str
) -> Problem | None:
    try:
        signature = parse_signature_line(f"— {verifier.name} {cp.signature}\n")
        body = parse_checkpoint_text(cp.body)
    except NoteError:
        return Problem("checkpoint_invalid", f"{label}的签名内容无法解析")
    if signature.key_id != verifier.key_id or verifier.verify(cp.body.encode(), signature.signature) is None:
        return Problem("checkpoint_signature_invalid", f"{label}的签名无效")
    if body.origin != origin:
        return Problem("checkpoint_origin", f"{label}属于另一个日志（{body.origin}，本日志为 {origin}）")
    if body.size != cp.tree_size or body.root.hex() != cp.root or cp.hash_alg != hash_alg:
        return Problem("checkpoint_mismatch", f"{label}的字段与签名内容不一致")
    return None


def _check_json_checkpoint(cp: Checkpoint, key: keys.PublicKey, hash_alg: str, label: str) -> Problem | None:
    try:
        body = json.loads(cp.body)
    except ValueError:
        return Problem("checkpoint_invalid", f"{label}的签名内容无法解析")
    if body.get("key") != key.fingerprint:
        return Problem("checkpoint_unknown_key", f"{label}不是用本日志的签名密钥签署的")
    if not verify_signature(cp.sig_alg, key.public_key, cp.body.encode(), _unhex(cp.signature)):
        return Problem("checkpoint_signature_invalid", f"{label}的签名无效")
    if (
        body.get("log") != CHECKPOINT_LOG
        or body.get("size") != cp.tree_size
        or body.get("root") != cp.root
        or body.get("hash") != cp.hash_alg
        or body.get("sig") != cp.sig_alg
        or cp.hash_alg != hash_alg
    ):
        return Problem("checkpoint_mismatch", f"{label}的字段与签名内容不一致")
    return None


def _check_cosignatures(report: VerifyReport, checkpoints: list[Checkpoint]) -> None:
    """Each stored cosignature of a configured witness must verify; the witnessed size is the
    largest valid checkpoint cosigned by a quorum of them."""
    witnesses = {(v.name, v.key_id.hex()): v for _url, v in configured_witnesses()}
    if not witnesses:
        return
    quorum = max(1, int(settings.LEDGER_WITNESS_QUORUM))
    by_pk = {cp.pk: cp for cp in checkpoints if cp.tree_size <= report.entries}
    counts: dict[int, set[str]] = {}
    for cosig in Cosignature.objects.filter(checkpoint_id__in=list(by_pk)).order_by("checkpoint_id"):
        verifier = witnesses.get((cosig.witness, cosig.key_id))
        if verifier is None:
            continue
        cp = by_pk[cosig.checkpoint_id]
        try:
            sig = parse_signature_line(cosig.line.rstrip("\n") + "\n")
            ok = sig.key_id == verifier.key_id and verifier.verify(cp.body.encode(), sig.signature) is not None
        except NoteError:
            ok = False
        if not ok:
            report.problems.append(
                Problem("cosignature_invalid", f"检查点 {cp.tree_size} 上见证人 {cosig.witness} 的联署无效")
            )
            continue
        counts.setdefault(cp.tree_size, set()).add(cosig.witness)
    report.witnessed = max((size for size, names in counts.items() if len(names) >= quorum), default=0)


def _entry_time(seq: int) -> dt.datetime | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT canonical FROM ledger_entry WHERE seq = %s", [seq])
        row = cursor.fetchone()
    if row is None:
        return None
    try:
        stamp = json.loads(row[0])["time"]
        return dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
    except (ValueError, KeyError, TypeError):
        return None


def _check_coverage(report: VerifyReport, now: dt.datetime, first_pending: int | None = None) -> None:
    """Every entry older than the checkpoint interval must be covered by a valid checkpoint (and,
    with witnesses configured, by a cosigned one): the oldest uncovered entry decides."""
    interval = float(settings.LEDGER_CHECKPOINT_INTERVAL)
    cutoff = now - dt.timedelta(seconds=interval)
    if first_pending is not None:
        moment = _entry_time(int(first_pending))
        if moment is not None and moment < cutoff:
            report.problems.append(
                Problem(
                    "not_integrated",
                    f"第 {first_pending} 条记录（{timezone.localtime(moment):%Y-%m-%d %H:%M:%S}）超过 {interval:g} 秒"
                    "仍未并入默克尔树：有事务长时间未结束，或整合中断",
                    int(first_pending),
                )
            )
    if report.entries > report.covered:
        moment = _entry_time(report.covered)
        if moment is not None and moment < cutoff:
            report.problems.append(
                Problem(
                    "coverage_gap",
                    f"第 {report.covered} 条记录（{timezone.localtime(moment):%Y-%m-%d %H:%M:%S}）"
                    f"超过 {interval:g} 秒仍未纳入签名检查点：检查点缺失或被删除",
                    report.covered,
                )
            )
            return
    if configured_witnesses() and report.entries > report.witnessed:
        moment = _entry_time(report.witnessed)
        if moment is not None and moment < cutoff:
            report.problems.append(
                Problem(
                    "witness_gap",
                    f"第 {report.witnessed} 条记录（{timezone.localtime(moment):%Y-%m-%d %H:%M:%S}）"
                    f"超过 {interval:g} 秒仍未经见证人联署（需要 {max(1, int(settings.LEDGER_WITNESS_QUORUM))} 个）",
                    report.witnessed,
                )
            )


def _check_trusted(
    report: VerifyReport, trusted: Sequence[TrustedCheckpoint], roots_at: dict[int, bytes], chain: keys.KeyChain
) -> None:
    """Consistency with checkpoints known outside: a checkpoint larger than the log means the log
    was truncated; a root that differs, that it was rewritten (between the largest matching outside
    checkpoint and the first that differs)."""
    if not trusted:
        return
    origin = str(settings.LEDGER_ORIGIN)
    verifiers = list(_chain_verifiers(chain, origin).values()) + [v for _u, v in configured_witnesses()]
    matched = 0
    for t in sorted(trusted, key=lambda t: t.size):
        label = f"外部检查点（树大小 {t.size}）"
        if t.origin and t.origin != origin:
            report.problems.append(Problem("trusted_origin", f"{label}属于另一个日志（{t.origin}）"))
            continue
        if t.note is not None:
            try:
                verify_note(t.note, verifiers)
            except NoteError:
                report.problems.append(
                    Problem(
                        "trusted_unverified",
                        f"{label}的签名无法用本日志的签名密钥或已配置的见证人公钥验证：日志的签名密钥可能被替换",
                    )
                )
        report.trusted += 1
        if t.size > report.entries:
            report.problems.append(
                Problem(
                    "log_truncated",
                    f"日志被截断：{label}记录了 {t.size} 条记录，日志现在只有 {report.entries} 条，"
                    f"第 {report.entries} 条起的记录缺失",
                    report.entries,
                )
            )
            continue
        root = roots_at.get(t.size)
        if root is None:
            continue  # the scan stopped earlier at a problem it already reported
        if root != t.root:
            first = matched
            where = f"第 {first} 条记录" if first == t.size - 1 else f"第 {first}–{t.size - 1} 条记录中"
            report.problems.append(
                Problem(
                    "log_rewritten",
                    f"{where}有记录与{label}不一致：日志被改写（最早从第 {first} 条起）",
                    first,
                )
            )
            break
        matched = t.size
    if matched:
        report.notes.append(f"与外部检查点一致，至树大小 {matched}")


def _state_caveats(
    report: VerifyReport, trusted: Sequence[TrustedCheckpoint], chain: keys.KeyChain, reconciled: bool
) -> None:
    """Say plainly what this verification cannot rule out."""
    interval = float(settings.LEDGER_CHECKPOINT_INTERVAL)
    if not reconciled:
        report.caveats.append("未与业务记录对账：无法排除伪造的追加条目，或在系统服务之外修改的业务记录。")
    if not trusted:
        report.caveats.append(
            f"未提供外部检查点（--trusted）：无法排除日志在最新签名检查点（树大小 {report.covered}）之后被截断，"
            "也无法排除持有签名密钥的人重写整个日志后重新签名。请用见证人、上级平台或公示平台保存的检查点校验。"
        )
    if chain.pinned() is None:
        report.caveats.append(
            "未配置固定公钥指纹（YG_LEDGER_KEY_FINGERPRINT）：无法排除签名密钥被替换后重新签署的日志。"
        )
    if not configured_witnesses():
        report.caveats.append("未配置见证人（YG_LEDGER_WITNESSES）：检查点没有独立方的联署。")
    report.caveats.append(
        f"最近 {interval:g} 秒内、尚未纳入签名检查点的记录只受哈希保护，可被一并改写或截断而不留痕迹。"
    )
