"""Builders for the documents of administrative coercion (查封扣押), inspection (行政检查) and
licensing (行政许可)."""

from __future__ import annotations

from yangguang.documents.content.blocks import (
    Block,
    Ctx,
    _end,
    cn_date,
    cn_datetime,
    contact,
    items_rows,
    officers_block,
    officers_text,
    party_lines,
    party_rows,
    record_header,
    record_signs,
    remedies,
    seal,
    you,
)
from yangguang.documents.types import DocType
from yangguang.workdays.periods import PERIODS


def _seizure_decision(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    y = you(ctx)
    m = ctx["measure"]
    return [
        *party_lines(ctx),
        Block("para", f"经查，{_end(ctx['facts'])}"),
        Block(
            "para",
            f"依据{ctx['legal_basis']}和《中华人民共和国行政强制法》第二十四条的规定，"
            f"{'经本机关负责人' + str(ctx['approver']) + '批准，' if ctx.get('approver') else ''}本机关决定对{y}的下列财物实施{m}"
            f"（详见下列清单），期限为{ctx['period_days']}日，自{cn_date(ctx['period_start'])}起至{cn_date(ctx['period_end'])}止。",
        ),
        Block("table", rows=(("序号", "财物名称、规格、数量"), *items_rows(ctx["seized_items"]))),
        Block("para", f"{m}财物存放地点：{ctx['storage_place']}。"),
        Block(
            "para",
            f"在{m}期间，{y}不得擅自启封、转移、损毁上述财物。情况复杂的，经本机关负责人批准，可以延长{m}期限，"
            f"延长期限不超过{PERIODS['seizure_extension'].text}，延长决定将及时书面告知。",
        ),
        remedies(ctx),
        seal(a, ctx),
        Block("note", "本决定书附财物清单一份，由当事人和执法人员签名或者盖章后分别保存。"),
    ]


def _seizure_extension_decision(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    y = you(ctx)
    m = ctx["measure"]
    return [
        *party_lines(ctx),
        Block(
            "para",
            f"本机关于此前作出{ctx['original_decision_number']}《查封扣押决定书》，对{y}的有关财物实施了{m}。"
            f"因{_end(ctx['extension_reason'])}",
        ),
        Block(
            "para",
            f"经本机关负责人批准，依据《中华人民共和国行政强制法》第二十五条第一款、第二款的规定，本机关决定将{m}期限延长"
            f"{ctx['period_days']}日，至{cn_date(ctx['period_end'])}止。",
        ),
        remedies(ctx),
        seal(a, ctx),
    ]


def _seizure_release_decision(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    y = you(ctx)
    m = ctx["measure"]
    return [
        *party_lines(ctx),
        Block(
            "para",
            f"本机关作出{ctx['original_decision_number']}《查封扣押决定书》，对{y}的有关财物实施了{m}。"
            f"现因{_end(ctx['release_reason'])}",
        ),
        Block(
            "para",
            f"依据《中华人民共和国行政强制法》第二十八条的规定，本机关决定解除对下列财物的{m}：",
        ),
        Block("table", rows=(("序号", "财物名称、规格、数量"), *items_rows(ctx["seized_items"]))),
        Block("para", f"请{y}自收到本决定书之日起及时办理财物返还手续。"),
        *contact(a, ctx),
        seal(a, ctx),
    ]


def _seizure_record(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    rows = []
    if ctx.get("original_decision_number"):
        rows.append(("决定书文号", str(ctx["original_decision_number"])))
    rows.append(("强制措施", str(ctx["measure"])))
    return [
        *record_header(ctx, "实施地点"),
        Block("table", rows=(*party_rows(ctx["party"]), *rows)),
        officers_block(ctx),
        Block(
            "para",
            f"执法人员出示执法证件，表明身份，通知当事人到场，当场告知当事人采取{ctx['measure']}的理由、依据"
            "以及当事人依法享有的权利、救济途径，听取了当事人的陈述和申辩。全过程进行了音像记录。",
        ),
        Block("heading", "现场情况："),
        Block("para", _end(ctx["record"])),
        Block("heading", f"{ctx['measure']}财物清单："),
        Block("table", rows=(("序号", "财物名称、规格、数量"), *items_rows(ctx["seized_items"]))),
        Block("para", "以上笔录经当事人核对无误。"),
        record_signs("当事人（签名或盖章）", "执法人员（签名）", "见证人（签名）"),
        Block(
            "note",
            "依据《中华人民共和国行政强制法》第十八条，当事人拒绝签名的，在笔录中予以注明；当事人不到场的，邀请见证人到场，由见证人和执法人员在现场笔录上签名或者盖章。",
        ),
    ]


def _inspection_check(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    blocks = [
        Block(
            "table",
            rows=(
                *party_rows(ctx["party"], "检查对象"),
                ("检查地点", str(ctx["place"])),
                ("检查时间", cn_datetime(ctx["inspected_at"])),
                ("检查事项", str(ctx["inspection_item"])),
                ("检查人员", officers_text(ctx["officers"])),
            ),
        ),
        Block("para", "检查人员出示了执法证件，告知了检查依据、检查事项和当事人依法享有的权利。"),
        Block("heading", "检查情况："),
        Block("para", _end(ctx["findings"])),
        Block("heading", "检查结论："),
        Block("para", _end(ctx["result"])),
    ]
    if ctx.get("rectification"):
        blocks.append(Block("heading", "整改要求："))
        blocks.append(Block("para", _end(ctx["rectification"])))
    blocks.append(record_signs("检查对象（签名或盖章）", "检查人员（签名）"))
    blocks.append(seal(a, ctx))
    blocks.append(Block("note", "检查结果依法向社会公示。"))
    return blocks


def _applied(ctx: Ctx) -> str:
    no = f"（申请编号：{ctx['application_number']}）" if ctx.get("application_number") else ""
    return f"{cn_date(ctx['applied_on'])}提出的{ctx['application_item']}申请{no}"


def _licensing_acceptance(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    y = you(ctx)
    blocks = [
        Block("line", f"{ctx['party']['name']}："),
        Block(
            "para",
            f"{y}于{_applied(ctx)}，申请材料齐全、符合法定形式。依据《中华人民共和国行政许可法》第三十二条第一款第（五）项的规定，"
            "本机关决定予以受理。",
        ),
    ]
    if ctx.get("materials"):
        blocks.append(Block("line", "已收申请材料："))
        blocks.extend(Block("line", f"{i}.{m}") for i, m in enumerate(ctx["materials"], 1))
    blocks.append(
        Block(
            "para",
            f"依据《中华人民共和国行政许可法》第四十二条的规定，本机关将自受理之日起{PERIODS['licensing'].text}内作出行政许可决定；"
            f"{PERIODS['licensing'].text}内不能作出决定的，经本机关负责人批准，可以延长{PERIODS['licensing_extension'].text}，"
            "并将延长期限的理由告知申请人。"
            "依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的，所需时间不计算在上述期限内。",
        )
    )
    blocks.extend(contact(a, ctx))
    blocks.append(seal(a, ctx))
    return blocks


def _licensing_grant(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    y = you(ctx)
    blocks = [
        *party_lines(ctx, "申请人"),
        Block(
            "para",
            f"{y}于{_applied(ctx)}，经审查，符合法定条件、标准。依据{ctx['legal_basis']}和《中华人民共和国行政许可法》"
            "第三十八条第一款的规定，本机关决定准予行政许可。",
        ),
        Block("para", f"许可内容：{_end(ctx['license_content'])}"),
    ]
    if ctx.get("license_number"):
        valid = f"，有效期至{cn_date(ctx['valid_until'])}" if ctx.get("valid_until") else ""
        blocks.append(Block("para", f"许可证件编号：{ctx['license_number']}{valid}。"))
    blocks.append(
        Block(
            "para",
            f"依据《中华人民共和国行政许可法》第四十四条的规定，本机关将自作出本决定之日起十个工作日内向{y}颁发、送达行政许可证件。"
            "本行政许可决定依法予以公开，公众有权查阅。",
        )
    )
    blocks.append(seal(a, ctx))
    return blocks


def _licensing_denial(t: DocType, a: str, ctx: Ctx) -> list[Block]:
    y = you(ctx)
    return [
        *party_lines(ctx, "申请人"),
        Block("para", f"{y}于{_applied(ctx)}，经审查，{_end(ctx['denial_reason'])}"),
        Block(
            "para",
            f"依据{ctx['legal_basis']}和《中华人民共和国行政许可法》第三十八条第二款的规定，本机关决定不予行政许可。",
        ),
        remedies(ctx),
        seal(a, ctx),
    ]
