"""The redaction's precision on sentences written for these tests (not from any corpus): an
organization party's address is kept (whatever the case data holds), no mask crosses a line break,
ordinary words after a role word are not names; and its recall on a third person's name followed
directly by a verb and on a given name used alone after the full name."""

from __future__ import annotations

from yangguang.publicity.redaction import Known, known_from_case_data, redact

ORG_HEADER = "当事人：宁波恒远五金制品有限公司\n统一社会信用代码：91330200MA2AB3CD4E\n法定代表人：董立新\n"


def test_org_party_address_after_label_is_kept_without_case_data() -> None:
    text = ORG_HEADER + "地址：江北区洪塘街道工业路17号3楼\n\n经查，当事人生产不合格产品。"
    assert "江北区洪塘街道工业路17号3楼" in redact(text, Known())


def test_org_party_address_in_case_data_is_kept_in_any_tail() -> None:
    case = {
        "party": {
            "kind": "organization",
            "name": "宁波恒远五金制品有限公司",
            "address": "浙江省宁波市江北区工业路17号3楼",
        }
    }
    text = ORG_HEADER + "住所：宁波市江北区工业路17号3楼\n经查，当事人未按规定标注。"
    assert "宁波市江北区工业路17号3楼" in redact(text, known_from_case_data(case))


def test_person_address_after_label_is_still_masked() -> None:
    text = "当事人：董立新\n身份证号码：110105198503171231\n地址：江北区洪塘街道工业路17号3楼\n\n经查。"
    out = redact(text, Known())
    assert "工业路17号" not in out


def test_mask_never_crosses_a_line_break() -> None:
    text = "证人家住建设路8号2楼\n\n2026年3月4日，执法人员到场。"
    out = redact(text, Known())
    assert "建设路8号2楼" not in out
    assert "\n\n2026年3月4日，执法人员到场。" in out
