from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_party_kind_label"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="legacy_duplicate",
            field=models.BooleanField(default=False, editable=False, verbose_name="历史重号"),
        ),
    ]
