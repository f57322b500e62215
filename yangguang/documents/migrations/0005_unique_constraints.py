from django.db import migrations, models
from django.db.models import Q


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0004_unique_abbreviations_and_numbers"),
    ]

    operations = [
        migrations.AlterField(
            model_name="agencyabbreviation",
            name="abbreviation",
            field=models.CharField(max_length=20, unique=True, verbose_name="机关代字"),
        ),
        migrations.RemoveConstraint(
            model_name="issueddocument",
            name="document_unique_number_per_agency",
        ),
        migrations.AddConstraint(
            model_name="issueddocument",
            constraint=models.UniqueConstraint(
                condition=~Q(number="") & Q(legacy_duplicate=False), fields=("number",), name="document_unique_number"
            ),
        ),
    ]
