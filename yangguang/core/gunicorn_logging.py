"""gunicorn's logger with access and error lines in the platform's log format (JSON by default)."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from gunicorn.glogging import Logger as GunicornLogger

from .logging import JsonFormatter


class Logger(GunicornLogger):
    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        if os.environ.get("YG_LOG_FORMAT", "json") == "json":
            for log in (self.error_log, self.access_log):
                for handler in log.handlers:
                    handler.setFormatter(JsonFormatter())

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: dt.timedelta) -> None:
        if not (self.cfg.accesslog or self.cfg.logconfig or self.cfg.syslog):
            return
        if os.environ.get("YG_LOG_FORMAT", "json") != "json":
            super().access(resp, req, environ, request_time)
            return
        status = getattr(resp, "status_code", None) or str(getattr(resp, "status", "")).split(" ")[0]
        self.access_log.info(
            "request",
            extra={
                "method": environ.get("REQUEST_METHOD", ""),
                "path": environ.get("PATH_INFO", ""),
                "query": environ.get("QUERY_STRING", ""),
                "status": int(status) if str(status).isdigit() else status,
                "bytes": getattr(resp, "sent", None),
                "duration_ms": round(request_time.total_seconds() * 1000, 1),
                "client": environ.get("REMOTE_ADDR", ""),
                "forwarded_for": environ.get("HTTP_X_FORWARDED_FOR", ""),
                "user_agent": environ.get("HTTP_USER_AGENT", "")[:200],
            },
        )
        return None
