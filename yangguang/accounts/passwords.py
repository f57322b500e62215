"""Password rules beyond Django's (length, common and numeric passwords, similarity): character
classes and history. Configured in settings from environment variables (YG_PASSWORD_*)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from yangguang.accounts.models import PasswordHistory

CLASS_LABELS = ("大写字母", "小写字母", "数字", "符号")


def character_classes(password: str) -> int:
    return sum(
        (
            any(c.isupper() for c in password),
            any(c.islower() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )


class MinimumLengthValidator:
    """At least ``min_length`` characters (Django's own message changed its msgid in 5.2 and has no
    Chinese translation, so it would show in English)."""

    def __init__(self, min_length: int = 10) -> None:
        self.min_length = min_length

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(
                _("密码长度太短：至少须有%(n)d个字符") % {"n": self.min_length}, code="password_too_short"
            )

    def get_help_text(self) -> str:
        return _("密码至少须有%(n)d个字符") % {"n": self.min_length}


class CharacterClassesValidator:
    """At least ``min_classes`` of upper-case letters, lower-case letters, digits and symbols."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: Any = None) -> None:
        if character_classes(password) < self.min_classes:
            raise ValidationError(
                _("密码须包含大写字母、小写字母、数字、符号中的至少%(n)d类") % {"n": self.min_classes},
                code="password_classes",
            )

    def get_help_text(self) -> str:
        return _("密码须包含大写字母、小写字母、数字、符号中的至少%(n)d类") % {"n": self.min_classes}


class PasswordHistoryValidator:
    """Not the current password nor one of the last ``count`` (checked against their hashes)."""

    def __init__(self, count: int = 5) -> None:
        self.count = count

    def validate(self, password: str, user: Any = None) -> None:
        if user is None or getattr(user, "pk", None) is None or self.count == 0:
            return
        recent = [user.password] if user.password else []
        recent += list(PasswordHistory.objects.filter(user=user).values_list("encoded", flat=True)[: self.count])
        if any(check_password(password, encoded) for encoded in recent):
            raise ValidationError(
                _("新密码不能与当前密码或最近%(n)d次使用过的密码相同") % {"n": self.count}, code="password_reused"
            )

    def get_help_text(self) -> str:
        return _("不能与最近%(n)d次使用过的密码相同") % {"n": self.count}
