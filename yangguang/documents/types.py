"""The registry of enforcement document types (执法文书种类), as declarative data.

Each type says its Chinese name, the kind of action it belongs to, whether it carries a document
number (文号) and with which word (罚, 告, 扣, 许 ...), and which context fields it needs. The
service validates a caller's context against this table, the content builder
(``yangguang.documents.content``) turns the context into the document's text, and the API lists
the table so that clients know what to send. Data is entered once (in the case) and reused by
every document: the same keys mean the same thing in every type.
"""

from __future__ import annotations

from dataclasses import dataclass

# Number text: agency abbreviation + type word + 〔year〕 + sequence + 号, e.g. 杭市监罚〔2026〕12号.
DEFAULT_NUMBER_PATTERN = "{abbr}{word}〔{year}〕{seq}号"


@dataclass(frozen=True)
class FieldSpec:
    """One context field: its key, Chinese label and shape.

    Kinds: ``text`` (non-empty string), ``date`` (ISO date ``YYYY-MM-DD``), ``datetime`` (ISO
    ``YYYY-MM-DDTHH:MM``), ``int``, ``money`` (yuan, number or numeric string), ``bool``,
    ``list`` (non-empty list of strings), ``party`` (dict: name, id_number, address required;
    kind "person"/"organization", legal_representative, phone optional), ``person`` (dict: name
    required; id_number, relation, phone, address optional), ``officers`` (non-empty list of dicts
    with name and certificate_no), ``items`` (non-empty list of dicts with name, spec, quantity),
    ``qa`` (non-empty list of dicts with q and a).
    """

    key: str
    label: str
    kind: str = "text"
    help: str = ""


