#!/usr/bin/env python3
"""A transparency-log witness (见证人) for Yangguang ledgers: the C2SP tlog-witness protocol.

Another agency, the justice bureau or any member of the public can run one. It keeps, per log, the
latest checkpoint it cosigned; it cosigns a new checkpoint only if the log's signature holds and a
consistency proof shows that the new tree extends the one it saw last. A log that was truncated or
rewritten can never again obtain its cosignature.

This file needs the Python standard library, ``verifier.py`` (beside it, or the Yangguang package)
and, for Ed25519 witness keys only, ``cryptography``. It never imports Django:

    python witness.py init --dir W --name witness.example.org/w1 [--algorithm ed25519|sm2]
    python witness.py add-log --dir W --vkey "<the log's verifier key>" [--hash sm3]
    python witness.py serve --dir W [--listen 127.0.0.1:8780]
    python witness.py show --dir W

The platform is configured with the witness's URL and the verifier key that ``init`` prints
(``YG_LEDGER_WITNESSES="https://witness.example.org <vkey>"``).

HTTP interface (c2sp.org/tlog-witness):

* ``POST /add-checkpoint``: body ``old <size>``, consistency proof lines (base64), a blank line, the
  signed checkpoint. 200 with the cosignature line; 404 unknown log; 403 no valid log signature;
  400 malformed or old size larger than the checkpoint; 409 (``text/x.tlog.size``, the size it
  cosigned last) when ``old`` is not that size, or same size with another root; 422 when the
  consistency proof does not verify.
* ``GET /checkpoint?origin=<origin>``: the latest checkpoint it cosigned, with its cosignature (a
  checkpoint known outside the log, for ``ledger verify --trusted``).

State lives in ``<dir>/state.sqlite3`` (one row per log, updated atomically with the check).
"""

from __future__ import annotations

import argparse
import base64
import importlib.util
import json
import os
import sqlite3
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any


def _verifier_beside_this_file() -> ModuleType:
    """``verifier.py`` (or ``verify_bundle.py``, as the platform serves it) next to this file: the
    witness handed out as two files, without the Yangguang package."""
    name = "yangguang_ledger_verifier"
    if name in sys.modules:
        return sys.modules[name]
    here = Path(__file__).parent
    found = [p for p in (here / "verifier.py", here / "verify_bundle.py") if p.exists()]
    spec = importlib.util.spec_from_file_location(name, found[0]) if found else None
    if spec is None or spec.loader is None:
        raise SystemExit("witness.py needs verifier.py beside it (download it from /ledger/verifier.py)")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the classes are created
    spec.loader.exec_module(module)
    return module


if TYPE_CHECKING:
    from yangguang.ledger import verifier as v
else:
    try:  # inside the project
        from yangguang.ledger import verifier as v
    except ImportError:  # handed out: this file and verifier.py, standard library only
        v = _verifier_beside_this_file()

MAX_BODY = 64 * 1024
MAX_PROOF_LINES = 63


class WitnessError(Exception):
    def __init__(self, status: int, message: str, content_type: str = "text/plain; charset=utf-8") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.content_type = content_type


@dataclass
class LogConfig:
    origin: str
    hash: str
    keys: list[Any]  # NoteVerifier


