"""Form widgets shared by every app.

A browser's ``<input type="date">`` accepts only an ISO value (``2026-05-03``); Django renders a date
widget's value in the active language's input format (``2026/05/03`` in Chinese), which the browser
discards, so the field shows blank. ``IsoDateInput`` always renders the ISO value."""

from __future__ import annotations

from typing import Any

from django import forms


class IsoDateInput(forms.DateInput):
    """``<input type="date">`` with its value in ISO format whatever the language."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")
