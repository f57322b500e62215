"""Other personal data found by form or by the word before it (run on the normalized text, see
``numbers.normalize``): e-mail addresses, licence plates, birth dates, account and document numbers
named by their word (微信号, QQ, 护照, 通行证, 住院号 …), natural persons' addresses (after 住址,
家住, 住在 … or written as a flat: 3幢2单元501室, 4组12号)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Mobiles of Hong Kong, Macao and Taiwan written with their country code.
INTL_PHONE = re.compile(r"\+\s?(?:852|853|886)[\s\-]?\d{4}[\s\-]?\d{4,5}(?!\d)")
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+\s?@\s?[A-Za-z0-9\-]+(?:\s?\.\s?[A-Za-z0-9\-]+)+")
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"
PLATE = re.compile(
    rf"(?<![A-Za-z0-9])[{_PROVINCES}]\s?[A-Z]\s?[·•・.\-\s]?\s?(?:[A-HJ-NP-Z0-9]{{5,6}}(?:挂|学|警|港|澳)?|[A-HJ-NP-Z0-9]{{4}}(?:挂|学|警|港|澳))(?![A-Za-z0-9])"
)
_DATE = r"(?:\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{8})"
BIRTH = re.compile(
    rf"(?:(?:出生日期|出生年月日?|出生于|(?<!先)生于|生日|出生时间)[：:\s]*(?:为|是)?[：:\s]*(?P<a>{_DATE}))|(?P<b>{_DATE})\s*(?:出生|生人|生(?=[，,。；;\s）)]))"
)
# A number or handle named by its word: the token after the word is personal.
NAMED_ID = re.compile(
    r"(?:微信号|微信账号|微信|QQ号码?|QQ|qq|护照号码?|护照|通行证号码?|通行证|回乡证|台胞证|身份证号码?|身份证|证件号码?|"
    r"住院号|病历号|门诊号|社保卡号|医保卡号|社会保障号码?|驾驶证号码?|驾驶证|残疾证号码?|残疾人证号?|支付宝账号|支付宝|"
    r"抖音号|快手号|昵称|户口本号|小号)"
    r"[：:\s（(]*(?:为|是|号码|号)?[：:\s]*(?P<v>[A-Za-z0-9_\-]{5,40}(?:[(][A-Za-z0-9][)])?)"
)
ADDRESS_CUE = re.compile(
    r"(?<!经营)(?<!注册)(?<!营业)(?<!办公)(?<!生产)(?<!单位)(?<!公司)(?<!门店)(?<!店铺)(?<!检查)(?<!仓库)"
    r"(?<!拟设)(?<!拟开办)(?:家庭住址|家庭地址|现住址|住址|户籍地址|户籍所在地|户籍地|户籍|现居住地|居住地址?|暂住地?|现住|家住|住在|住于|居住在|居住于|"
    r"租住在?|租住于|收货地址|收件地址|送货地址|寄件地址|配送地址|发货地址|宿舍地址|家位于|家中位于|住处|地址|"
    r"(?<=[，,（(；;\s])住(?![院宿所房户址])|前往|送往|送至)"
    r"[：:\s]*(?:为|在|于|是)?[：:\s]*"
)
ADDRESS_BODY = re.compile(r"[\u4e00-\u9fffA-Za-z0-9\-#—－]{4,60}?(?=[，,。；;、\n\s（()）]|$)")
ADDRESS_MARK = re.compile(r"[省市区县旗镇乡村屯路街道巷弄里号栋幢楼单元室组苑园庄院]")
FLAT = re.compile(
    r"(?:[\u4e00-\u9fff]{0,6}?(?:小区|花园|新村|公寓|家园|苑|村|大厦|广场|城|园)?)"
    r"\d+\s*(?:幢|栋|号楼|座|栋楼|楼)\s*(?:\d+\s*单元)?\s*\d+(?:-\d+)?\s*(?:室|号|户)?(?!\d)|"
    r"\d+\s*单元\s*\d+\s*(?:室|号|户)|\d+\s*组\s*\d+\s*号|\d+\s*弄\s*\d+\s*号(?:\s*\d+\s*室)?|"
    r"[\u4e00-\u9fff]{1,4}村[\u4e00-\u9fff]{1,3}组|wxid_[A-Za-z0-9_]+|"
    r"[\u4e00-\u9fff]{1,6}(?:村|小区|花园|新村|苑|家园)\d+(?:幢|栋|号楼)"
)
# Health, disability, pregnancy, injuries and criminal or traffic records of a person: the clause
# (between punctuation) that holds such a word, unless it cites a law or a rule.
HEALTH = re.compile(
    r"[^，,。；;：:（()）\n“”]*?(?:[\u4e00-\u9fff](?:病|癌|炎|瘫|瘤)|[\u4e00-\u9fff]{1,4}症|骨折|烧伤|烫伤|挫伤|擦伤|咬伤|"
    r"撕裂|离断|坏死|伤残|残疾|失能|压疮|中风|孕\d+周|孕期|哺乳期|术后|手术|腹泻|呕吐|发热|腹痛|心悸|失眠|透析|洗胃|走失|视力|"
    r"近视|肝功能|白细胞|血压|间盘|醉酒|酒后驾驶|刑事责任|记分周期|记满|狂犬|疫苗|抑郁|吸入烟气|未见异常|损伤)[^，,。；;：:（()）\n“”]*"
)
HEALTH_NOT = re.compile(
    r"[《》]|法|条|规定|条例|许可|标准|防治|卫生|诊疗科目|健康证|病死|疫病|动物|病虫|虫害|食品|药品|看病|治病|中心|医院|机构|疾病预防"
)
PREMISES = re.compile(r"名称|场所|店|公司|单位|厂|KTV|酒店|宾馆|超市|诊所|门市")
WORKPLACE = re.compile(r"(?:工作单位|就读学校|就职于)[：:\s]*(?P<v>[^，,。；;\n]{2,40})")


# The party block's first line when the party is an organization (当事人：某某有限公司).
ORG_PARTY = re.compile(
    r"^\s*(?:当事人|被处罚单位|被检查单位|被申请人|申请人|单位名称|名称)[：:]\s*[^\n]*?"
    r"(?:公司|商行|商店|店|厂|部|中心|医院|诊所|学校|合作社|酒店|宾馆|餐厅|酒楼|药房|社|所|场|馆|院|园|站|行|个体工商户[)）]?)\s*$"
)
LABEL_LINE = re.compile(r"^\s*[\u4e00-\u9fff0-9（()）]{2,12}[：:]")  # (the text is normalized: 一 → 1)


def _in_org_party_block(norm: str, pos: int) -> bool:
    """Whether the label at ``pos`` starts a line of an organization party's block: the lines above
    it, up to the party's line (当事人：…公司), are all label lines (统一社会信用代码：…, 法定代表人：…);
    that address is the organization's (public), not a person's."""
    line_start = norm.rfind("\n", 0, pos) + 1
    if norm[line_start:pos].strip():
        return False
    lines = norm[:line_start].split("\n")[:-1]
    for line in reversed(lines[-6:]):
        if ORG_PARTY.match(line):
            return True
        if not LABEL_LINE.match(line):
            return False
    return False


@dataclass(frozen=True)
class PatternHit:
    kind: str  # email, licence_plate, other_personal, person_address
    start: int
    end: int


def find_patterns(norm: str) -> Iterator[PatternHit]:
    for m in EMAIL.finditer(norm):
        yield PatternHit("email", m.start(), m.end())
    for m in INTL_PHONE.finditer(norm):
        yield PatternHit("mobile", m.start(), m.end())
    for m in PLATE.finditer(norm):
        yield PatternHit("licence_plate", m.start(), m.end())
    for m in BIRTH.finditer(norm):
        g = "a" if m.group("a") else "b"
        yield PatternHit("other_personal", m.start(g), m.end(g))
    for m in NAMED_ID.finditer(norm):
        yield PatternHit("other_personal", m.start("v"), m.end("v"))
    for m in ADDRESS_CUE.finditer(norm):
        line = norm[max(0, m.start() - 24) : m.start()].rsplit("\n", 1)[-1]
        if m.group().startswith("地址") and (PREMISES.search(line) or _in_org_party_block(norm, m.start())):
            continue  # the address of a shop or a premise named just before (场所名称：…　地址：…)
        body = ADDRESS_BODY.match(norm, m.end())
        if body and ADDRESS_MARK.search(body.group()):
            yield PatternHit("person_address", body.start(), body.end())
    for m in FLAT.finditer(norm):
        kind = "other_personal" if m.group().startswith("wxid_") else "person_address"
        yield PatternHit(kind, m.start(), m.end())
    for m in HEALTH.finditer(norm):
        if not HEALTH_NOT.search(m.group()) and m.end() > m.start():
            yield PatternHit("other_personal", m.start(), m.end())
    for m in WORKPLACE.finditer(norm):
        yield PatternHit("other_personal", m.start("v"), m.end("v"))


def address_variants(address: str) -> list[str]:
    """A known address and its tails after each administrative unit (the text often leaves out
    the province, the city or the district that the case data has), longest first."""
    address = address.strip()
    if not address:
        return []
    out = {address}
    for m in re.finditer(r"(?:省|自治区|市|州|盟|区|县|旗|镇|乡|街道)", address):
        tail = address[m.end() :]
        if len(tail) >= 5 and re.search(r"\d|村|组|号|室|巷|弄", tail):
            out.add(tail)
    return sorted(out, key=len, reverse=True)
