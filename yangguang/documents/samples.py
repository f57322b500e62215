"""A complete sample context: every field of every document type, filled in as a case would fill
it. Used by the tests and the demo, and a worked example for callers of ``issue_document``."""

from __future__ import annotations

from typing import Any

SAMPLE_PARTY: dict[str, Any] = {
    "name": "杭州示例食品有限公司",
    "kind": "organization",
    "id_number": "91330100MA2XXXXX0L",
    "address": "浙江省杭州市西湖区文三路100号",
    "legal_representative": "王五",
    "phone": "0571-88888888",
}

SAMPLE_OFFICERS: list[dict[str, str]] = [
    {"name": "李明", "certificate_no": "ZJ3301001234"},
    {"name": "赵强", "certificate_no": "ZJ3301005678"},
]

SAMPLE_ITEMS: list[dict[str, str]] = [
    {"name": "超过保质期的“鲜牛奶”", "spec": "250毫升/盒", "quantity": "48盒"},
    {"name": "进货台账", "spec": "", "quantity": "1本"},
]


# Where a type reads a shared key differently (the legal basis of a licence is not a penalty clause).
SAMPLE_OVERRIDES: dict[str, dict[str, Any]] = {
    "licensing_grant": {"legal_basis": "《中华人民共和国食品安全法》第三十五条第一款"},
    "licensing_denial": {"legal_basis": "《中华人民共和国食品安全法》第三十五条第一款"},
    "seizure_decision": {"legal_basis": "《中华人民共和国食品安全法》第一百一十条第（四）项"},
    "no_penalty_decision": {"legal_basis": "《中华人民共和国行政处罚法》第三十三条第一款"},
    "summary_penalty_decision": {
        "facts": "在店外占道摆放商品经营，经劝阻后仍未改正",
        "violated_provisions": "《杭州市市容和环境卫生管理条例》第二十二条",
        "legal_basis": "《杭州市市容和环境卫生管理条例》第六十条",
        "penalty": "罚款人民币200元",
        "fine_amount": "200",
    },
    "surcharge_demand": {"fine_amount": "50000"},
}


def sample_context(doc_type: str | None = None) -> dict[str, Any]:
    ctx = _base_context()
    if doc_type:
        ctx.update(SAMPLE_OVERRIDES.get(doc_type, {}))
    return ctx


