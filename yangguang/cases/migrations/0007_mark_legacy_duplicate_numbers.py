"""Case numbers unique across the platform: a registered case number is never changed (it is in
the case's documents and ledger entries), so of two cases registered with the same number before
the 机关代字 was unique, the earliest keeps it and the later ones are marked ``legacy_duplicate``,
which the unique constraint (0008) leaves out."""

from django.db import migrations


def mark_legacy_duplicates(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    seen = set()
    for pk, number in Case.objects.order_by("created_at", "pk").values_list("pk", "number"):
        if number in seen:
            Case.objects.filter(pk=pk).update(legacy_duplicate=True)
        seen.add(number)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0006_case_legacy_duplicate"),
        ("documents", "0004_unique_abbreviations_and_numbers"),
    ]

    operations = [
        migrations.RunPython(mark_legacy_duplicates, migrations.RunPython.noop),
    ]
