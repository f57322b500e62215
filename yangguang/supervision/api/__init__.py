"""Supervision API (/api/supervision/): the warning models (provision, rule, parameters, version, hit
count, precision), their hits (list, verdict, turn into a clue), clues (create, assign, close with
the finding), supervision documents (issue, list, get) and the agency's answers (rectification with
evidence; the bureau accepts or returns). Session authentication.

Every endpoint calls the same selectors and services as the pages: the API parses and serializes,
the services decide (permission policy, ledger, numbering); a refusal is ``{code, message}``."""

from __future__ import annotations

# The route modules register their operations on the shared router when imported.
from . import campaign_routes, clue_routes, evaluation_routes, figure_routes
from .base import router

__all__ = ["campaign_routes", "clue_routes", "evaluation_routes", "figure_routes", "router"]
