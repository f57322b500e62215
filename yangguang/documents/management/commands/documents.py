"""``python manage.py documents verify``: recompute the hashes of every issued document's file and
compare them with the database and the ledger; exit 1 listing the documents that fail.
``python manage.py documents types``: list the document types and the context keys they need."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from yangguang.documents.models import IssuedDocument
from yangguang.documents.selectors import verify_documents
from yangguang.documents.types import DOC_TYPES


class Command(BaseCommand):
    help = "执法文书：校验文件完整性（verify），列出文书种类（types）"

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="recompute SHA-256/SM3 of every document file and compare")
        sub.add_parser("types", help="list document types and their required context keys")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "types":
            for t in DOC_TYPES.values():
                number = f"{t.word}〔年〕号" if t.numbered else "不编号"
                self.stdout.write(f"{t.code}\t{t.name}\t{number}\t必填：{', '.join(t.required)}")
            return
        problems = verify_documents()
        total = IssuedDocument.objects.count()
        for p in problems:
            self.stderr.write(f"#{p.document_id} {p.display_name}：{p.message}")
        if problems:
            raise CommandError(f"{len(problems)} 份文书校验失败（共 {total} 份）")
        self.stdout.write(f"全部 {total} 份文书文件校验通过（SHA-256、SM3 与记录条目一致）")
