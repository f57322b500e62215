"""三员分立: the catch-all ``admin`` role becomes the system administrator (configuration only);
nobody keeps Django's superuser flag; admin-site access (``is_staff``) follows the role. Security and
audit administrators are created afterwards with ``manage.py create_admin`` (see README)."""

import yangguang.roster.models
from django.db import migrations, models

STAFF_ROLES = ("system_admin", "security_admin")


def map_admins(apps, schema_editor):  # type: ignore[no-untyped-def]
    User = apps.get_model("roster", "User")
    User.objects.filter(role="admin").update(role="system_admin")
    User.objects.filter(is_superuser=True).update(is_superuser=False)
    User.objects.filter(role__in=STAFF_ROLES).update(is_staff=True)
    User.objects.exclude(role__in=STAFF_ROLES).update(is_staff=False)


def unmap_admins(apps, schema_editor):  # type: ignore[no-untyped-def]
    User = apps.get_model("roster", "User")
    User.objects.filter(role__in=("system_admin", "security_admin", "audit_admin")).update(role="admin")


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('roster', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelManagers(
            name='user',
            managers=[
                ('objects', yangguang.roster.models.YangguangUserManager()),
            ],
        ),
        migrations.AddField(
            model_name='user',
            name='must_change_password',
            field=models.BooleanField(default=False, verbose_name='须修改密码'),
        ),
        migrations.AddField(
            model_name='user',
            name='password_changed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='密码修改时间'),
        ),
        migrations.AlterField(
            model_name='user',
            name='role',
            field=models.CharField(choices=[('officer', '执法人员'), ('unit_head', '承办机构负责人'), ('reviewer', '法制审核人员'), ('agency_head', '行政机关负责人'), ('supervisor', '执法监督人员'), ('system_admin', '系统管理员'), ('security_admin', '安全管理员'), ('audit_admin', '审计管理员')], default='officer', max_length=20, verbose_name='角色'),
        ),
        migrations.RunPython(map_admins, unmap_admins),
    ]
