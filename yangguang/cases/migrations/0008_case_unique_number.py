from django.db import migrations, models
from django.db.models import Q


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0007_mark_legacy_duplicate_numbers"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="case",
            name="case_unique_number_per_agency",
        ),
        migrations.AddConstraint(
            model_name="case",
            constraint=models.UniqueConstraint(
                condition=Q(legacy_duplicate=False), fields=("number",), name="case_unique_number"
            ),
        ),
    ]