class Witness:
    """A witness's key, the logs it follows, and its state (one SQLite file)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        config = json.loads((directory / "witness.json").read_text(encoding="utf-8"))
        self.name = str(config["name"])
        self.algorithm = str(config["algorithm"])
        self.logs: dict[str, LogConfig] = {}
        for item in config.get("logs", []):
            keys = [v.parse_vkey(k) for k in item["vkeys"]]
            self.logs[item["origin"]] = LogConfig(item["origin"], item.get("hash", "sm3"), keys)
        self._sign, public = _load_private(directory / "witness.key", self.algorithm)
        self.verifier = v.NoteVerifier(self.name, f"cosignature-{self.algorithm}", public)
        self._lock = threading.Lock()
        self.db_path = directory / "state.sqlite3"
        with self._connect() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS checkpoints (origin TEXT PRIMARY KEY, size INTEGER NOT NULL,"
                " root BLOB NOT NULL, note TEXT NOT NULL, updated REAL NOT NULL)"
            )
            db.execute(
                "CREATE TABLE IF NOT EXISTS refusals (id INTEGER PRIMARY KEY, origin TEXT, status INTEGER,"
                " reason TEXT, body TEXT, at REAL)"
            )

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.db_path, timeout=30, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        return db

    def latest(self, origin: str) -> tuple[int, bytes, str]:
        with self._connect() as db:
            row = db.execute("SELECT size, root, note FROM checkpoints WHERE origin = ?", [origin]).fetchone()
        return (0, b"", "") if row is None else (int(row[0]), bytes(row[1]), str(row[2]))

    def add_checkpoint(self, body: bytes) -> str:
        """Process one add-checkpoint request; returns the cosignature line(s) or raises WitnessError."""
        old, proof, note_text = _parse_request(body)
        try:
            note = v.parse_note(note_text)
            cp = v.parse_checkpoint_text(note.text)
        except ValueError as exc:
            raise WitnessError(400, f"malformed checkpoint: {exc}") from None
        log_config = self.logs.get(cp.origin)
        if log_config is None:
            raise WitnessError(404, f"unknown log {cp.origin}")
        try:
            v.verify_note(note, log_config.keys)
        except ValueError:
            raise WitnessError(403, "no valid signature by the log's key") from None
        if old > cp.size:
            raise WitnessError(400, "old size is larger than the checkpoint")
        hasher = v.Hasher(log_config.hash)
        # Check and update atomically: two requests must never roll the state back.
        with self._lock, self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                row = db.execute("SELECT size, root FROM checkpoints WHERE origin = ?", [cp.origin]).fetchone()
                size, root = (0, b"") if row is None else (int(row[0]), bytes(row[1]))
                if old != size:
                    raise WitnessError(409, f"{size}\n", "text/x.tlog.size")
                if old == cp.size:
                    if size and root != cp.root:
                        raise WitnessError(409, f"{size}\n", "text/x.tlog.size")
                elif old == 0:
                    if proof:
                        raise WitnessError(400, "the proof must be empty when the old size is zero")
                else:
                    try:
                        v.verify_consistency(hasher, old, cp.size, proof, root, cp.root)
                    except v.ProofError as exc:
                        raise WitnessError(422, f"consistency proof does not verify: {exc}") from None
                line = v.cosign_note_text(self.verifier, note.text, int(time.time()), self._sign).line
                db.execute(
                    "INSERT INTO checkpoints (origin, size, root, note, updated) VALUES (?, ?, ?, ?, ?)"
                    " ON CONFLICT(origin) DO UPDATE SET size = excluded.size, root = excluded.root,"
                    " note = excluded.note, updated = excluded.updated",
                    [cp.origin, cp.size, cp.root, note.text + "\n" + _log_lines(note, log_config) + line, time.time()],
                )
                db.execute("COMMIT")
            except WitnessError as exc:
                db.execute("ROLLBACK")
                if exc.status in (409, 422):  # possible evidence of a misbehaving log: keep it
                    db.execute(
                        "INSERT INTO refusals (origin, status, reason, body, at) VALUES (?, ?, ?, ?, ?)",
                        [cp.origin, exc.status, exc.message.strip(), body.decode("utf-8", "replace"), time.time()],
                    )
                raise
        return line


def _log_lines(note: Any, log_config: LogConfig) -> str:
    known = {(k.name, k.key_id) for k in log_config.keys}
    return "".join(s.line for s in note.signatures if (s.name, s.key_id) in known)


def _parse_request(body: bytes) -> tuple[int, list[bytes], str]:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise WitnessError(400, "the request is not UTF-8") from None
    head, sep, note_text = text.partition("\n\n")
    if not sep:
        raise WitnessError(400, "expected: old size line, proof lines, a blank line, the checkpoint")
    lines = head.split("\n")
    first = lines[0]
    if (
        not first.startswith("old ")
        or not (first[4:].isascii() and first[4:].isdigit())
        or (first[4:] != "0" and first[4:].startswith("0"))
    ):
        raise WitnessError(400, "the first line must be: old <size>")
    proof_lines = lines[1:]
    if len(proof_lines) > MAX_PROOF_LINES:
        raise WitnessError(400, "too many consistency proof lines")
    try:
        proof = [base64.b64decode(p, validate=True) for p in proof_lines]
    except ValueError:
        raise WitnessError(400, "a consistency proof line is not base64") from None
    return int(first[4:]), proof, note_text


def _load_private(path: Path, algorithm: str) -> tuple[Any, bytes]:
    if algorithm == "sm2":
        d = int(json.loads(path.read_text())["private_key"], 16)
        public = v.sm2_public_key_bytes(v.SM2P256V1, v.sm2_public_key(d))
        return (lambda message: v.sm2_sign(d, message)), public
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise SystemExit(f"{path} is not an Ed25519 key")
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return key.sign, public


def init(directory: Path, name: str, algorithm: str) -> Any:
    """Create a witness: its key (mode 0600) and configuration."""
    directory.mkdir(parents=True, exist_ok=True)
    key_path = directory / "witness.key"
    if key_path.exists():
        raise SystemExit(f"{key_path} exists: this directory already holds a witness")
    if algorithm == "sm2":
        d = v.sm2_generate_private_key()
        data = json.dumps({"algorithm": "sm2", "private_key": f"{d:064x}"}).encode()
    else:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        data = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    config = {"name": name, "algorithm": algorithm, "logs": []}
    (directory / "witness.json").write_text(json.dumps(config, indent=1, ensure_ascii=False), encoding="utf-8")
    return Witness(directory)


def add_log(directory: Path, vkey: str, hash_alg: str) -> str:
    key = v.parse_vkey(vkey)
    if key.is_cosigner:
        raise SystemExit("that is a witness key, not a log key")
    v.Hasher(hash_alg)  # validates the name
    path = directory / "witness.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    for item in config["logs"]:
        if item["origin"] == key.name:
            if vkey not in item["vkeys"]:
                item["vkeys"].append(vkey)  # a rotated log key: both stay trusted
            break
    else:
        config["logs"].append({"origin": key.name, "hash": hash_alg, "vkeys": [vkey]})
    path.write_text(json.dumps(config, indent=1, ensure_ascii=False), encoding="utf-8")
    return key.name


def make_handler(witness: Witness) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "yangguang-witness/1"

        def _reply(self, status: int, text: str, content_type: str = "text/plain; charset=utf-8") -> None:
            data = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            if urllib.parse.urlsplit(self.path).path.rstrip("/").rsplit("/", 1)[-1] != "add-checkpoint":
                self._reply(404, "not found\n")
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self._reply(413, "request too large\n")
                return
            body = self.rfile.read(length)
            try:
                self._reply(200, witness.add_checkpoint(body))
            except WitnessError as exc:
                self._reply(
                    exc.status, exc.message if exc.message.endswith("\n") else exc.message + "\n", exc.content_type
                )

        def do_GET(self) -> None:
            parts = urllib.parse.urlsplit(self.path)
            if parts.path.rstrip("/").rsplit("/", 1)[-1] != "checkpoint":
                self._reply(404, "not found\n")
                return
            origin = urllib.parse.parse_qs(parts.query).get("origin", [""])[0]
            size, _root, note = witness.latest(origin)
            if not size:
                self._reply(404, "no checkpoint cosigned for this log\n")
                return
            self._reply(200, note)

        def log_message(self, format: str, *args: Any) -> None:
            sys.stderr.write("witness: " + (format % args) + "\n")

    return Handler


def serve(directory: Path, listen: str, ready: Any = None) -> None:
    witness = Witness(directory)
    host, _, port = listen.rpartition(":")
    server = ThreadingHTTPServer((host or "127.0.0.1", int(port)), make_handler(witness))
    bound_host, bound_port = server.server_address[:2]
    url = f"http://{bound_host!s}:{bound_port}"
    print(f"witness {witness.name} listening on {url}", flush=True)
    print(f"vkey {witness.verifier.vkey}", flush=True)
    if ready is not None:
        ready(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Yangguang ledger witness (C2SP tlog-witness) 见证人服务")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("init", help="create a witness key and configuration")
    p.add_argument("--dir", required=True, type=Path)
    p.add_argument("--name", required=True, help="the witness's key name, e.g. witness.example.org/w1")
    p.add_argument("--algorithm", choices=["ed25519", "sm2"], default="ed25519")
    p = sub.add_parser("add-log", help="follow a log: its verifier key (from the platform's ledger page)")
    p.add_argument("--dir", required=True, type=Path)
    p.add_argument("--vkey", required=True)
    p.add_argument("--hash", default="sm3", choices=["sm3", "sha256"])
    p = sub.add_parser("serve", help="serve the tlog-witness HTTP interface")
    p.add_argument("--dir", required=True, type=Path)
    p.add_argument("--listen", default="127.0.0.1:8780", help="host:port (port 0: any free port)")
    p = sub.add_parser("show", help="print the witness's verifier key and the latest checkpoints")
    p.add_argument("--dir", required=True, type=Path)
    args = parser.parse_args(argv)
    if args.command == "init":
        w = init(args.dir, args.name, args.algorithm)
        print(f"vkey {w.verifier.vkey}")
    elif args.command == "add-log":
        print(f"following {add_log(args.dir, args.vkey, args.hash)}")
    elif args.command == "serve":
        serve(args.dir, args.listen)
    else:
        w = Witness(args.dir)
        print(f"vkey {w.verifier.vkey}")
        for origin in w.logs:
            size, root, _note = w.latest(origin)
            print(f"{origin}: size {size} root {base64.b64encode(root).decode() if root else '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
