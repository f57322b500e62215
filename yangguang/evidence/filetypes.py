"""File type from content (magic bytes), never from the name, and size limits per kind."""

from __future__ import annotations

from dataclasses import dataclass

from .conf import MB
from .models import EvidenceKind


@dataclass(frozen=True)
class FileType:
    code: str
    content_type: str
    label: str
    kinds: frozenset[str]


_ALL = frozenset(EvidenceKind.values)
TYPES: dict[str, FileType] = {
    t.code: t
    for t in (
        FileType("jpeg", "image/jpeg", "JPEG", frozenset({"photo", "document", "electronic", "on_site"})),
        FileType("png", "image/png", "PNG", frozenset({"photo", "document", "electronic", "on_site"})),
        FileType("heic", "image/heic", "HEIC", frozenset({"photo", "electronic"})),
        FileType("mp4", "video/mp4", "MP4", frozenset({"video", "electronic", "on_site"})),
        FileType("mov", "video/quicktime", "MOV", frozenset({"video", "electronic", "on_site"})),
        FileType("webm", "video/webm", "WebM", frozenset({"video", "audio", "electronic"})),
        FileType("wav", "audio/wav", "WAV", frozenset({"audio", "electronic"})),
        FileType("mp3", "audio/mpeg", "MP3", frozenset({"audio", "electronic"})),
        FileType("m4a", "audio/mp4", "M4A", frozenset({"audio", "electronic"})),
        FileType("pdf", "application/pdf", "PDF", frozenset({"document", "electronic", "on_site"})),
        FileType(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "DOCX",
            frozenset({"document", "electronic", "on_site"}),
        ),
        FileType("zip", "application/zip", "ZIP", frozenset({"electronic"})),
    )
}

MAX_SIZE: dict[str, int] = {
    EvidenceKind.PHOTO: 50 * MB,
    EvidenceKind.VIDEO: 8192 * MB,
    EvidenceKind.AUDIO: 2048 * MB,
    EvidenceKind.DOCUMENT: 200 * MB,
    EvidenceKind.ELECTRONIC: 4096 * MB,
    EvidenceKind.ON_SITE: 200 * MB,
}

# How many leading bytes ``sniff`` needs.
HEAD_BYTES = 64


def sniff(head: bytes) -> str | None:
    """The type code of a file from its first bytes, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis"):
            return "heic"
        if brand == b"qt  ":
            return "mov"
        if brand in (b"M4A ", b"M4B "):
            return "m4a"
        return "mp4"
    if head[4:8] in (b"moov", b"mdat", b"wide", b"free"):
        return "mov"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "wav"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"[Content_Types].xml" in head or b"word/" in head else "zip"
    return None


def allowed_types(kind: str) -> list[str]:
    return [t.label for t in TYPES.values() if kind in t.kinds]
