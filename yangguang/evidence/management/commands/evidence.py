"""``manage.py evidence expire-uploads`` (tus expiration: drop incomplete uploads past their expiry),
``manage.py evidence purge [--dry-run]`` (remove the bytes of evidence past its retention period and
not under legal hold; the record, hashes and a ledger entry stay), ``manage.py evidence verify``
(re-hash every stored blob and compare with its recorded SHA-256; a missing blob is reported),
``manage.py evidence orphans`` (stored bytes that no record names: what a crash between storing and
recording would leave; an upload still being finalized is listed apart, its next request records it).
Both exit 1 when they find something. ``manage.py evidence new-key --key-id N`` prints a line for
the encryption keys file (``YG_EVIDENCE_KEYS_FILE``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from yangguang.evidence import services
from yangguang.evidence.encryption import new_key_line
from yangguang.evidence.models import Blob, Upload, UploadStatus
from yangguang.evidence.storage import Hashes, get_storage


class Command(BaseCommand):
    help = "Evidence storage upkeep: expire-uploads, purge, verify"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["expire-uploads", "purge", "verify", "orphans", "new-key"])
        parser.add_argument("--key-id", type=int, default=1, help="new-key: the id of the key line (1–255)")
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
        elif action == "new-key":
            self.stdout.write(new_key_line(options["key_id"]))
        elif action == "orphans":
            self.orphans()
        else:
            self.verify()

    def verify(self) -> None:
        storage = get_storage()
        bad = 0
        for blob in Blob.objects.filter(purged_at__isnull=True).iterator():
            h = Hashes()
            try:
                with storage.open(blob.sha256) as fh:
                    while data := fh.read(1 << 20):
                        h.update(data)
            except FileNotFoundError:
                bad += 1
                self.stdout.write(f"MISSING {blob.sha256} ({blob.size} bytes recorded, nothing stored)")
                continue
            except Exception as exc:  # an unreadable or undecryptable object: report, go on
                bad += 1
                self.stdout.write(f"UNREADABLE {blob.sha256}: {type(exc).__name__}: {exc}")
                continue
            info = h.info()
            if (info.sha256, info.sm3, info.size) != (blob.sha256, blob.sm3, blob.size):
                bad += 1
                self.stdout.write(f"MISMATCH {blob.sha256}")
        if bad:
            raise CommandError(f"{bad} blob(s) missing or not matching their recorded hashes")
        self.stdout.write("all stored evidence matches its hashes")

    def orphans(self) -> None:
        recorded = set(Blob.objects.values_list("sha256", flat=True))
        finishing = set(
            Upload.objects.filter(status=UploadStatus.OPEN).exclude(sha256="").values_list("sha256", flat=True)
        )
        orphans = 0
        for name in get_storage().names():
            if name in recorded:
                continue
            if name in finishing:
                self.stdout.write(f"FINISHING {name} (an upload being finalized; its next request records it)")
                continue
            orphans += 1
            self.stdout.write(f"ORPHAN {name}")
        if orphans:
            raise CommandError(f"{orphans} stored blob(s) without a record")
        self.stdout.write("every stored blob has its record")
