"""The redaction's detectors on sentences written for these tests (not from the evaluation corpus):
numbers as people write them, names after role words with rare and compound surnames and their
later mentions, and the precision guard (ordinary words, organizations, officers)."""

from __future__ import annotations

import pytest

from yangguang.publicity.redaction import Known, detect, known_from_case_data, redact, redact_all

ID = "110105198503171231"  # valid check digit
USCC = "91330106MA27XQ7A1B"


@pytest.mark.parametrize(
    "text, secret",
    [
        ("当事人手机138-1234-5678。", "138-1234-5678"),
        ("联系电话：138 1234 5678。", "138 1234 5678"),
        ("电话+86 13812345678。", "+86 13812345678"),
        ("电话００８６－１３８１２３４５６７８。", "１３８１２３４５６７８"),
        ("电话一三八一二三四五六七八。", "一三八一二三四五六七八"),
        ("座机(0571)88886666转12。", "88886666"),
        ("座机（０５７１）８８８８６６６６。", "８８８８６６６６"),
        ("座机0571-8888 6666。", "0571-8888 6666"),
        (f"身份证号{ID[:6]} {ID[6:14]} {ID[14:]}。", ID[6:14]),
        ("身份证号44030619920229004x。", "44030619920229004x"),
        ("身份证110105850317123。", "110105850317123"),
        (f"特种作业操作证T{ID}。", ID),
        ("收款卡号6222 0212 3456 7890 128。", "6222 0212 3456 7890 128"),
        ("货车辽B·12345被扣押。", "辽B·12345"),
        ("车牌辽A·F12345。", "辽A·F12345"),
        ("挂车豫A8976挂。", "豫A8976挂"),
        ("邮箱li.ming＠example.com。", "li.ming＠example.com"),
        ("其微信号：liming_1990。", "liming_1990"),
        ("出生日期：1985年3月17日。", "1985年3月17日"),
        ("家住幸福小区5幢2单元301室。", "5幢2单元301室"),
        ("住址：滨江区长河街道江南村3组12号。", "江南村3组12号"),
        ("消费者亓春燕称购买后腹泻。", "亓春燕"),
        ("证人欧阳修远在场。", "欧阳修远"),
        ("驾驶员尉迟恭明称不知情。", "尉迟恭明"),
        ("乘客仉小雨、笪文和訾晓东均证实。", "笪文"),
        ("业主訾晓东反映噪声扰民。", "訾晓东"),
        ("服务员买买提·艾力作为证人在场。", "买买提·艾力"),
    ],
)
def test_hidden(text: str, secret: str) -> None:
    assert secret not in redact(text, Known())


@pytest.mark.parametrize(
    "text",
    [
        "当事人应自收到本决定书之日起十五日内缴纳罚款。",
        "执法人员查验了进货台账，单位负责人在场。",
        f"统一社会信用代码：{USCC}。",
        "商品条码6901234567892，食品经营许可证JY13301060012345。",
        "受理编号330106202403150012。",
        "执法人员王明（执法证号13010211873）到场检查。",
        "罚款13800元，没收违法所得1.38万元。",
        "2025-06-16作出决定，依据《中华人民共和国食品安全法》第一百二十二条第一款。",
        "当事人违反了《消费者权益保护法》第五十六条。",
        "驾驶员向东行驶至路口。",
    ],
)
def test_kept(text: str) -> None:
    assert redact(text, Known()) == text


def test_every_later_mention_of_a_found_name_is_masked() -> None:
    text = "投诉人上官婉儿称购买的面包过期。经核实，上官婉儿所述属实，婉儿称愿意作证。"
    out = redact(text, Known())
    assert "上官婉儿" not in out and "婉儿" not in out
    assert out.startswith("投诉人上官某某称")


def test_case_data_masks_every_form_and_keeps_the_organization() -> None:
    case = {
        "party": {
            "kind": "organization",
            "name": "杭州阳光食品有限公司",
            "uscc": USCC,
            "legal_rep": "司马光明",
            "business_address": "浙江省杭州市西湖区文三路88号",
        },
        "persons": [
            {
                "role": "witness",
                "name": "皇甫志强",
                "phone": "13912345678",
                "address": "浙江省杭州市西湖区文三路88号3楼301室",
            },
            {"role": "complainant", "name": "阿依古丽·买买提", "id_number": ID},
        ],
        "agency": "杭州市西湖区市场监督管理局",
    }
    text = (
        f"当事人：杭州阳光食品有限公司，统一社会信用代码：{USCC}，法定代表人：司马光明，住所：西湖区文三路88号。"
        f"员工皇甫志强（电话139 1234 5678，住文三路88号3楼301室）称，阿依古丽买买提（身份证{ID[:6]}-{ID[6:]}）投诉后，"
        "志强曾与阿依古丽联系。"
    )
    title, out = redact_all(["皇甫志强等人投诉杭州阳光食品有限公司案", text], known_from_case_data(case))
    for kept in ("杭州阳光食品有限公司", USCC, "司马光明", "西湖区文三路88号。"):
        assert kept in out
    for hidden in ("皇甫志强", "志强", "139 1234 5678", "3楼301室", "阿依古丽", "买买提", ID[6:]):
        assert hidden not in out, hidden
    assert title == "皇甫某某等人投诉杭州阳光食品有限公司案"


def test_detect_labels_what_it_finds() -> None:
    kinds = {h.kind for h in detect(f"证人李四，身份证{ID}，电话138-1234-5678，车牌浙A·12345。")}
    assert kinds >= {"自然人姓名", "身份证号码", "手机号码", "车牌号码"}
