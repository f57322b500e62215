from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_rendered_after_commit"),
    ]

    operations = [
        migrations.AddField(
            model_name="issueddocument",
            name="legacy_duplicate",
            field=models.BooleanField(default=False, editable=False, verbose_name="历史重号"),
        ),
    ]
