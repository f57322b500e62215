"""Which campaigns, problems and evaluation plans a user may open: one answer for the pages and the
API (``views.py``, ``api.py``). A miss is ``None`` (the caller answers 404); the role check itself
(``supervision.view`` / ``supervision.campaign.list``) is the permission policy's."""

from __future__ import annotations

from django.db.models import QuerySet

from yangguang.access import policy
from yangguang.roster.models import User

from .models import Answer, Campaign, EvaluationPlan, Participant, Problem
from .selectors import bureau_of, get_document, scope_agencies


def campaigns_for(user: User) -> QuerySet[Campaign]:
    """A supervisor: the campaigns of the bureaus of its region and below; an agency: those it takes
    part in."""
    if policy.allows(user, "supervision.view"):
        bureau = bureau_of(user)
        if bureau is None:
            return Campaign.objects.none()
        return Campaign.objects.filter(bureau__region__path__startswith=bureau.region.path)
    return Campaign.objects.filter(participants__agency_id=user.agency_id or 0)


def campaign(user: User, pk: int) -> Campaign | None:
    """The campaign, for its bureau's supervisors (and those above) and its agencies' heads."""
    policy.require(user, "supervision.campaign.list")
    found = Campaign.objects.select_related("bureau__region").filter(pk=pk).first()
    if found is None:
        return None
    if policy.allows(user, "supervision.view"):
        bureau = bureau_of(user)
        if bureau is None or not found.bureau.region.path.startswith(bureau.region.path):
            return None
    elif not found.participants.filter(agency_id=user.agency_id or 0).exists():
        return None
    return found


def parts(user: User, found: Campaign) -> QuerySet[Participant]:
    """The participants the user sees: a supervisor those of its scope, an agency its own."""
    qs = found.participants.select_related("agency").prefetch_related("problems")
    if policy.allows(user, "supervision.view"):
        return qs.filter(agency__in=scope_agencies(user))
    return qs.filter(agency_id=user.agency_id or 0)


def own_part(user: User, found: Campaign) -> Participant | None:
    return found.participants.filter(agency_id=user.agency_id or 0).first()


def problem(user: User, pk: int) -> Problem | None:
    """A problem of a campaign the user may open: an agency its own, a supervisor those of the
    agencies it supervises."""
    found = Problem.objects.select_related("participant__campaign", "participant__agency").filter(pk=pk).first()
    if found is None or campaign(user, found.participant.campaign_id) is None:
        return None
    agency = found.participant.agency
    if agency.pk != user.agency_id and not policy.allows(user, "supervision.clue.manage", agency):
        return None
    return found


def plan(user: User, pk: int) -> EvaluationPlan | None:
    """An evaluation plan of the user's own bureau."""
    policy.require(user, "supervision.view")
    return EvaluationPlan.objects.select_related("sheet").filter(pk=pk, bureau_id=user.agency_id).first()


def answer_with_evidence(user: User, pk: int) -> Answer | None:
    """An answer with an evidence file, of a document the user may open."""
    found = Answer.objects.select_related("document").filter(pk=pk).first()
    if found is None or not found.evidence or get_document(user, found.document_id) is None:
        return None
    return found
