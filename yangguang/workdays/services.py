"""Writes to the working-day calendar. Every change of a year's schedule is validated as a whole,
replaces the old schedule in one transaction and is recorded in the ledger."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from yangguang.access import policy
from yangguang.core.errors import DomainError
from yangguang.ledger.services import append_entry
from yangguang.workdays import hooks, schedule_file, selectors
from yangguang.workdays.models import CalendarYear, DayKind, DueDateChange, SpecialDay, YearStatus
from yangguang.workdays.schedule_file import DaySpec

MIN_YEAR = 2000
MAX_YEAR = 2100
WEEKDAYS = "一二三四五六日"


def validate_schedule(*, year: int, days: Iterable[DaySpec], status: str, source: str) -> list[str]:
    """All the reasons why this schedule cannot be saved (empty when it can), in Chinese."""
    errors: list[str] = []
    if not MIN_YEAR <= year <= MAX_YEAR:
        return [f"年份{year}无效：须在{MIN_YEAR}年至{MAX_YEAR}年之间"]
    if status not in YearStatus.values:
        errors.append(f"状态“{status}”无效，应为“已确认”或“暂定”")
    if status == YearStatus.CONFIRMED and not source.strip():
        errors.append("已确认的年度安排须注明来源通知（如：国办发明电〔2025〕7号）")
    seen: dict[datetime.date, str] = {}
    holidays = 0
    for spec in days:
        d = spec.date.isoformat()
        if spec.kind not in DayKind.values:
            errors.append(f"{d}的类型“{spec.kind}”无效，应为法定节假日或调休上班日")
            continue
        if spec.date.year != year:
            errors.append(f"{d}不在{year}年内：一个年度的安排只能包含本年的日期")
        if not spec.name.strip():
            errors.append(f"{d}缺少节日名称")
        previous = seen.get(spec.date)
        if previous is not None:
            if previous != spec.kind:
                errors.append(f"{d}既是法定节假日又是调休上班日")
            else:
                errors.append(f"{d}重复出现")
            continue
        seen[spec.date] = spec.kind
        if spec.kind == DayKind.HOLIDAY:
            holidays += 1
        elif spec.date.weekday() < 5:
            errors.append(f"调休上班日{d}是星期{WEEKDAYS[spec.date.weekday()]}：调休上班日只能是星期六或星期日")
    if holidays == 0:
        errors.append(f"{year}年的安排中没有法定节假日")
    return errors


@transaction.atomic
def set_year_schedule(
    *,
    year: int,
    days: Iterable[DaySpec],
    status: str,
    source: str,
    actor: Any,
    note: str = "",
) -> CalendarYear:
    """Replace ``year``'s schedule with ``days`` (all or nothing) and record it in the ledger. A user
    actor needs the policy's ``workdays.schedule.edit`` (the system, actor None, may load it)."""
    if actor is not None and hasattr(actor, "role"):
        policy.require(actor, "workdays.schedule.edit")
    days = list(days)
    source = source.strip()
    errors = validate_schedule(year=year, days=days, status=status, source=source)
    if errors:
        raise DomainError("；".join(errors), code="invalid_schedule", details={"errors": errors})
    # The running deadlines that counted days of this year, as counted under the old schedule.
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    tracked = hooks.collect(first, last)
    cal, created = CalendarYear.objects.select_for_update().get_or_create(
        year=year, defaults={"status": status, "source": source, "note": note}
    )
    previous = None
    if not created:
        previous = {"status": cal.status, "source": cal.source, "revision": cal.revision, "days": cal.days.count()}
        cal.status, cal.source, cal.note = status, source, note
        cal.revision += 1
        cal.save()
        cal.days.all().delete()
    ordered = sorted(days, key=lambda s: s.date)
    SpecialDay.objects.bulk_create(
        SpecialDay(calendar_year=cal, date=s.date, kind=s.kind, name=s.name.strip()) for s in ordered
    )
    # Later reads in this transaction see the new schedule; other threads and processes see it
    # once committed.
    selectors.note_schedule_written()
    changes = _recompute(cal, tracked)
    per_agency: dict[int, int] = {}
    for change in changes:
        per_agency[change.agency_id] = per_agency.get(change.agency_id, 0) + 1
    append_entry(
        actor=actor,
        subject=cal,
        action="workdays.schedule.set",
        payload={
            "year": year,
            "status": status,
            "source": source,
            "note": note,
            "revision": cal.revision,
            "holidays": [[s.date.isoformat(), s.name] for s in ordered if s.kind == DayKind.HOLIDAY],
            "makeup_days": [[s.date.isoformat(), s.name] for s in ordered if s.kind == DayKind.MAKEUP],
            "previous": previous,
            # how many running due dates moved, per agency (the list: DueDateChange rows)
            "due_date_changes": {str(k): v for k, v in sorted(per_agency.items())},
        },
    )
    return cal


def _recompute(cal: CalendarYear, tracked: list[hooks.TrackedDue]) -> list[DueDateChange]:
    """Count every tracked deadline again under the new schedule; store the ones the apps keep and
    list every due date that moved."""
    changes: list[DueDateChange] = []
    with selectors.pinned():
        recounted = [(item, item.recompute()) for item in tracked]
    for item, new in recounted:
        if item.store is not None:
            item.store(new)
        if new.due != item.due:
            changes.append(
                DueDateChange(
                    calendar_year=cal,
                    revision=cal.revision,
                    agency_id=item.agency_id,
                    source=item.source,
                    subject=item.subject[:200],
                    url=item.url[:300],
                    what=item.what[:100],
                    start=item.start,
                    old_due=item.due,
                    new_due=new.due,
                    still_provisional=new.provisional,
                )
            )
    return DueDateChange.objects.bulk_create(changes)


def due_date_changes(cal: CalendarYear) -> list[DueDateChange]:
    """The due dates moved by the last write of ``cal``'s schedule."""
    return list(
        DueDateChange.objects.filter(calendar_year=cal, revision=cal.revision)
        .select_related("agency")
        .order_by("agency__name", "new_due", "pk")
    )


def load_schedule_text(*, text: str, actor: Any, status: str | None = None) -> CalendarYear:
    """Parse a schedule file (see ``schedule_file``) and save it; ``status`` overrides the file's."""
    parsed = schedule_file.parse(text)
    assert parsed.year is not None  # parse() refuses a file without a year
    return set_year_schedule(
        year=parsed.year,
        days=parsed.days,
        status=status or parsed.status,
        source=parsed.source,
        note=parsed.note,
        actor=actor,
    )


def install_shipped_schedules(calendar_year_model: Any, special_day_model: Any) -> int:
    """Insert the official schedules shipped in ``data/`` for the years that have none. Takes the
    model classes so that the data migration can pass its historical models. Returns how many
    years were inserted. Shipped reference data, like a fixture: not a user's act, no ledger entry."""
    inserted = 0
    for parsed in schedule_file.shipped_schedules():
        if calendar_year_model.objects.filter(year=parsed.year).exists():
            continue
        cal = calendar_year_model.objects.create(
            year=parsed.year, status=parsed.status, source=parsed.source, note=parsed.note
        )
        special_day_model.objects.bulk_create(
            special_day_model(calendar_year=cal, date=s.date, kind=s.kind, name=s.name) for s in parsed.days
        )
        inserted += 1
    return inserted