_FIELD_LIST: tuple[FieldSpec, ...] = (
    # --- shared by many documents ---------------------------------------------------------------
    FieldSpec("case_number", "案件编号"),
    FieldSpec("case_cause", "案由", help="如：涉嫌销售不符合食品安全标准的食品案"),
    FieldSpec(
        "party",
        "当事人",
        "party",
        help="{name 名称/姓名, kind person|organization, id_number 统一社会信用代码/身份证号码, address 住所/地址, "
        "legal_representative 法定代表人（负责人）, phone 联系电话}",
    ),
    FieldSpec("officers", "执法人员", "officers", help="[{name 姓名, certificate_no 执法证号}]，至少两名"),
    FieldSpec("facts", "违法事实", help="经查明的事实"),
    FieldSpec("evidence", "证据", "list", help="证据名称列表"),
    FieldSpec("violated_provisions", "违反的规定", help="如：《中华人民共和国食品安全法》第三十四条第（十）项"),
    FieldSpec("legal_basis", "法律依据", help="作出决定所依据的法律、法规、规章条款"),
    FieldSpec("penalty", "处罚内容", help="如：1.没收违法所得人民币3000元；2.罚款人民币20000元"),
    FieldSpec("fine_amount", "罚款金额（元）", "money"),
    FieldSpec("hearing_date", "听证日期", "date"),
    FieldSpec("hearing_findings", "听证认定的事实和证据"),
    FieldSpec("hearing_opinion", "听证主持人的处理意见"),
    FieldSpec("replaces_notice", "被替代的告知书", help="重新告知时：原《行政处罚事先告知书》文号"),
    FieldSpec("new_facts", "告知后新发现的事实、理由或证据"),
    FieldSpec("surcharge_amount", "加处罚款金额（元）", "money"),
    FieldSpec("outstanding_amount", "尚欠罚款及加处罚款（元）", "money"),
    FieldSpec("bank", "缴款银行及账户", help="如：中国工商银行杭州分行（户名：杭州市财政局非税收入专户，账号：……）"),
    FieldSpec("discretion", "裁量理由"),
    FieldSpec("review_organ", "行政复议机关", help="如：杭州市人民政府"),
    FieldSpec("court", "人民法院", help="如：杭州市西湖区人民法院"),
    FieldSpec("date", "文书日期", "date", help="默认为签发当日"),
    FieldSpec("contact_person", "联系人"),
    FieldSpec("contact_phone", "联系电话"),
    FieldSpec("agency_address", "机关地址"),
    FieldSpec("place", "地点"),
    FieldSpec("started_at", "开始时间", "datetime"),
    FieldSpec("ended_at", "结束时间", "datetime"),
    FieldSpec("record", "记录内容"),
    FieldSpec("attachments", "附件", "list"),
    # --- filing and closing ---------------------------------------------------------------------
    FieldSpec("case_source", "案件来源", help="如：投诉举报、监督检查、上级交办"),
    FieldSpec("handler_opinion", "承办人意见"),
    FieldSpec("approver_opinion", "审批意见"),
    FieldSpec("approver", "审批人"),
    FieldSpec("outcome", "处理结果"),
    FieldSpec("execution", "执行情况"),
    # --- inquiry ----------------------------------------------------------------------------------
    FieldSpec("interviewee", "被询问人", "person", help="{name, id_number, relation 与当事人关系, phone, address}"),
    FieldSpec("qa", "问答记录", "qa", help="[{q 问, a 答}]"),
    # --- evidence preservation, seizure -----------------------------------------------------------
    FieldSpec("preserved_items", "先行登记保存物品", "items", help="[{name 名称, spec 规格, quantity 数量}]"),
    FieldSpec("storage_place", "保存地点"),
    FieldSpec("measure", "强制措施", help="查封 或 扣押"),
    FieldSpec("seized_items", "查封（扣押）财物", "items", help="[{name 名称, spec 规格, quantity 数量}]"),
    FieldSpec("period_days", "期限（日）", "int"),
    FieldSpec("period_start", "期限起始日", "date"),
    FieldSpec("period_end", "期限届满日", "date"),
    FieldSpec("original_decision_number", "原决定书文号"),
    FieldSpec("extension_reason", "延长理由"),
    FieldSpec("release_reason", "解除理由"),
    # --- investigation end, statement, hearing, discussion ----------------------------------------
    FieldSpec("proposal", "处理意见"),
    FieldSpec("hearing_right", "告知听证权利", "bool"),
    FieldSpec("statement", "陈述申辩内容"),
    FieldSpec("waiver", "放弃陈述申辩", "bool"),
    FieldSpec("statement_summary", "陈述申辩及采纳情况"),
    FieldSpec("hearing_time", "听证时间", "datetime"),
    FieldSpec("hearing_place", "听证地点"),
    FieldSpec("hearing_host", "听证主持人"),
    FieldSpec("hearing_clerk", "听证记录员"),
    FieldSpec("hearing_public", "公开举行听证", "bool"),
    FieldSpec("attendees", "参加人员", "list"),
    FieldSpec("chair", "主持人"),
    FieldSpec("participants", "参加人员", "list"),
    FieldSpec("conclusion", "讨论决定"),
    # --- decisions, referral, service, execution --------------------------------------------------
    FieldSpec("no_penalty_reason", "不予处罚理由"),
    FieldSpec("receiving_organ", "接收机关", help="如：杭州市公安局"),
    FieldSpec("suspected_crime", "涉嫌犯罪情况"),
    FieldSpec("served_document", "送达文书名称及文号"),
    FieldSpec("service_method", "送达方式", help="直接送达、留置送达、邮寄送达、委托送达、公告送达等"),
    FieldSpec("service_place", "送达地点"),
    FieldSpec("served_at", "送达时间", "datetime"),
    FieldSpec("recipient", "受送达人"),
    FieldSpec("occurred_at", "违法行为发生时间", "datetime"),
    FieldSpec("decision_number", "行政处罚决定书文号"),
    FieldSpec("decision_date", "处罚决定日期", "date"),
    FieldSpec("obligation", "应履行的义务"),
    FieldSpec("paid_amount", "本次缴款金额（元）", "money"),
    FieldSpec("paid_on", "缴款日期", "date"),
    FieldSpec("receipt_number", "缴款凭证号"),
    FieldSpec("paid_total", "累计已缴（元）", "money"),
    FieldSpec("outstanding", "尚欠金额（元）", "money"),
    FieldSpec("present", "在场人员"),
    FieldSpec("performance", "履行及催告情况"),
    # --- inspection -------------------------------------------------------------------------------
    FieldSpec("inspected_at", "检查时间", "datetime"),
    FieldSpec("inspection_item", "检查事项"),
    FieldSpec("findings", "检查情况"),
    FieldSpec("result", "检查结论"),
    FieldSpec("rectification", "整改要求"),
    # --- licensing --------------------------------------------------------------------------------
    FieldSpec("application_item", "申请事项"),
    FieldSpec("applied_on", "申请日期", "date"),
    FieldSpec("application_number", "申请编号"),
    FieldSpec("materials", "申请材料", "list"),
    FieldSpec("license_content", "许可内容"),
    FieldSpec("license_number", "许可证件编号"),
    FieldSpec("valid_until", "有效期至", "date"),
    FieldSpec("denial_reason", "不予许可理由"),
    # --- legal review (法制审核) -------------------------------------------------------------------
    FieldSpec("review_round", "审核轮次", "int"),
    FieldSpec("review_findings", "审核事项及结论", "list", help="九项审核事项逐项结论"),
    FieldSpec("review_conclusion", "审核结论", help="同意、修改后同意、存在问题"),
    FieldSpec("review_opinion", "书面审核意见"),
    FieldSpec("reviewer", "审核人员"),
)

