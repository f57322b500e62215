"""Copy each publication's date and agency onto its postings, so a token's postings (of one agency)
are walked newest first."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("publicity", "0002_withdrawn_on_index"),
        ("roster", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="posting",
            name="published_on",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="posting",
            name="agency",
            field=models.ForeignKey(
                null=True,
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="roster.agency",
            ),
        ),
        migrations.RunSQL(
            "UPDATE publicity_posting SET published_on = (SELECT p.published_on FROM publicity_publication p"
            " WHERE p.id = publicity_posting.publication_id), agency_id = (SELECT p.agency_id FROM"
            " publicity_publication p WHERE p.id = publicity_posting.publication_id)",
            reverse_sql=migrations.RunSQL.noop,
        ),
        # A posting of a publication without a date cannot exist (only published ones are indexed),
        # but never leave a NULL behind the NOT NULL below.
        migrations.RunSQL(
            "DELETE FROM publicity_posting WHERE published_on IS NULL", reverse_sql=migrations.RunSQL.noop
        ),
        migrations.AlterField(
            model_name="posting",
            name="published_on",
            field=models.DateField(),
        ),
        migrations.AlterField(
            model_name="posting",
            name="agency",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="roster.agency",
            ),
        ),
        migrations.AddIndex(
            model_name="posting",
            index=models.Index(
                fields=["token", "agency", "published_on", "publication"], name="posting_token_agency_date"
            ),
        ),
        migrations.RemoveConstraint(
            model_name="posting",
            name="posting_unique",
        ),
        migrations.AddConstraint(
            model_name="posting",
            constraint=models.UniqueConstraint(
                fields=("token", "published_on", "publication"), name="posting_token_date_pub"
            ),
        ),
        migrations.AddIndex(
            model_name="publication",
            index=models.Index(fields=["agency", "status", "published_on"], name="publication_agency_published"),
        ),
    ]
