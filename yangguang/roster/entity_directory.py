"""Services of the shared entity directory (市场主体名录库): who changes an entry, and change
proposals.

Ownership: an entry belongs to the agency that registered the entity (``Entity.registering_agency``,
e.g. the market regulation bureau). Its agency head and the system administrator change it directly
(policy ``entity.edit``); every other agency's edit, API call or import row becomes a proposal
(``entity.propose``) that the owner's agency head or the system administrator accepts or rejects
(``entity.proposal.decide``). A district bureau's import therefore never overwrites the directory
of every agency. Each proposal, decision and applied change is in the ledger.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from yangguang.access import policy
from yangguang.core.errors import DomainError
from yangguang.ledger.services import append_entry
from yangguang.roster import services
from yangguang.roster.models import (
    ENTITY_PROPOSAL_FIELDS,
    Agency,
    Entity,
    EntityChangeProposal,
    ProposalStatus,
    Region,
    User,
)

MSG_NOTHING = "没有需要变更的内容"
MSG_DECIDED = "该变更申请已处理"
MSG_UNKNOWN_FIELD = "不能变更“{field}”"
FIELD_LABELS = {
    "name": "名称",
    "legal_representative": "法定代表人",
    "address": "注册地址",
    "phone": "联系方式",
    "region_id": "所属区划",
    "industry": "行业",
    "risk_grade": "风险等级",
}


@dataclass(frozen=True)
class ChangeResult:
    """``applied``: the owner (or the system administrator) changed the entry at once; otherwise
    ``proposal`` waits for the owner."""

    applied: bool
    proposal: EntityChangeProposal | None = None


def current_values(entity: Entity) -> dict[str, Any]:
    return {f: getattr(entity, f) for f in ENTITY_PROPOSAL_FIELDS}


def _diff(entity: Entity, changes: dict[str, Any]) -> dict[str, Any]:
    unknown = [k for k in changes if k not in ENTITY_PROPOSAL_FIELDS]
    if unknown:
        raise DomainError(MSG_UNKNOWN_FIELD.format(field=unknown[0]), code="invalid")
    now = current_values(entity)
    return {k: v for k, v in changes.items() if (v if v is not None else "") != (now[k] if now[k] is not None else "")}


def _validated(entity: Entity, changes: dict[str, Any]) -> None:
    """Check the proposed values against the model (lengths, choices, region) before storing them."""
    probe = Entity(**{**current_values(entity), **changes, "uscc": entity.uscc})
    try:
        probe.full_clean(exclude=["uscc", "registering_agency"])
    except ValidationError as exc:
        field, errors = next(iter(exc.message_dict.items()))
        label = FIELD_LABELS.get(field, FIELD_LABELS.get(f"{field}_id", field))
        raise DomainError(f"“{label}”：{errors[0]}", code="invalid") from exc


def _apply(entity: Entity, changes: dict[str, Any], actor: User | None) -> Entity:
    for key, value in changes.items():
        setattr(entity, key, value if value is not None or key == "region_id" else "")
    return services.save_entity(entity=entity, actor=actor)


def change_entity(*, entity: Entity, changes: dict[str, Any], actor: User, source: str = "edit") -> ChangeResult:
    """Change an entry: directly for its owner and the system administrator, else as a proposal
    (a pending proposal of the same agency for the same entry is superseded by the new one)."""
    diff = _diff(entity, changes)
    if not diff:
        raise DomainError(MSG_NOTHING, code="unchanged")
    _validated(entity, diff)
    if policy.allows(actor, "entity.edit", entity):
        with transaction.atomic():
            _apply(Entity.objects.select_for_update().get(pk=entity.pk), diff, actor)
        return ChangeResult(applied=True)
    policy.require(actor, "entity.propose", entity)
    with transaction.atomic():
        proposal = _propose(entity, diff, actor, source)
        entry = append_entry(
            actor=actor,
            subject=entity,
            action="roster.entity.proposal",
            payload={"proposal": proposal.pk, "changes": diff, "original": proposal.original, "source": source},
        )
        proposal.ledger_seq = entry.seq
        proposal.save(update_fields=["ledger_seq"])
    return ChangeResult(applied=False, proposal=proposal)


def _propose(entity: Entity, diff: dict[str, Any], actor: User, source: str) -> EntityChangeProposal:
    EntityChangeProposal.objects.filter(entity=entity, agency=actor.agency, status=ProposalStatus.PENDING).update(
        status=ProposalStatus.SUPERSEDED
    )
    now = current_values(entity)
    return EntityChangeProposal.objects.create(
        entity=entity,
        agency_id=actor.agency_id,
        proposed_by=actor,
        changes=diff,
        original={k: now[k] for k in diff},
        source=source,
    )


def propose_many(*, rows: list[tuple[Entity, dict[str, Any]]], actor: User) -> list[EntityChangeProposal]:
    """Proposals from an import (the import's own ledger entry, with the file's SHA-256, records
    them; ``attach_ledger`` links them to it)."""
    out = []
    for entity, diff in rows:
        out.append(_propose(entity, diff, actor, "import"))
    return out


def attach_ledger(proposals: list[EntityChangeProposal], seq: int) -> None:
    ids = [p.pk for p in proposals]
    for start in range(0, len(ids), 500):
        EntityChangeProposal.objects.filter(pk__in=ids[start : start + 500]).update(ledger_seq=seq)


def decide_proposal(
    *, proposal: EntityChangeProposal, accept: bool, actor: User, note: str = ""
) -> EntityChangeProposal:
    """The owner's agency head (or the system administrator) accepts — the entry takes the proposed
    values — or rejects a proposal."""
    policy.require(actor, "entity.proposal.decide", proposal)
    note = (note or "").strip()[:200]
    with transaction.atomic():
        locked = EntityChangeProposal.objects.select_for_update().select_related("entity").get(pk=proposal.pk)
        if locked.status != ProposalStatus.PENDING:
            raise DomainError(MSG_DECIDED, code="already_decided")
        if accept:
            entity = Entity.objects.select_for_update().get(pk=locked.entity_id)
            diff = _diff(entity, locked.changes)
            if diff:
                _validated(entity, diff)
                _apply(entity, diff, actor)
        locked.status = ProposalStatus.ACCEPTED if accept else ProposalStatus.REJECTED
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.note = note
        locked.save(update_fields=["status", "decided_by", "decided_at", "note"])
        append_entry(
            actor=actor,
            subject=locked.entity,
            action=f"roster.entity.proposal.{'accept' if accept else 'reject'}",
            payload={"proposal": locked.pk, "note": note},
        )
    return locked


def describe_changes(proposal: EntityChangeProposal) -> list[dict[str, Any]]:
    """Field label, old and new value, for the pages (region ids shown as region names)."""
    region_ids = [v for k, v in {**proposal.original, **proposal.changes}.items() if k == "region_id" and v]
    regions = dict(Region.objects.filter(pk__in=region_ids).values_list("pk", "name"))
    out = []
    for key, new in proposal.changes.items():
        old = proposal.original.get(key)
        if key == "region_id":
            old, new = regions.get(old, old or ""), regions.get(new, new or "")
        out.append({"field": FIELD_LABELS.get(key, key), "old": old or "", "new": new or ""})
    return out


def assign_registering_agencies(*, actor: User | str | None = None) -> int:
    """Entries without an owner get the market regulation bureau (市场监督管理局, the registration
    authority of market entities) of their region, or of the nearest region above that has one
    (the same rule as migration ``roster.0005`` for the entries it found). One ledger entry."""
    parents = dict(Region.objects.values_list("pk", "parent_id"))
    bureau: dict[int, int] = {}
    for pk, region_id in (
        Agency.objects.filter(name__contains="市场监督管理", is_active=True)
        .order_by("pk")
        .values_list("pk", "region_id")
    ):
        bureau.setdefault(region_id, pk)
    assigned = 0
    with transaction.atomic():
        regions = (
            Entity.objects.filter(registering_agency=None)
            .exclude(region=None)
            .values_list("region_id", flat=True)
            .distinct()
            .order_by("region_id")
        )
        for region_id in list(regions):
            cursor: int | None = region_id
            owner: int | None = None
            while cursor is not None and owner is None:
                owner = bureau.get(cursor)
                cursor = parents.get(cursor)
            if owner is not None:
                assigned += Entity.objects.filter(region_id=region_id, registering_agency=None).update(
                    registering_agency_id=owner
                )
        if assigned:
            append_entry(actor=actor, subject="roster", action="roster.entity.owners", payload={"assigned": assigned})
    return assigned
