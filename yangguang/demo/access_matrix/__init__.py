"""The generated access matrix (访问控制矩阵): every role × every endpoint and page × own agency /
other agency / secret case, driven over HTTP (Django's test client) against a small world built
through the services, and printed into docs/access-matrix.md.

Endpoints are found, not listed: the URL resolver (pages, the admin's change lists and change
pages) and the API's OpenAPI document (every operation). Each one needs a line in ``SPECS`` saying
how to call it (which object of which context its URL names, which body a write sends); an endpoint
without one fails the test, so a new endpoint cannot escape the matrix. Writes are probed with a
body that is complete enough to pass the framework's validation but that the service refuses
(empty reasons, unknown steps), so an allowed role gets 400 (or a redirect with the service's
message) and a refused one 403/404; every request runs in a savepoint that is rolled back, so the
order of the probes does not matter.

A cell is the HTTP status, ``拒`` when the response carries the policy's refusal (a 403, or a
redirect/form whose message is an ``AccessDenied`` raised during the request) and ``→登录`` for a
redirect to the login page. ``violations`` checks the rules of issue 11 on the result: no server
error anywhere; on case content, nobody reads another agency's objects, only the handlers, the head
of the handling unit and the agency head read a secret case, administrators read no case content,
anonymous visitors nothing but the public portal.
"""

from __future__ import annotations

from .document import Row, column, parse, render, rows
from .probe import Endpoint, Matrix, granted, run, served_endpoints, violations
from .specs import API, PAGES, Spec
from .world import CONTEXT_LABELS, CONTEXTS, PRINCIPALS, MatrixError, Objects, World, build_world

__all__ = [
    "API",
    "CONTEXTS",
    "CONTEXT_LABELS",
    "PAGES",
    "PRINCIPALS",
    "Endpoint",
    "Matrix",
    "MatrixError",
    "Objects",
    "Row",
    "Spec",
    "World",
    "build_world",
    "column",
    "granted",
    "parse",
    "render",
    "rows",
    "run",
    "served_endpoints",
    "violations",
]