FIELDS: dict[str, FieldSpec] = {f.key: f for f in _FIELD_LIST}


@dataclass(frozen=True)
class DocType:
    """One type of enforcement document. ``word`` is the type's word in the number (罚 in
    杭市监罚〔2026〕12号); unnumbered types (records, approval forms) are filed under the case number."""

    code: str
    name: str
    kind: str  # yangguang.roster.models.ActionKind value
    numbered: bool
    word: str = ""
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    number_pattern: str = DEFAULT_NUMBER_PATTERN
    description: str = ""

    def fields(self) -> list[FieldSpec]:
        return [FIELDS[k] for k in (*self.required, *self.optional)]


_COMMON_OPTIONAL = ("date", "contact_person", "contact_phone", "agency_address")
_REMEDIES = ("review_organ", "court")

_TYPES: tuple[DocType, ...] = (
    # --- 行政处罚 · 普通程序 -------------------------------------------------------------------------
    DocType(
        "case_filing",
        "立案审批表",
        "penalty",
        numbered=False,
        required=("case_number", "case_cause", "case_source", "party", "facts", "officers"),
        optional=("handler_opinion", "approver_opinion", "approver", *_COMMON_OPTIONAL),
        description="行政处罚法第五十四条：符合立案标准的，应当及时立案。",
    ),
    DocType(
        "inspection_record",
        "现场检查（勘验）笔录",
        "penalty",
        numbered=False,
        required=("party", "place", "started_at", "ended_at", "officers", "record"),
        optional=("case_number", "present", *_COMMON_OPTIONAL),
    ),
    DocType(
        "inquiry_record",
        "询问笔录",
        "penalty",
        numbered=False,
        required=("party", "interviewee", "place", "started_at", "ended_at", "officers", "qa"),
        optional=("case_number", "case_cause", *_COMMON_OPTIONAL),
    ),
    DocType(
        "evidence_preservation_notice",
        "先行登记保存证据通知书",
        "penalty",
        numbered=True,
        word="保",
        required=("case_cause", "party", "preserved_items", "storage_place", "officers"),
        optional=("case_number", "approver", *_COMMON_OPTIONAL),
        description="行政处罚法第五十六条：先行登记保存的证据应当在七日内及时作出处理决定。",
    ),
    DocType(
        "investigation_report",
        "调查终结报告",
        "penalty",
        numbered=False,
        required=(
            "case_number",
            "case_cause",
            "party",
            "facts",
            "evidence",
            "violated_provisions",
            "legal_basis",
            "proposal",
            "officers",
        ),
        optional=("discretion", *_COMMON_OPTIONAL),
    ),
    DocType(
        "penalty_notice",
        "行政处罚事先告知书",
        "penalty",
        numbered=True,
        word="告",
        required=("case_number", "party", "facts", "evidence", "violated_provisions", "legal_basis", "penalty"),
        optional=("hearing_right", "discretion", "replaces_notice", "new_facts", *_COMMON_OPTIONAL),
        description="行政处罚法第四十四条、第四十五条、第六十三条、第六十四条：告知拟作出的处罚及陈述、申辩、听证权利。",
    ),
    DocType(
        "statement_record",
        "陈述申辩笔录",
        "penalty",
        numbered=False,
        required=("case_number", "party", "officers", "statement"),
        optional=("case_cause", "place", "started_at", "ended_at", "waiver", *_COMMON_OPTIONAL),
        description="行政处罚法第四十五条：当事人有权进行陈述和申辩；当事人放弃陈述申辩的，记录其放弃声明。",
    ),
    DocType(
        "hearing_notice",
        "听证通知书",
        "penalty",
        numbered=True,
        word="听",
        required=("case_number", "case_cause", "party", "hearing_time", "hearing_place", "hearing_host"),
        optional=("hearing_clerk", "hearing_public", *_COMMON_OPTIONAL),
        description="行政处罚法第六十四条：听证的七日前通知当事人举行听证的时间、地点。",
    ),
    DocType(
        "hearing_record",
        "听证笔录",
        "penalty",
        numbered=False,
        required=(
            "case_number",
            "case_cause",
            "party",
            "hearing_time",
            "hearing_place",
            "hearing_host",
            "hearing_clerk",
            "record",
        ),
        optional=("attendees", "officers", "ended_at", *_COMMON_OPTIONAL),
    ),
    DocType(
        "hearing_report",
        "听证报告",
        "penalty",
        numbered=False,
        required=(
            "case_number",
            "case_cause",
            "party",
            "hearing_date",
            "hearing_host",
            "penalty",
            "hearing_findings",
            "hearing_opinion",
        ),
        optional=("hearing_place", *_COMMON_OPTIONAL),
        description="行政处罚法第六十五条：听证结束后，行政机关应当根据听证笔录，依照第五十七条作出决定。",
    ),
    DocType(
        "collective_discussion",
        "集体讨论记录",
        "penalty",
        numbered=False,
        required=(
            "case_number",
            "case_cause",
            "party",
            "started_at",
            "place",
            "chair",
            "participants",
            "record",
            "conclusion",
        ),
        optional=("ended_at", *_COMMON_OPTIONAL),
        description="行政处罚法第五十七条第二款：情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定。",
    ),
    DocType(
        "penalty_decision",
        "行政处罚决定书",
        "penalty",
        numbered=True,
        word="罚",
        required=(
            "case_number",
            "party",
            "facts",
            "evidence",
            "violated_provisions",
            "legal_basis",
            "penalty",
            *_REMEDIES,
        ),
        optional=("fine_amount", "bank", "discretion", "statement_summary", *_COMMON_OPTIONAL),
        description="行政处罚法第五十九条。有罚款的（fine_amount），须写明缴款银行（bank）及十五日缴款期限。",
    ),
    DocType(
        "no_penalty_decision",
        "不予行政处罚决定书",
        "penalty",
        numbered=True,
        word="不罚",
        required=("case_number", "party", "facts", "evidence", "no_penalty_reason", "legal_basis", *_REMEDIES),
        optional=_COMMON_OPTIONAL,
        description="行政处罚法第三十三条、第五十七条第一款第（二）项。",
    ),
    DocType(
        "case_transfer",
        "案件移送书",
        "penalty",
        numbered=True,
        word="移",
        required=("case_number", "case_cause", "party", "receiving_organ", "facts", "suspected_crime"),
        optional=("attachments", "evidence", *_COMMON_OPTIONAL),
        description="行政处罚法第二十七条；《行政执法机关移送涉嫌犯罪案件的规定》。",
    ),
    DocType(
        "service_receipt",
        "送达回证",
        "penalty",
        numbered=True,
        word="送",
        required=("served_document", "party", "service_method", "service_place", "served_at", "officers"),
        optional=("case_number", "recipient", *_COMMON_OPTIONAL),
        description="行政处罚法第六十一条：行政处罚决定书应当在宣告后当场交付当事人；当事人不在场的，应当在七日内送达。",
    ),
    DocType(
        "summary_penalty_decision",
        "当场行政处罚决定书",
        "penalty",
        numbered=True,
        word="当罚",
        required=(
            "party",
            "occurred_at",
            "place",
            "facts",
            "violated_provisions",
            "legal_basis",
            "penalty",
            "officers",
            *_REMEDIES,
        ),
        optional=("case_number", "fine_amount", "bank", *_COMMON_OPTIONAL),
        description="行政处罚法第五十一条、第五十二条：警告或对公民二百元以下、对法人或其他组织三千元以下罚款，可当场作出。",
    ),
    DocType(
        "surcharge_demand",
        "加处罚款催告书",
        "penalty",
        numbered=True,
        word="催",
        required=("case_number", "party", "decision_number", "decision_date", "fine_amount", "bank"),
        optional=("surcharge_amount", "outstanding_amount", *_COMMON_OPTIONAL),
        description="行政处罚法第七十二条；行政强制法第三十五条、第四十五条、第五十四条。",
    ),
    DocType(
        "enforcement_application",
        "强制执行申请书",
        "penalty",
        numbered=True,
        word="执",
        required=("court", "party", "decision_number", "decision_date", "obligation", "performance"),
        optional=("case_number", "attachments", *_COMMON_OPTIONAL),
        description="行政强制法第五十三条至第五十五条。",
    ),
    DocType(
        "closing_approval",
        "结案审批表",
        "penalty",
        numbered=False,
        required=("case_number", "case_cause", "party", "outcome", "execution", "officers"),
        optional=("decision_number", "handler_opinion", "approver_opinion", "approver", *_COMMON_OPTIONAL),
    ),
    DocType(
        "payment_record",
        "罚没款缴纳记录",
        "penalty",
        numbered=False,
        required=("case_number", "party", "paid_amount", "paid_on"),
        optional=(
            "decision_number",
            "receipt_number",
            "fine_amount",
            "paid_total",
            "outstanding",
            "officers",
            *_COMMON_OPTIONAL,
        ),
        description="行政处罚法第六十七条：当事人应当自收到行政处罚决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款。",
    ),
    # --- 行政强制措施 -------------------------------------------------------------------------------
    DocType(
        "seizure_decision",
        "查封扣押决定书",
        "coercion",
        numbered=True,
        word="扣",
        required=(
            "party",
            "facts",
            "legal_basis",
            "measure",
            "seized_items",
            "storage_place",
            "period_days",
            "period_start",
            "period_end",
            *_REMEDIES,
        ),
        optional=("approver", "case_number", *_COMMON_OPTIONAL),
        description="行政强制法第二十四条、第二十五条：查封、扣押的期限不得超过三十日。",
    ),
    DocType(
        "seizure_extension_decision",
        "延长查封扣押期限决定书",
        "coercion",
        numbered=True,
        word="延扣",
        required=(
            "party",
            "original_decision_number",
            "measure",
            "extension_reason",
            "period_days",
            "period_end",
            *_REMEDIES,
        ),
        optional=("case_number", *_COMMON_OPTIONAL),
        description="行政强制法第二十五条：情况复杂的，经行政机关负责人批准，可以延长，但延长期限不得超过三十日。",
    ),
    DocType(
        "seizure_release_decision",
        "解除查封扣押决定书",
        "coercion",
        numbered=True,
        word="解扣",
        required=("party", "original_decision_number", "measure", "release_reason", "seized_items"),
        optional=("case_number", *_COMMON_OPTIONAL),
        description="行政强制法第二十八条。",
    ),
    DocType(
        "seizure_record",
        "查封扣押现场笔录",
        "coercion",
        numbered=False,
        required=("party", "place", "started_at", "ended_at", "officers", "measure", "seized_items", "record"),
        optional=("case_number", "original_decision_number", "present", *_COMMON_OPTIONAL),
        description="行政强制法第十八条：制作现场笔录，由当事人和行政执法人员签名或者盖章。",
    ),
    # --- 行政检查 ---------------------------------------------------------------------------------
    DocType(
        "inspection_check",
        "检查记录",
        "inspection",
        numbered=True,
        word="检",
        required=("party", "place", "inspected_at", "officers", "inspection_item", "findings", "result"),
        optional=("rectification", "case_number", *_COMMON_OPTIONAL),
    ),
    DocType(
        "legal_review_opinion",
        "法制审核意见书",
        "penalty",
        numbered=False,
        required=(
            "case_number",
            "case_cause",
            "party",
            "proposal",
            "review_findings",
            "review_conclusion",
            "review_opinion",
            "reviewer",
        ),
        optional=("review_round", *_COMMON_OPTIONAL),
        description="行政处罚法第五十八条：重大执法决定作出前由法制审核机构审核，书面审核意见存入案卷。",
    ),
    # --- 行政许可 ---------------------------------------------------------------------------------
    DocType(
        "licensing_acceptance",
        "受理通知书",
        "licensing",
        numbered=True,
        word="受",
        required=("party", "application_item", "applied_on"),
        optional=("application_number", "materials", *_COMMON_OPTIONAL),
        description="行政许可法第三十二条、第四十二条。",
    ),
    DocType(
        "licensing_grant",
        "准予行政许可决定书",
        "licensing",
        numbered=True,
        word="许",
        required=("party", "application_item", "applied_on", "license_content", "legal_basis"),
        optional=("application_number", "license_number", "valid_until", *_COMMON_OPTIONAL),
        description="行政许可法第三十八条第一款、第四十四条。",
    ),
    DocType(
        "licensing_denial",
        "不予行政许可决定书",
        "licensing",
        numbered=True,
        word="不许",
        required=("party", "application_item", "applied_on", "denial_reason", "legal_basis", *_REMEDIES),
        optional=("application_number", *_COMMON_OPTIONAL),
        description="行政许可法第三十八条第二款：依法作出不予行政许可的书面决定的，应当说明理由，并告知申请人享有依法申请行政复议或者提起行政诉讼的权利。",
    ),
)

DOC_TYPES: dict[str, DocType] = {t.code: t for t in _TYPES}


def get_doc_type(code: str) -> DocType | None:
    return DOC_TYPES.get(code)
