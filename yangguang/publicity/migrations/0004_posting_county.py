"""Copy each publication's county-level region onto its postings, so a search with a county or
township filter walks that county's postings of a token newest first."""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def backfill(apps: Any, schema_editor: Any) -> None:
    Region = apps.get_model("roster", "Region")
    Posting = apps.get_model("publicity", "Posting")
    Publication = apps.get_model("publicity", "Publication")
    # One UPDATE per county: every publication whose region path lies under it (the county itself
    # or one of its townships).
    for county in Region.objects.filter(level="county").only("pk", "path").iterator():
        pubs = Publication.objects.filter(region_path__startswith=county.path).values("pk")
        Posting.objects.filter(publication_id__in=pubs).update(county_id=county.pk)


class Migration(migrations.Migration):
    dependencies = [
        ("publicity", "0003_posting_published_on"),
        ("roster", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="posting",
            name="county",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="roster.region",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="posting",
            index=models.Index(
                fields=["token", "county", "published_on", "publication"], name="posting_token_county_date"
            ),
        ),
    ]
