"""Agency abbreviations (机关代字) unique across the platform, resolving existing duplicates
deterministically, and documents issued with another agency's number marked as legacy duplicates.

Abbreviations: a row still holding the default of the old rule (first place level only, e.g. 杭市监
for 杭州市上城区市场监督管理局) takes the default of the new rule (杭上市监). Then, in each group of
agencies sharing an abbreviation, the agency whose default it is keeps it (the lowest id if several,
or if none); the others take their first free candidate (the default, the last place level with two
characters, the default with the agency's id). Every abbreviation that stays is reserved first, so a
fallback never takes another agency's.

Issued documents are never renumbered (the number is printed in the signed DOCX and in the
ledger): of two documents with the same number, the earliest keeps it and the later ones are marked
``legacy_duplicate``, which the platform-wide unique constraint leaves out.
"""

from collections import defaultdict

from django.db import migrations

from yangguang.documents.abbreviations import abbreviation_candidates, default_abbreviation, first_level_abbreviation


def resolve_abbreviations(apps, schema_editor):
    AgencyAbbreviation = apps.get_model("documents", "AgencyAbbreviation")
    rows = list(AgencyAbbreviation.objects.select_related("agency").order_by("agency_id"))
    wanted = {}
    for row in rows:
        name = row.agency.name
        natural = default_abbreviation(name)
        wanted[row.pk] = natural if row.abbreviation == first_level_abbreviation(name) else row.abbreviation
    groups = defaultdict(list)
    for row in rows:
        groups[wanted[row.pk]].append(row)
    keepers = {}
    for abbreviation, members in groups.items():
        natural = [r for r in members if default_abbreviation(r.agency.name) == abbreviation]
        keepers[abbreviation] = (natural or members)[0].pk
    taken = set(groups)
    for row in rows:
        new = wanted[row.pk]
        if keepers[new] != row.pk:
            new = next(
                (c for c in abbreviation_candidates(row.agency.name, row.agency_id) if c not in taken),
                f"{row.agency_id}-{new}"[:20],
            )
            taken.add(new)
        if new != row.abbreviation:
            row.abbreviation = new
            row.save(update_fields=["abbreviation"])


def mark_legacy_duplicates(apps, schema_editor):
    IssuedDocument = apps.get_model("documents", "IssuedDocument")
    seen = set()
    for pk, number in IssuedDocument.objects.exclude(number="").order_by("issued_at", "pk").values_list("pk", "number"):
        if number in seen:
            IssuedDocument.objects.filter(pk=pk).update(legacy_duplicate=True)
        seen.add(number)


def forwards(apps, schema_editor):
    resolve_abbreviations(apps, schema_editor)
    mark_legacy_duplicates(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_issueddocument_legacy_duplicate"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
