"""PostgreSQL: the sequence that numbers entries in the writers' transactions (see
``ledger/integration.py``), starting after the entries already there. SQLite numbers entries under
its single write lock and needs none."""

from django.db import migrations


def create_sequence(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("CREATE SEQUENCE IF NOT EXISTS ledger_entry_seq MINVALUE 0 START 0")
        cursor.execute(
            "SELECT setval('ledger_entry_seq', COALESCE((SELECT MAX(seq) + 1 FROM ledger_entry), 0), false)"
        )


def drop_sequence(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("DROP SEQUENCE IF EXISTS ledger_entry_seq")


class Migration(migrations.Migration):
    dependencies = [("ledger", "0002_c2sp_checkpoints_witnesses_keys")]

    operations = [migrations.RunPython(create_sequence, drop_sequence)]