def _base_context() -> dict[str, Any]:
    return {
        "case_number": "杭市监案〔2026〕15号",
        "case_cause": "涉嫌销售超过保质期的食品案",
        "case_source": "投诉举报",
        "party": dict(SAMPLE_PARTY),
        "officers": [dict(o) for o in SAMPLE_OFFICERS],
        "facts": "当事人于2026年10月1日至10月15日期间，在其经营场所销售超过保质期的“鲜牛奶”48盒，货值金额人民币960元，违法所得人民币240元",
        "evidence": ["现场检查笔录及现场照片", "询问笔录", "进货凭证及销售记录", "当事人营业执照复印件"],
        "violated_provisions": "《中华人民共和国食品安全法》第三十四条第（十）项",
        "legal_basis": "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项",
        "penalty": "1.没收违法所得人民币240元；2.罚款人民币50000元",
        "fine_amount": "50000",
        "bank": "中国工商银行杭州分行营业部（户名：杭州市财政局非税收入汇缴结算户，账号：1202020000000000000）",
        "discretion": "当事人系初次违法，积极配合调查，依据《浙江省市场监督管理行政处罚裁量基准》，在法定幅度内从轻处罚",
        "statement_summary": "当事人在规定期限内提出了陈述、申辩，经复核，其理由不能成立，本机关不予采纳",
        "review_organ": "杭州市人民政府",
        "court": "杭州市西湖区人民法院",
        "date": "2026-11-20",
        "contact_person": "李明",
        "contact_phone": "0571-87000000",
        "agency_address": "杭州市上城区解放东路18号",
        "place": "杭州市西湖区文三路100号当事人经营场所",
        "started_at": "2026-10-16T09:30",
        "ended_at": "2026-10-16T10:45",
        "record": "当事人经营场所货架上陈列有“鲜牛奶”48盒，标注生产日期为2026年9月20日，保质期7天，已超过保质期",
        "attachments": ["案件移送审批表", "涉案物品清单", "相关证据材料"],
        "handler_opinion": "当事人涉嫌违反《中华人民共和国食品安全法》第三十四条，符合立案条件，建议立案调查",
        "approver_opinion": "同意立案",
        "approver": "周局长",
        "outcome": "没收违法所得人民币240元，罚款人民币50000元",
        "execution": "当事人已于2026年12月1日全额缴纳罚没款",
        "interviewee": {
            "name": "王五",
            "id_number": "330106198001011234",
            "relation": "法定代表人",
            "phone": "13800000000",
        },
        "qa": [
            {"q": "你公司是否销售过上述“鲜牛奶”？", "a": "是的，10月1日进货60盒，已卖出12盒。"},
            {"q": "你是否知道这些牛奶已经过期？", "a": "店员没有及时检查，我们不知道已经过期。"},
        ],
        "preserved_items": [dict(i) for i in SAMPLE_ITEMS],
        "storage_place": "当事人经营场所仓库（已加贴封条）",
        "measure": "扣押",
        "seized_items": [dict(i) for i in SAMPLE_ITEMS],
        "period_days": 30,
        "period_start": "2026-10-16",
        "period_end": "2026-11-14",
        "original_decision_number": "杭市监扣〔2026〕3号",
        "extension_reason": "案情复杂，需对涉案食品进行检验",
        "release_reason": "涉案财物已检验完毕，不再需要扣押",
        "proposal": "建议依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项，没收违法所得人民币240元，并处罚款人民币50000元",
        "hearing_right": True,
        "statement": "当事人称过期牛奶系店员疏忽未及时下架，并非故意销售，请求从轻处罚",
        "paid_amount": "5000",
        "paid_on": "2026-11-30",
        "receipt_number": "33010026000123",
        "paid_total": "5000",
        "outstanding": "0",
        "present": "王五（当事人法定代表人）、张三（见证人）",
        "hearing_time": "2026-11-05T14:00",
        "hearing_place": "杭州市市场监督管理局第一听证室",
        "hearing_host": "孙审核",
        "hearing_clerk": "钱记录",
        "hearing_date": "2026-11-05",
        "hearing_findings": "当事人对销售超过保质期食品的事实无异议，提交了已召回部分产品的凭证",
        "hearing_opinion": "违法事实清楚，证据确实充分；当事人主动召回，建议在裁量基准内从轻处罚",
        "hearing_public": True,
        "attendees": ["王五（当事人法定代表人）", "张律师（委托代理人）"],
        "chair": "周局长",
        "participants": ["周局长", "吴副局长", "钱科长", "孙审核"],
        "conclusion": "同意承办机构的处理意见，对当事人没收违法所得人民币240元，并处罚款人民币50000元",
        "no_penalty_reason": "当事人违法行为轻微并及时改正，没有造成危害后果",
        "receiving_organ": "杭州市公安局西湖区分局",
        "suspected_crime": "当事人的行为涉嫌构成销售不符合安全标准的食品罪",
        "served_document": "行政处罚决定书（杭市监罚〔2026〕12号）",
        "service_method": "直接送达",
        "service_place": "杭州市西湖区文三路100号",
        "served_at": "2026-11-21T10:00",
        "recipient": "杭州示例食品有限公司",
        "occurred_at": "2026-11-20T15:20",
        "decision_number": "杭市监罚〔2026〕12号",
        "decision_date": "2026-11-20",
        "obligation": "没收违法所得人民币240元，罚款人民币50000元",
        "performance": "本机关于2026年12月10日依法送达加处罚款催告书，被申请人逾期仍未履行",
        "inspected_at": "2026-10-16T09:30",
        "inspection_item": "食品经营者落实食品安全主体责任情况检查",
        "findings": "现场检查发现货架上有超过保质期的“鲜牛奶”48盒，进货查验记录不完整",
        "result": "发现问题，责令整改，涉嫌违法行为另案处理",
        "rectification": "立即下架超过保质期的食品，完善进货查验记录，于2026年10月23日前完成整改",
        "application_item": "食品经营许可（新办）",
        "applied_on": "2026-11-02",
        "application_number": "SP20261102001",
        "materials": ["食品经营许可申请书", "营业执照复印件", "与食品经营相适应的主要设备设施布局、操作流程等文件"],
        "license_content": "经营项目：预包装食品销售（含冷藏冷冻食品）；经营场所：杭州市西湖区文三路100号",
        "license_number": "JY13301060000000",
        "valid_until": "2031-11-19",
        "review_round": 1,
        "review_findings": ["1. 主体是否合法：符合", "6. 裁量基准运用是否适当：符合"],
        "review_conclusion": "同意",
        "review_opinion": "事实清楚，证据确凿，适用依据正确，程序合法，裁量适当，同意承办机构的处理意见",
        "reviewer": "孙审核",
        "denial_reason": "申请人的经营场所与有毒、有害场所的距离不符合《食品经营许可和备案管理办法》规定的条件",
    }
