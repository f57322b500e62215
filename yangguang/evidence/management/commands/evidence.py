"""``manage.py evidence expire-uploads`` (tus expiration: drop incomplete uploads past their expiry),
``manage.py evidence purge [--dry-run]`` (remove the bytes of evidence past its retention period and
not under legal hold; the record, hashes and a ledger entry stay), ``manage.py evidence verify``
(re-hash every stored blob and compare with its recorded SHA-256)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yangguang.evidence import services
from yangguang.evidence.models import Blob
from yangguang.evidence.storage import Hashes, get_storage


class Command(BaseCommand):
    help = "Evidence storage upkeep: expire-uploads, purge, verify"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["expire-uploads", "purge", "verify"])
        parser.add_argument("--dry-run", action="store_true", help="purge: list what would be purged")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "expire-uploads":
            count = services.expire_uploads()
            self.stdout.write(f"expired {count} incomplete upload(s)")
        elif action == "purge":
            purged = services.purge_expired(dry_run=options["dry_run"])
            verb = "would purge" if options["dry_run"] else "purged"
            for ev in purged:
                self.stdout.write(f"{verb} evidence {ev.pk} {ev.sha256} {ev.filename}")
            self.stdout.write(f"{verb} {len(purged)} evidence file(s)")
        else:
            storage = get_storage()
            bad = 0
            for blob in Blob.objects.filter(purged_at__isnull=True).iterator():
                h = Hashes()
                with storage.open(blob.sha256) as fh:
                    while data := fh.read(1 << 20):
                        h.update(data)
                info = h.info()
                if (info.sha256, info.sm3, info.size) != (blob.sha256, blob.sm3, blob.size):
                    bad += 1
                    self.stdout.write(f"MISMATCH {blob.sha256}")
            if bad:
                raise CommandError(f"{bad} blob(s) do not match their recorded hashes")
            self.stdout.write("all stored evidence matches its hashes")
