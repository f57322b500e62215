"""SM3 (GB/T 32905) and SM2 (GB/T 32918) against the published examples and gmssl; Ed25519; keys."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from gmssl import sm2 as gm_sm2

from yangguang.ledger import crypto
from yangguang.ledger.verifier import (
    SM2P256V1,
    sm2_digest,
    sm2_public_key_bytes,
    sm2_verify,
    sm3,
    sm3_pure,
    verify_signature,
)

ABC = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
ABCD16 = "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"


@pytest.mark.parametrize("fn", [sm3, sm3_pure])
def test_sm3_gbt_32905_examples(fn: Any) -> None:
    assert fn(b"abc").hex() == ABC
    assert fn(b"abcd" * 16).hex() == ABCD16


def test_pure_sm3_matches_openssl_at_every_padding_boundary() -> None:
    for n in [*range(0, 130), 1000, 4096]:
        data = os.urandom(n)
        assert sm3_pure(data) == sm3(data), n


# GM/T 0003.5-2012 (GB/T 32918.5-2017) Appendix A: signature on the recommended curve.
D = 0x3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8
PX = 0x09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020
PY = 0xCCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13
K = 0x59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21
E = 0xF0B43E94BA45ACCAACE692ED534382EB17E6AB5A19CE7B31F4486FDFC0D28640
R = "F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3"
S = "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA"


def test_sm2_published_example() -> None:
    assert crypto.sm2_public_key(D) == (PX, PY)
    assert sm2_digest(b"message digest", (PX, PY)) == E
    signature = crypto.sm2_sign(D, b"message digest", k_source=lambda: K)
    assert signature.hex().upper() == R + S
    assert sm2_verify((PX, PY), b"message digest", signature)
    assert not sm2_verify((PX, PY), b"message digesT", signature)
    assert not sm2_verify((PX, PY + 1), b"message digest", signature)


def _gmssl_keypair() -> tuple[int, str]:
    # gmssl strips leading "0"/"4" characters from public keys: draw until none is there.
    while True:
        d = crypto.sm2_generate_private_key()
        public = sm2_public_key_bytes(SM2P256V1, crypto.sm2_public_key(d))[1:].hex()
        if public[0] not in "04":
            return d, public


def test_sm2_cross_checks_with_gmssl() -> None:
    for _ in range(3):
        d, public_hex = _gmssl_keypair()
        other = gm_sm2.CryptSM2(private_key=f"{d:064x}", public_key=public_hex)
        message = os.urandom(40)
        ours = crypto.sm2_sign(d, message)
        assert other.verify_with_sm3(ours.hex(), message)
        theirs = bytes.fromhex(other.sign_with_sm3(message))
        point = crypto.sm2_public_key(d)
        assert sm2_verify(point, message, theirs)
        assert not sm2_verify(point, message + b"x", theirs)
        tampered = bytearray(ours)
        tampered[5] ^= 1
        assert not other.verify_with_sm3(bytes(tampered).hex(), message)


def test_sm2_rejects_out_of_range_signatures() -> None:
    point = (PX, PY)
    n = SM2P256V1.n
    assert not sm2_verify(point, b"m", bytes(64))
    assert not sm2_verify(point, b"m", n.to_bytes(32, "big") + (1).to_bytes(32, "big"))
    assert not sm2_verify(point, b"m", b"short")


@pytest.mark.parametrize("algorithm", ["sm2", "ed25519"])
def test_keys_are_generated_once_outside_the_database(settings: Any, tmp_path: Path, algorithm: str) -> None:
    settings.LEDGER_KEY_DIR = tmp_path / "keys"
    key = crypto.signing_key(algorithm)
    files = list((tmp_path / "keys").iterdir())
    assert len(files) == 1
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "keys").stat().st_mode) == 0o700
    signature = key.sign(b"tree head")
    assert key.verify(b"tree head", signature)
    assert verify_signature(algorithm, key.public_key, b"tree head", signature)
    assert not verify_signature(algorithm, key.public_key, b"tree head!", signature)
    crypto._cache.clear()
    again = crypto.signing_key(algorithm)
    assert again.public_key == key.public_key
    assert again.fingerprint == key.fingerprint and len(key.fingerprint) == 64


def test_unknown_signature_algorithm_is_refused(settings: Any, tmp_path: Path) -> None:
    settings.LEDGER_KEY_DIR = tmp_path
    with pytest.raises(ValueError, match="LEDGER_SIGNATURE"):
        crypto.signing_key("rsa")
