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


def test_ordinary_words_after_a_role_word_are_not_names() -> None:
    text = "执法人员进入当事人后厨，又查看了当事人经营场所内的货架。据店员反映，周边住户常来。"
    assert redact(text, Known()) == text


def test_a_word_that_is_also_a_name_is_masked_with_a_strong_mark() -> None:
    out = redact("村民江山、金星投诉噪声扰民，导游向前（导游证号D-1234）在场。", Known())
    assert "江山" not in out and "金星" not in out and "向前" not in out
    out = redact("顾客马力向店员索要发票，投诉人方圆于3月2日来电。", Known())
    assert "马力" not in out and "方圆" not in out


def test_a_common_word_before_a_weak_function_word_stays() -> None:
    text = "检查当事人后厨的冰箱，发现当事人后厨在二楼，附近老人常来和店员聊天。"
    assert redact(text, Known()) == text


def test_third_person_name_followed_directly_by_a_verb() -> None:
    out = redact("当事人于3月2日向顾客司马春生出售过期奶粉两罐，又向消费者訾红梅收取押金。", Known())
    assert "司马春生" not in out and "訾红梅" not in out
    assert "过期奶粉" in out and "押金" in out


def test_given_name_alone_after_a_detected_full_name() -> None:
    out = redact("乘客韦晓丽、姚国栋称系扫码上车，晓丽出示了付款截图，国栋未提供。", Known())
    assert "晓丽" not in out and "国栋" not in out
    assert "出示了付款截图" in out
