"""The append-only ledger (全过程记录日志): entries, the Merkle tree's stored nodes, the head and
signed checkpoints.

Entries form an RFC 9162 Merkle tree (see ``merkle``). Nothing here is ever updated or deleted by
the application: ``services.append_entry`` inserts an entry and advances the head, and
``services.make_checkpoint`` inserts a signed checkpoint. ``services.verify_ledger`` recomputes
everything and names the first entry that differs.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Entry(models.Model):
    """One recorded action (记录条目): a canonical JSON document, its RFC 9162 leaf hash, and the
    hashes of the perfect subtrees that this entry completes (level 1 upwards, 32 bytes each).

    ``canonical`` is the exact text that is hashed; the other columns repeat parts of it for lookup.
    """

    seq = models.BigIntegerField(_("序号"), primary_key=True)
    recorded_at = models.DateTimeField(_("记录时间"))
    actor = models.CharField(_("操作人"), max_length=150, blank=True)
    subject = models.CharField(_("对象"), max_length=200, db_index=True)
    action = models.CharField(_("动作"), max_length=100)
    public = models.BooleanField(_("公开"), default=False)
    canonical = models.TextField(_("规范化JSON"))
    leaf_hash = models.BinaryField(_("叶子哈希"), max_length=32)
    nodes = models.BinaryField(_("子树哈希"), blank=True, default=b"")

    class Meta:
        verbose_name = _("记录条目")
        verbose_name_plural = _("记录条目")
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.subject}"


class EntryRef(models.Model):
    """Another subject an entry concerns (e.g. the case of a document), so that a case's record can
    be selected and exported. Not part of the hashed content beyond the entry's ``refs`` list."""

    seq = models.BigIntegerField(_("序号"), db_index=True)
    subject = models.CharField(_("关联对象"), max_length=200, db_index=True)

    class Meta:
        verbose_name = _("记录关联")
        verbose_name_plural = _("记录关联")
        constraints = [models.UniqueConstraint(fields=["seq", "subject"], name="ledger_entryref_unique")]

    def __str__(self) -> str:
        return f"#{self.seq} → {self.subject}"


class LedgerHead(models.Model):
    """The single row (pk 1) that appends lock: tree size, the hash algorithm of this log, the last
    leaf hash (the next entry's ``prev``) and the frontier (roots of the perfect subtrees of the
    current tree, largest first), so that an append needs no other read."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    size = models.BigIntegerField(_("条目数"), default=0)
    hash_alg = models.CharField(_("哈希算法"), max_length=16)
    last_leaf = models.BinaryField(_("最后叶子哈希"), blank=True, default=b"")
    frontier = models.BinaryField(_("右边界子树"), blank=True, default=b"")

    class Meta:
        verbose_name = _("日志头")
        verbose_name_plural = _("日志头")

    def __str__(self) -> str:
        return f"ledger head {self.size} ({self.hash_alg})"


class CheckpointFormat(models.TextChoices):
    NOTE = "note", _("C2SP 签名检查点")
    JSON = "json", _("JSON（早期格式）")


class Checkpoint(models.Model):
    """A signed tree head (签名检查点): tree size, root and time, signed with SM2 or Ed25519.

    ``body`` is the text that was signed: a C2SP checkpoint (origin, size, base64 root; ``format``
    "note") whose signature line is ``— <origin> <signature>``, with ``signature`` the base64 of key
    ID and signature; or, for checkpoints made before the C2SP format, canonical JSON with a hex
    signature (``format`` "json"). The other columns repeat the body for queries."""

    tree_size = models.BigIntegerField(_("树大小"), unique=True)
    root = models.CharField(_("根哈希"), max_length=64)
    created_at = models.DateTimeField(_("时间"))
    hash_alg = models.CharField(_("哈希算法"), max_length=16)
    sig_alg = models.CharField(_("签名算法"), max_length=16)
    key_fingerprint = models.CharField(_("公钥指纹"), max_length=64)
    body = models.TextField(_("签名内容"))
    signature = models.CharField(_("签名"), max_length=256)
    format = models.CharField(_("格式"), max_length=8, choices=CheckpointFormat.choices, default=CheckpointFormat.NOTE)

    class Meta:
        verbose_name = _("签名检查点")
        verbose_name_plural = _("签名检查点")
        ordering = ["tree_size"]
        get_latest_by = "tree_size"

    def __str__(self) -> str:
        return f"checkpoint {self.tree_size} {self.root[:16]}"


class Cosignature(models.Model):
    """A witness's cosignature on a checkpoint (见证人联署, C2SP tlog-cosignature): the signature line
    the witness returned, kept so that the published checkpoint carries it."""

    checkpoint = models.ForeignKey(Checkpoint, on_delete=models.PROTECT, related_name="cosignatures")
    witness = models.CharField(_("见证人"), max_length=200)
    key_id = models.CharField(_("密钥标识"), max_length=8)
    timestamp = models.BigIntegerField(_("联署时间（Unix 秒）"))
    line = models.TextField(_("签名行"))
    received_at = models.DateTimeField(_("接收时间"))

    class Meta:
        verbose_name = _("见证人联署")
        verbose_name_plural = _("见证人联署")
        constraints = [
            models.UniqueConstraint(fields=["checkpoint", "witness", "key_id"], name="ledger_cosignature_unique")
        ]

    def __str__(self) -> str:
        return f"{self.witness} on {self.checkpoint_id}"


class LedgerKey(models.Model):
    """A public key that has signed checkpoints of this log (签名公钥), so that verification can
    check old checkpoints without the key directory. A row proves nothing by itself: the
    fingerprint is the SHA-256 of the key, and trust comes from the pinned fingerprint and the
    signed handover entries."""

    fingerprint = models.CharField(_("公钥指纹"), max_length=64, unique=True)
    algorithm = models.CharField(_("签名算法"), max_length=16)
    public_key = models.CharField(_("公钥"), max_length=200)
    first_used = models.DateTimeField(_("首次使用"))

    class Meta:
        verbose_name = _("签名公钥")
        verbose_name_plural = _("签名公钥")
        ordering = ["first_used"]

    def __str__(self) -> str:
        return f"{self.algorithm} {self.fingerprint[:16]}"
