"""The append-only ledger (全过程记录日志). Minimal first version: the ledger work replaces this
with the full RFC 9162 Merkle tree, checkpoints and proofs, keeping ``append_entry``'s signature."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Entry(models.Model):
    """One recorded action: a canonical JSON document and its leaf hash."""

    seq = models.BigIntegerField(_("序号"), unique=True)
    recorded_at = models.DateTimeField(_("记录时间"))
    actor = models.CharField(_("操作人"), max_length=150, blank=True)
    subject = models.CharField(_("对象"), max_length=200, db_index=True)
    action = models.CharField(_("动作"), max_length=100)
    canonical = models.TextField(_("规范化JSON"))
    leaf_hash = models.CharField(_("叶子哈希"), max_length=64)

    class Meta:
        verbose_name = _("记录条目")
        verbose_name_plural = _("记录条目")
        ordering = ["seq"]
