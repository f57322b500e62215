"""The ledger page (记录日志) for the audit administrator, supervisors, reviewers and agency heads: tree size, latest
checkpoint, key fingerprint, verification on request, entry lookup with its inclusion proof, and
bundle export. The standalone verifier script is downloadable by anyone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yangguang.access import policy
from yangguang.core.errors import DomainError
from yangguang.core.params import ascii_int
from yangguang.ledger import hooks, keys, merkle, selectors, services
from yangguang.ledger.access_rules import readable_seqs
from yangguang.ledger.models import Checkpoint, CheckpointFormat
from yangguang.ledger.verifier import NoteVerifier
from yangguang.ledger.verify import verify_ledger
from yangguang.ledger.witnessing import configured_witnesses


def _require(request: HttpRequest, action: str) -> None:
    decision = policy.explain(request.user, action)
    if not decision.allowed:
        raise PermissionDenied(decision.reason)


def _lookup(user: Any, raw: str) -> dict[str, Any]:
    """Entry ``raw`` with its inclusion proof against the latest checkpoint (or the current tree),
    if the user may read it."""
    seq = ascii_int(raw.strip())  # sequence numbers start at 0
    if seq is None:
        return {"error": _("序号必须是整数")}
    try:
        entry = selectors.get_entry(seq)
        policy.require(user, "ledger.entry.view", entry)
        cp = selectors.checkpoint_covering(seq)
        size = cp.tree_size if cp is not None else selectors.tree_size()
        proof = selectors.inclusion_proof(seq, size)
        root = bytes.fromhex(cp.root) if cp is not None else selectors.root_at(size)
        hasher = selectors.ledger_hasher()
        merkle.verify_inclusion(hasher, seq, size, bytes(entry.leaf_hash), proof, root)
    except DomainError as exc:
        return {"error": exc.message}
    except merkle.ProofError:
        return {"error": _("证明未通过校验：请运行完整校验")}
    return {
        "entry": entry,
        "subject": selectors.subject_label(entry.subject),
        "pretty": json.dumps(json.loads(entry.canonical), ensure_ascii=False, indent=2),
        "leaf_hash": bytes(entry.leaf_hash).hex(),
        "proof": [p.hex() for p in proof],
        "tree_size": size,
        "root": root.hex(),
        "checkpoint": cp,
    }


@login_required
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    _require(request, "ledger.view")
    context: dict[str, Any] = {"st": selectors.status()}
    if request.method == "POST":
        _require(request, "ledger.verify")
        context["report"] = verify_ledger()
        context["st"] = selectors.status()
    seq = request.GET.get("seq", "").strip()
    if seq:
        context["seq"] = seq
        context["lookup"] = _lookup(request.user, seq)
    return render(request, "ledger/status.html", context)


@login_required
@require_POST
def export(request: HttpRequest) -> HttpResponse:
    """Download a verifiable bundle of the entries about one subject that the user may read, named as
    people name it (a case or document number, through ``hooks.find_subject``) or by its identifier
    (``cases.case:42``); a subject the user may not read is refused."""
    _require(request, "ledger.view")
    typed = request.POST.get("subject", "").strip()
    subject = (hooks.find_subject(typed) or typed) if typed else ""
    context: dict[str, Any] = {"st": selectors.status(), "subject": typed}
    if not subject:
        context["export_error"] = _("请填写案号或文书文号，例如 杭市监罚案〔2026〕1号")
        return render(request, "ledger/status.html", context, status=400)
    decision = policy.explain(request.user, "ledger.export", subject)
    if not decision.allowed:
        context["export_error"] = decision.reason
        return render(request, "ledger/status.html", context, status=403)
    try:
        seqs = readable_seqs(request.user, selectors.select_seqs(subjects=[subject]))
        bundle = services.export_bundle(seqs=seqs) if seqs else {"entries": []}
    except DomainError as exc:
        context["export_error"] = exc.message
        return render(request, "ledger/status.html", context, status=400)
    if not bundle["entries"]:
        context["export_error"] = _("没有关于“%(subject)s”的记录") % {"subject": typed}
        return render(request, "ledger/status.html", context, status=404)
    response = HttpResponse(json.dumps(bundle, ensure_ascii=False, indent=1), content_type="application/json")
    safe = "".join(c if c.isalnum() else "-" for c in subject)
    response["Content-Disposition"] = f'attachment; filename="ledger-{safe}.json"'
    return response


@require_GET
def verifier_script(request: HttpRequest) -> FileResponse:
    """The standalone verifier (Python standard library + cryptography), for anyone."""
    path = Path(__file__).with_name("verifier.py")
    return FileResponse(path.open("rb"), as_attachment=True, filename="verify_bundle.py", content_type="text/x-python")


@require_GET
def witness_script(request: HttpRequest) -> FileResponse:
    """The witness server (save beside ``verifier.py``), for anyone who wants to run one."""
    path = Path(__file__).with_name("witness.py")
    return FileResponse(path.open("rb"), as_attachment=True, filename="witness.py", content_type="text/x-python")


# --- Published checkpoints (public, stable URLs) ----------------------------------------------------

MIRROR_FORMAT = "yangguang-ledger-checkpoints/1"
MIRROR_PAGE = 500


def _note_response(cp: Checkpoint | None) -> HttpResponse:
    if cp is None:
        raise Http404(_("尚无签名检查点"))
    response = HttpResponse(selectors.checkpoint_note(cp), content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def checkpoint_latest(request: HttpRequest) -> HttpResponse:
    """The latest checkpoint as a C2SP signed note, with the witnesses' cosignatures."""
    return _note_response(Checkpoint.objects.filter(format=CheckpointFormat.NOTE).order_by("-tree_size").first())


@require_GET
def checkpoint_at(request: HttpRequest, size: int) -> HttpResponse:
    return _note_response(Checkpoint.objects.filter(format=CheckpointFormat.NOTE, tree_size=size).first())


@require_GET
def checkpoints_json(request: HttpRequest) -> JsonResponse:
    """Every checkpoint after ``since`` (tree size), oldest first, in pages of 500: what a mirror
    keeps, and what ``ledger verify --trusted`` reads."""
    try:
        since = max(0, int(request.GET.get("since", "0")))
    except ValueError:
        return JsonResponse({"code": "invalid_since", "message": _("since 必须是整数（树大小）")}, status=400)
    rows = list(
        Checkpoint.objects.filter(format=CheckpointFormat.NOTE, tree_size__gt=since)
        .prefetch_related("cosignatures")
        .order_by("tree_size")[: MIRROR_PAGE + 1]
    )
    more = len(rows) > MIRROR_PAGE
    rows = rows[:MIRROR_PAGE]
    origin = str(settings.LEDGER_ORIGIN)
    try:
        chain = keys.key_chain()
        log_keys = [NoteVerifier(origin, k.algorithm, k.public_key).vkey for k, _first in chain.links]
    except DomainError:
        log_keys = []
    return JsonResponse(
        {
            "format": MIRROR_FORMAT,
            "origin": origin,
            "hash": selectors.ledger_hasher().name,
            "log_keys": log_keys,
            "witnesses": [v.vkey for _url, v in configured_witnesses()],
            "checkpoints": [
                {
                    "size": cp.tree_size,
                    "root": cp.root,
                    "time": cp.created_at.isoformat(),
                    "note": selectors.checkpoint_note(cp),
                }
                for cp in rows
            ],
            "next": f"{request.path}?since={rows[-1].tree_size}" if more else None,
        },
        json_dumps_params={"ensure_ascii": False},
    )
