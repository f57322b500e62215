"""Builders for the penalty procedure documents (行政处罚程序文书): filing, investigation
records, notices, hearing, collective discussion, decisions, transfer, service, enforcement, closing
and the legal review opinion."""

from __future__ import annotations

from typing import Any

from yangguang.documents.content.blocks import (
    Block,
    Ctx,
    _end,
    cn_date,
    cn_datetime,
    contact,
    evidence_lines,
    items_rows,
    money_text,
    officers_block,
    officers_text,
    party_lines,
    party_rows,
    payment,
    record_header,
    record_signs,
    remedies,
    seal,
    show_certificates,
    you,
)
from yangguang.documents.types import DocType
from yangguang.workdays.periods import PERIODS


def _case_filing(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    rows = [
        ("案件编号", str(ctx["case_number"])),
        ("案由", str(ctx["case_cause"])),
        ("案件来源", str(ctx["case_source"])),
        *party_rows(ctx["party"]),
        ("简要案情", str(ctx["facts"])),
        ("承办人", officers_text(ctx["officers"])),
        (
            "承办人意见",
            str(
                ctx.get("handler_opinion")
                or "经初步核查，当事人涉嫌违法，符合《中华人民共和国行政处罚法》第五十四条规定的立案条件，建议立案调查。"
            ),
        ),
        ("审批意见", str(ctx.get("approver_opinion") or "")),
        ("审批人", f"{ctx.get('approver') or ''}　　{cn_date(ctx.get('date'))}"),
    ]
    return [Block("table", rows=tuple(rows))]


def _inspection_record(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    present = [("在场人员", str(ctx["present"]))] if ctx.get("present") else []
    return [
        *record_header(ctx, "检查（勘验）地点"),
        Block("table", rows=(*party_rows(ctx["party"]), *present)),
        officers_block(ctx),
        show_certificates(ctx),
        Block("heading", "现场检查（勘验）情况："),
        Block("para", _end(ctx["record"])),
        Block("para", "以上笔录经当事人核对无误。"),
        record_signs("当事人（签名或盖章）", "执法人员（签名）", "见证人（签名）"),
        Block("note", "当事人拒绝签名的，执法人员应当在笔录上注明情况，并可邀请见证人签名。"),
    ]


def _inquiry_record(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    iv = ctx["interviewee"]
    rows = [("被询问人", str(iv["name"]))]
    for key, label in (
        ("id_number", "身份证件号码"),
        ("relation", "与当事人关系"),
        ("phone", "联系电话"),
        ("address", "住址"),
    ):
        if iv.get(key):
            rows.append((label, str(iv[key])))
    rows.append(("当事人", str(ctx["party"]["name"])))
    blocks = [*record_header(ctx, "询问地点"), Block("table", rows=tuple(rows)), officers_block(ctx, "询问人")]
    names = "、".join(str(o["name"]) for o in ctx["officers"])
    blocks.append(
        Block(
            "para",
            f"问：我们是{a}的执法人员{names}，这是我们的执法证件（出示）。现依法向你进行询问调查，"
            "你应当如实回答询问，协助调查，不得阻挠。你认为执法人员与本案有直接利害关系的，可以申请回避。你是否申请回避？",
        )
    )
    blocks.append(Block("para", "答：不申请。"))
    for qa in ctx["qa"]:
        blocks.append(Block("para", f"问：{qa['q']}"))
        blocks.append(Block("para", f"答：{qa['a']}"))
    blocks.append(Block("para", "问：以上笔录你看一下，是否与你所说的一致？"))
    blocks.append(Block("para", "答：以上笔录我已看过，与我所说的一致。"))
    blocks.append(record_signs("被询问人（签名）", "询问人（签名）", "记录人（签名）"))
    return blocks


def _evidence_preservation_notice(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    return [
        Block("line", f"{ctx['party']['name']}："),
        Block(
            "para",
            f"因{you(ctx)}{_strip_case(ctx['case_cause'])}，在证据可能灭失或者以后难以取得的情况下，"
            f"经本机关负责人{ctx.get('approver') or ''}批准，依据《中华人民共和国行政处罚法》第五十五条、第五十六条的规定，"
            f"本机关决定对下列物品予以先行登记保存（详见下列清单）：",
        ),
        Block("table", rows=(("序号", "物品名称、规格、数量"), *items_rows(ctx["preserved_items"]))),
        Block("para", f"保存地点：{ctx['storage_place']}。"),
        Block(
            "para",
            f"在先行登记保存期间，{you(ctx)}不得销毁或者转移上述物品。本机关将在{PERIODS['evidence_preservation'].text}内依法作出处理决定。",
        ),
        Block("line", f"执法人员：{officers_text(ctx['officers'])}"),
        *contact(a, ctx),
        seal(a, ctx),
        record_signs("当事人（签名或盖章）"),
    ]


def _strip_case(cause: Any) -> str:
    """案由 "涉嫌销售过期食品案" reads "涉嫌销售过期食品" inside a sentence."""
    text = str(cause).strip()
    return text[:-1] if text.endswith("案") else text


def _investigation_report(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    blocks = [
        Block("table", rows=(("案件编号", str(ctx["case_number"])), ("案由", str(ctx["case_cause"])))),
        Block("heading", "一、当事人基本情况"),
        *party_lines(ctx),
        Block("heading", "二、案件来源及调查经过"),
        Block("para", f"本案由执法人员{officers_text(ctx['officers'])}承办，经调查取证，现已调查终结。"),
        Block("heading", "三、违法事实"),
        Block("para", _end(ctx["facts"])),
        Block("heading", "四、证据"),
        *evidence_lines(ctx),
        Block("heading", "五、定性及处理依据"),
        Block(
            "para",
            f"当事人的上述行为违反了{ctx['violated_provisions']}的规定，依法应当依据{ctx['legal_basis']}的规定予以处理。",
        ),
    ]
    if ctx.get("discretion"):
        blocks.append(Block("heading", "六、裁量理由"))
        blocks.append(Block("para", _end(ctx["discretion"])))
    blocks.append(Block("heading", "七、处理意见" if ctx.get("discretion") else "六、处理意见"))
    blocks.append(Block("para", _end(ctx["proposal"])))
    blocks.append(record_signs("承办人（签名）"))
    blocks.append(Block("line", cn_date(ctx.get("date"))))
    return blocks


def _penalty_notice(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    y = you(ctx)
    blocks = [Block("line", f"{ctx['party']['name']}：")]
    if ctx.get("new_facts"):
        replaced = f"本机关以{ctx['replaces_notice']}" if ctx.get("replaces_notice") else "本机关此前"
        blocks.append(
            Block(
                "para",
                f"{replaced}向{y}告知拟作出的行政处罚后，发现了新的违法事实、理由或证据：{_end(ctx['new_facts'])}"
                "现依据《中华人民共和国行政处罚法》第四十四条的规定重新告知，原告知书不再作为作出决定的依据。",
            )
        )
    blocks += [
        Block("para", f"经查，{_end(ctx['facts'])}"),
        Block("para", "以上事实有下列证据证明："),
        *evidence_lines(ctx),
        Block(
            "para",
            f"{y}的上述行为违反了{ctx['violated_provisions']}的规定。依据{ctx['legal_basis']}的规定，"
            f"本机关拟对{y}作出如下行政处罚：{_end(ctx['penalty'])}",
        ),
    ]
    if ctx.get("discretion"):
        blocks.append(Block("para", f"裁量理由：{_end(ctx['discretion'])}"))
    blocks.append(
        Block(
            "para",
            f"根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，{y}有权进行陈述和申辩。"
            f"{y}可在收到本告知书之日起{PERIODS['statement'].text}内向本机关提出陈述、申辩意见；"
            "本机关将对当事人提出的事实、理由和证据进行复核，不因当事人陈述、申辩而给予更重的处罚。",
        )
    )
    if ctx.get("hearing_right"):
        blocks.append(
            Block(
                "para",
                f"根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，{y}有权要求举行听证。"
                f"{y}要求听证的，应当在收到本告知书之日起{PERIODS['statement'].text}内向本机关提出。",
            )
        )
    blocks.append(
        Block("para", f"逾期未提出陈述、申辩{'或者要求听证' if ctx.get('hearing_right') else ''}的，视为放弃上述权利。")
    )
    blocks.extend(contact(a, ctx))
    blocks.append(seal(a, ctx))
    return blocks


def _statement_record(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    # A statement made in person has its time and place; a written statement or a waiver has not.
    if ctx.get("place") and ctx.get("started_at") and ctx.get("ended_at"):
        head = record_header(ctx)
    else:
        head = [Block("table", rows=(("案件编号", str(ctx["case_number"])),))]
    if ctx.get("waiver"):
        body = [
            Block("heading", "放弃陈述申辩声明："),
            Block(
                "para",
                "本机关已依法告知当事人拟作出的行政处罚内容及事实、理由、依据，并告知其依法享有陈述、申辩"
                "（及要求听证）的权利。当事人明确表示放弃上述权利。",
            ),
            Block("para", f"当事人声明：{_end(ctx['statement'])}"),
        ]
    else:
        body = [Block("heading", "陈述申辩内容："), Block("para", _end(ctx["statement"]))]
    return [
        *head,
        Block("table", rows=tuple(party_rows(ctx["party"], "陈述申辩人"))),
        officers_block(ctx, "承办人"),
        *body,
        Block("para", "以上笔录经陈述申辩人核对无误。"),
        record_signs("陈述申辩人（签名或盖章）", "承办人（签名）", "记录人（签名）"),
    ]


def _payment_record(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    rows = [("案件编号", str(ctx["case_number"])), *party_rows(ctx["party"])]
    if ctx.get("decision_number"):
        rows.append(("行政处罚决定书文号", str(ctx["decision_number"])))
    if ctx.get("fine_amount"):
        rows.append(("罚款金额", money_text(ctx["fine_amount"])))
    rows.append(("缴款日期", cn_date(ctx["paid_on"])))
    rows.append(("本次缴款金额", money_text(ctx["paid_amount"])))
    if ctx.get("receipt_number"):
        rows.append(("缴款凭证号", str(ctx["receipt_number"])))
    if ctx.get("paid_total") is not None and ctx.get("paid_total") != "":
        rows.append(("累计已缴（含加处罚款）", money_text(ctx["paid_total"])))
    if ctx.get("outstanding") is not None and ctx.get("outstanding") != "":
        rows.append(("尚欠金额", money_text(ctx["outstanding"])))
    blocks = [Block("table", rows=tuple(rows))]
    if ctx.get("officers"):
        blocks.append(officers_block(ctx, "登记人"))
    blocks.append(Block("note", "缴款凭证（银行缴款回单或电子缴款凭证）附后。"))
    return blocks


def _hearing_notice(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    y = you(ctx)
    public = "公开" if ctx.get("hearing_public", True) else "不公开"
    clerk = f"，听证记录员：{ctx['hearing_clerk']}" if ctx.get("hearing_clerk") else ""
    return [
        Block("line", f"{ctx['party']['name']}："),
        Block(
            "para",
            f"根据{y}的申请，本机关定于{cn_datetime(ctx['hearing_time'])}在{ctx['hearing_place']}"
            f"对{_strip_case(ctx['case_cause'])}一案{public}举行听证，请准时出席。",
        ),
        Block("para", f"听证主持人：{ctx['hearing_host']}{clerk}。"),
        Block(
            "para",
            f"根据《中华人民共和国行政处罚法》第六十四条的规定，{y}可以亲自参加听证，也可以委托一至二人代理；"
            "委托代理人参加的，应当提交授权委托书。认为听证主持人与本案有直接利害关系的，有权申请回避。"
            f"{y}无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证。",
        ),
        *contact(a, ctx),
        seal(a, ctx),
    ]


def _hearing_record(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    end = f"至{cn_datetime(ctx['ended_at'])}" if ctx.get("ended_at") else ""
    rows = [
        ("案件编号", str(ctx["case_number"])),
        ("案由", str(ctx["case_cause"])),
        ("听证时间", f"{cn_datetime(ctx['hearing_time'])}{end}"),
        ("听证地点", str(ctx["hearing_place"])),
        ("听证主持人", str(ctx["hearing_host"])),
        ("听证记录员", str(ctx["hearing_clerk"])),
        *party_rows(ctx["party"]),
    ]
    if ctx.get("officers"):
        rows.append(("案件调查人员", officers_text(ctx["officers"])))
    if ctx.get("attendees"):
        rows.append(("其他参加人员", "、".join(map(str, ctx["attendees"]))))
    return [
        Block("table", rows=tuple(rows)),
        Block("heading", "听证经过："),
        Block(
            "para",
            "主持人宣布听证纪律，核对听证参加人身份，告知当事人有申请回避、陈述、申辩和质证的权利。",
        ),
        Block("para", _end(ctx["record"])),
        Block("para", "以上笔录经听证参加人审核无误。"),
        record_signs("当事人（签名）", "案件调查人员（签名）", "听证主持人（签名）", "听证记录员（签名）"),
    ]


def _hearing_report(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    rows = [
        ("案件编号", str(ctx["case_number"])),
        ("案由", str(ctx["case_cause"])),
        *party_rows(ctx["party"]),
        ("听证日期", cn_date(ctx["hearing_date"])),
    ]
    if ctx.get("hearing_place"):
        rows.append(("听证地点", str(ctx["hearing_place"])))
    rows += [("听证主持人", str(ctx["hearing_host"])), ("告知的拟处罚", str(ctx["penalty"]))]
    return [
        Block("table", rows=tuple(rows)),
        Block("heading", "听证认定的事实和证据："),
        Block("para", _end(ctx["hearing_findings"])),
        Block("heading", "处理意见："),
        Block("para", _end(ctx["hearing_opinion"])),
        Block(
            "para",
            "依据《中华人民共和国行政处罚法》第六十五条的规定，本报告连同听证笔录报行政机关负责人，"
            "作为依照第五十七条作出决定的依据。",
        ),
        record_signs("听证主持人（签名）"),
    ]


def _collective_discussion(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    end = f"至{cn_datetime(ctx['ended_at'])}" if ctx.get("ended_at") else ""
    return [
        Block(
            "table",
            rows=(
                ("案件编号", str(ctx["case_number"])),
                ("案由", str(ctx["case_cause"])),
                ("当事人", str(ctx["party"]["name"])),
                ("时间", f"{cn_datetime(ctx['started_at'])}{end}"),
                ("地点", str(ctx["place"])),
                ("主持人", str(ctx["chair"])),
                ("参加人员", "、".join(map(str, ctx["participants"]))),
            ),
        ),
        Block(
            "para",
            "依据《中华人民共和国行政处罚法》第五十七条第二款的规定，本案由行政机关负责人集体讨论决定。",
        ),
        Block("heading", "讨论内容："),
        Block("para", _end(ctx["record"])),
        Block("heading", "讨论决定："),
        Block("para", _end(ctx["conclusion"])),
        record_signs("主持人（签名）", "参加人员（签名）", "记录人（签名）"),
    ]


def _penalty_decision(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    y = you(ctx)
    blocks = [
        *party_lines(ctx),
        Block(
            "para",
            f"本机关依法对{ctx['party']['name']}涉嫌违法一案（案件编号：{ctx['case_number']}）进行了调查，现已调查终结。",
        ),
        Block("para", f"经查，{_end(ctx['facts'])}"),
        Block("para", "上述事实，有下列证据证明："),
        *evidence_lines(ctx),
        Block("para", f"当事人的上述行为违反了{ctx['violated_provisions']}的规定。"),
    ]
    blocks.append(
        Block(
            "para",
            "本机关已依法向当事人告知拟作出行政处罚的事实、理由、依据及其依法享有的陈述、申辩等权利。"
            + (
                _end(ctx["statement_summary"])
                if ctx.get("statement_summary")
                else "当事人在规定期限内未提出陈述、申辩意见。"
            ),
        )
    )
    if ctx.get("discretion"):
        blocks.append(Block("para", f"{_end(ctx['discretion'])}"))
    blocks.append(Block("para", f"依据{ctx['legal_basis']}的规定，本机关决定对当事人作出如下行政处罚："))
    blocks.append(Block("para", _end(ctx["penalty"])))
    blocks.extend(payment(ctx))
    blocks.append(remedies(ctx, "本行政处罚决定"))
    blocks.append(
        Block(
            "para",
            f"申请行政复议或者提起行政诉讼期间，行政处罚不停止执行，法律另有规定的除外。"
            f"{y}逾期不申请行政复议、不提起行政诉讼又不履行本决定的，本机关将依法申请人民法院强制执行。",
        )
    )
    blocks.append(seal(a, ctx))
    blocks.append(Block("note", "本决定书一式两份，一份送达当事人，一份归档。行政处罚决定依法向社会公示。"))
    return blocks


def _no_penalty_decision(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    return [
        *party_lines(ctx),
        Block(
            "para",
            f"本机关依法对{ctx['party']['name']}涉嫌违法一案（案件编号：{ctx['case_number']}）进行了调查，现已调查终结。",
        ),
        Block("para", f"经查，{_end(ctx['facts'])}"),
        Block("para", "上述事实，有下列证据证明："),
        *evidence_lines(ctx),
        Block("para", f"本机关认为，{_end(ctx['no_penalty_reason'])}"),
        Block("para", f"依据{ctx['legal_basis']}的规定，本机关决定对当事人不予行政处罚。"),
        remedies(ctx),
        seal(a, ctx),
    ]


def _case_transfer(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    blocks = [
        Block("line", f"{ctx['receiving_organ']}："),
        Block(
            "para",
            f"本机关在查处{ctx['party']['name']}{_strip_case(ctx['case_cause'])}一案（案件编号：{ctx['case_number']}）中，"
            f"发现{_end(ctx['facts'])}",
        ),
        Block("para", f"本机关认为，{_end(ctx['suspected_crime'])}"),
        Block(
            "para",
            "依据《中华人民共和国行政处罚法》第二十七条第一款和《行政执法机关移送涉嫌犯罪案件的规定》第三条的规定，"
            "现将该案移送你单位依法处理，请于收到本移送书之日起三日内审查，并将是否立案的决定书面告知本机关。",
        ),
        *party_lines(ctx),
    ]
    attachments = list(ctx.get("attachments") or ctx.get("evidence") or [])
    if attachments:
        blocks.append(Block("line", "附件："))
        blocks.extend(Block("line", f"{i}.{x}") for i, x in enumerate(attachments, 1))
    blocks.extend(contact(a, ctx))
    blocks.append(seal(a, ctx))
    blocks.append(Block("note", "本移送书抄送同级人民检察院。"))
    return blocks


def _service_receipt(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    rows = []
    if ctx.get("case_number"):
        rows.append(("案件编号", str(ctx["case_number"])))
    rows += [
        ("送达文书名称及文号", str(ctx["served_document"])),
        ("受送达人", str(ctx.get("recipient") or ctx["party"]["name"])),
        ("送达地点", str(ctx["service_place"])),
        ("送达方式", str(ctx["service_method"])),
        ("送达时间", cn_datetime(ctx["served_at"])),
        ("送达人", officers_text(ctx["officers"])),
        ("受送达人签名或盖章", "　　　　　　　　　年　　月　　日"),
        ("代收人及代收理由", ""),
        (
            "备注",
            "受送达人拒绝签收的，送达人应当注明拒收事由和日期，由送达人、见证人签名，将文书留在受送达人处，即视为送达。",
        ),
    ]
    return [Block("table", rows=tuple(rows)), seal(a, ctx)]


def _summary_penalty_decision(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    y = you(ctx)
    blocks = [
        *party_lines(ctx),
        Block(
            "para",
            f"{y}于{cn_datetime(ctx['occurred_at'])}在{ctx['place']}，{_end(ctx['facts'])}"
            f"违法事实确凿，{y}的上述行为违反了{ctx['violated_provisions']}的规定。",
        ),
        Block(
            "para",
            "执法人员已当场告知当事人拟作出行政处罚的事实、理由、依据及依法享有的陈述、申辩权利，"
            "并听取了当事人的陈述、申辩。",
        ),
        Block(
            "para",
            f"依据{ctx['legal_basis']}和《中华人民共和国行政处罚法》第五十一条的规定，当场作出如下行政处罚：{_end(ctx['penalty'])}",
        ),
    ]
    blocks.extend(payment(ctx))
    blocks.append(remedies(ctx, "本行政处罚决定"))
    blocks.append(Block("line", f"执法人员：{officers_text(ctx['officers'])}"))
    blocks.append(seal(a, ctx))
    blocks.append(record_signs("当事人（签名）", "执法人员（签名）"))
    blocks.append(
        Block("note", "本决定书当场交付当事人。依据《中华人民共和国行政处罚法》第五十二条，本决定报所属行政机关备案。")
    )
    return blocks


def _surcharge_demand(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    y = you(ctx)
    return [
        Block("line", f"{ctx['party']['name']}："),
        Block(
            "para",
            f"本机关于{cn_date(ctx['decision_date'])}对{y}作出了{ctx['decision_number']}《行政处罚决定书》，"
            f"决定对{y}罚款{money_text(ctx['fine_amount'])}。该决定书已依法送达，{y}至今未履行缴纳罚款义务。",
        ),
        Block(
            "para",
            "依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，"
            "加处罚款的数额不得超出罚款的数额。"
            + (
                f"截至本催告书作出之日，加处罚款{money_text(ctx['surcharge_amount'])}，"
                f"尚欠罚款及加处罚款合计{money_text(ctx['outstanding_amount'])}。"
                if ctx.get("surcharge_amount") and ctx.get("outstanding_amount")
                else ""
            )
            + "根据《中华人民共和国行政强制法》第三十五条、第四十五条、第五十四条的规定，现催告"
            f"{y}自收到本催告书之日起{PERIODS['demand_performance'].text}内将罚款及加处罚款缴至{ctx['bank']}。",
        ),
        Block(
            "para",
            f"{y}有权进行陈述和申辩，可在收到本催告书之日起{PERIODS['enforcement_demand'].text}内向本机关提出。"
            f"逾期仍不履行的，本机关将依法申请人民法院强制执行。",
        ),
        *contact(a, ctx),
        seal(a, ctx),
    ]


def _enforcement_application(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    p = ctx["party"]
    blocks = [
        Block("line", f"申请人：{a}"),
        Block("line", "被申请人：" + str(p["name"])),
        *[Block("line", f"{k}：{v}") for k, v in party_rows(p)[1:]],
        Block("line", f"{ctx['court']}："),
        Block(
            "para",
            f"申请人于{cn_date(ctx['decision_date'])}对被申请人作出{ctx['decision_number']}《行政处罚决定书》，"
            f"决定：{_end(ctx['obligation'])}",
        ),
        Block("para", _end(ctx["performance"])),
        Block(
            "para",
            "被申请人在法定期限内既未申请行政复议，也未提起行政诉讼，又不履行上述决定。"
            "依据《中华人民共和国行政强制法》第五十三条、第五十四条和《中华人民共和国行政处罚法》第七十二条的规定，"
            "特申请贵院强制执行。",
        ),
    ]
    if ctx.get("attachments"):
        blocks.append(Block("line", "附件："))
        blocks.extend(Block("line", f"{i}.{x}") for i, x in enumerate(ctx["attachments"], 1))
    blocks.append(Block("line", "此致"))
    blocks.append(Block("line", str(ctx["court"])))
    blocks.append(Block("line", "申请人负责人（签名）："))
    blocks.extend(contact(a, ctx))
    blocks.append(seal(a, ctx))
    return blocks


def _closing_approval(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    rows = [
        ("案件编号", str(ctx["case_number"])),
        ("案由", str(ctx["case_cause"])),
        *party_rows(ctx["party"]),
    ]
    if ctx.get("decision_number"):
        rows.append(("处罚决定书文号", str(ctx["decision_number"])))
    rows += [
        ("处理结果", str(ctx["outcome"])),
        ("执行情况", str(ctx["execution"])),
        ("承办人", officers_text(ctx["officers"])),
        ("承办人意见", str(ctx.get("handler_opinion") or "本案处理决定已执行完毕，建议结案。")),
        ("审批意见", str(ctx.get("approver_opinion") or "")),
        ("审批人", f"{ctx.get('approver') or ''}　　{cn_date(ctx.get('date'))}"),
    ]
    return [Block("table", rows=tuple(rows))]


def _legal_review_opinion(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    rows = [
        ("案件编号", str(ctx["case_number"])),
        ("案由", str(ctx["case_cause"])),
        ("当事人", str(ctx["party"]["name"])),
    ]
    if ctx.get("review_round"):
        rows.append(("审核轮次", f"第{ctx['review_round']}轮"))
    return [
        Block("table", rows=tuple(rows)),
        Block(
            "para",
            "依据《中华人民共和国行政处罚法》第五十八条的规定，本机关法制审核机构对承办机构提交的拟作出的重大执法决定进行了法制审核。",
        ),
        Block("heading", "一、拟作出的决定"),
        Block("para", _end(ctx["proposal"])),
        Block("heading", "二、审核事项及结论"),
        *[Block("line", str(line)) for line in ctx["review_findings"]],
        Block("heading", "三、审核结论"),
        Block("para", _end(ctx["review_conclusion"])),
        Block("heading", "四、书面审核意见"),
        Block("para", _end(ctx["review_opinion"])),
        Block("line", f"审核人员：{ctx['reviewer']}"),
        Block("line", cn_date(ctx.get("date"))),
    ]
