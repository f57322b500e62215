"""No account is a Django superuser (三员分立); a separate migration so that the constraint is added
after 0002 has cleared the flag (PostgreSQL refuses ALTER TABLE with pending row updates)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("roster", "0002_separated_admin_roles"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="user",
            constraint=models.CheckConstraint(condition=models.Q(("is_superuser", False)), name="user_never_superuser"),
        ),
    ]
