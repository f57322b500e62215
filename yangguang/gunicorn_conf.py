"""gunicorn settings for ``manage.py serve`` (and for running gunicorn directly:
``gunicorn -c python:yangguang.gunicorn_conf yangguang.wsgi``). Values come from the environment.

Threaded workers (``gthread``): each of ``YG_WEB_WORKERS`` processes serves ``YG_WEB_THREADS``
requests at once, so a slow client (a phone uploading evidence over a weak link) holds a thread,
not a whole process. Workers are recycled after ``max_requests`` (with jitter) to bound memory.
"""

from __future__ import annotations

import os

from yangguang.env import env_bool, env_int, env_list, env_str

bind = [env_str("YG_BIND", "127.0.0.1:8000")]
workers = env_int("YG_WEB_WORKERS", 4)
worker_class = "gthread"
threads = env_int("YG_WEB_THREADS", 4)
timeout = env_int("YG_WEB_TIMEOUT", 120)
graceful_timeout = 30
keepalive = 5
max_requests = env_int("YG_WEB_MAX_REQUESTS", 2000)
# Load the application once in the master and fork workers from it: a worker that died (or was
# recycled) is replaced in milliseconds instead of re-importing Django. Connections are opened
# lazily, per worker thread, never in the master.
preload_app = env_bool("YG_WEB_PRELOAD", True)
max_requests_jitter = max_requests // 10
# Believe X-Forwarded-Proto/-For only from the reverse proxies (docs/deployment.md).
forwarded_allow_ips = ",".join(env_list("YG_TRUSTED_PROXIES", ["127.0.0.1", "::1"]))
proxy_allow_ips = forwarded_allow_ips
accesslog = "-"
errorlog = "-"
loglevel = env_str("YG_LOG_LEVEL", "INFO").lower()
logger_class = "yangguang.core.gunicorn_logging.Logger"
proc_name = "yangguang-web"
# No control socket: several instances (tests, benchmarks, hosts sharing a home) must not collide.
control_socket_disable = True
wsgi_app = "yangguang.wsgi:application"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yangguang.settings")
