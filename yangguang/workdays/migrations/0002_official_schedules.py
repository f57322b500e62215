"""Load the State Council's official holiday schedules shipped in yangguang/workdays/data/."""

from django.db import migrations


def load(apps, schema_editor):
    from yangguang.workdays.services import install_shipped_schedules

    install_shipped_schedules(apps.get_model("workdays", "CalendarYear"), apps.get_model("workdays", "SpecialDay"))


def unload(apps, schema_editor):
    from yangguang.workdays.schedule_file import shipped_schedules

    years = [s.year for s in shipped_schedules()]
    apps.get_model("workdays", "CalendarYear").objects.filter(year__in=years).delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
