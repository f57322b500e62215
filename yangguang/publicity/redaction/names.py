"""Names of natural persons in free text: found by their context, never by a surname alone.

A name is a surname (single, rare or compound; ``surnames.py``) and a given name of one or two
characters, and it is taken only

- right after a role word (消费者, 业主, 驾驶员, 员工, 乘客, 服务员, 群众, 证人, 投诉人 …), possibly
  after a colon or 为/是/系/名叫, or in an enumeration (、 和 及 与) continuing one;
- or right before a personal marker: （男， / （女， / ，男， / 身份证 / （未成年 / （X岁 / 等N人;
- or after 姓名： / 我叫 / 名叫 / 签名：;

and only when a boundary follows it (punctuation, a function word such as 称, 说, 在, 于, 的, a verb
such as 反映, 投诉, 购买, 出售, 出示 …): "消费者权益保护法" has no boundary after 权益, so it is no name.
A candidate that is a common word (``words.txt``: 后厨, 常来), or that is cut out of a longer one
(当事人经营场|所), is no name either, unless a strong mark follows it (居民方圆、常青投诉). Names
of officers (执法人员 …, a name followed by its certificate number) and of an organization's legal
representative or 负责人 are public and marked to keep.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .surnames import COMPOUND, SINGLE, surname_of

CJK = re.compile(r"[\u4e00-\u9fff]")

# Role words before a natural person's name (third persons and parties alike).
ROLE_WORDS = sorted(
    set(
        """消费者 业主 驾驶员 驾驶人 司机 员工 职工 工人 雇员 乘客 旅客 游客 服务员 群众 村民 居民 市民 证人 见证人 证明人
        投诉人 举报人 报案人 受害人 被害人 伤者 患者 病人 病患 顾客 买家 买方 卖家 卖方 租客 承租人 出租人 房东 房主 户主
        业户 车主 船主 收件人 寄件人 收货人 发货人 联系人 经营者 经营户 摊主 店主 店员 店长 营业员 收银员 销售员 业务员
        推销员 快递员 配送员 骑手 保安 保洁员 保洁 厨师 帮厨 学徒 会计 出纳 仓管员 管理员 安全员 技术员 操作工 操作员 电工
        焊工 值班员 值班人员 前台 经理 主管 店铺负责人 现场负责人 班长 组长 工头 包工头 代理人 委托代理人 受托人 律师
        翻译 翻译人员 监护人 家长 父亲 母亲 其父 其母 之父 之母 儿子 女儿 其子 其女 之子 之女 孙子 外孙 妻子 丈夫 其妻
        其夫 之妻 之夫 配偶 家属 亲属 邻居 租户 住户 学生 儿童 未成年人 幼儿 老人 医生 医师 护士 护工 药师 教练 导游 领队
        被询问人 被检查人 被调查人 询问对象 当事人 申请人 被申请人 第三人 签收人 受送达人 送达人 领取人 付款人 收款人
        同行人 同伴 朋友 同事 合伙人 股东 实际经营人 实际控制人 出资人 负责人 楼栋长 网格员 社区网格员 工作人员 从业人员
        持证人 农户 网管 护理员 购药人 购买人 购房人 表哥 表姐 表弟 表妹 堂兄 堂弟 堂姐 堂妹 哥哥 姐姐 弟弟 妹妹 叔叔
        阿姨 舅舅 爷爷 奶奶 外公 外婆 孙女 侄子 侄女 女婿 儿媳 同学 室友 徒弟 雇主 房客 保姆 家政员 押运员 押车员 乘务员
        售票员 调度员 质检员 采购员 文员 职员 法务 收费员 管理人员 技术人员 作业人员 施工人员 项目经理 施工员 值班经理
        法务专员 行政主管 维修工 专员 主管 开户人 户名 持卡人 账户名 机主 用户 注册人 实名人 承包人 发包人 转包人 包工头
        介绍人 担保人 借款人 出借人 甲方 乙方 原告 被告 申诉人 上访人 来访人 求助人 报警人 目击者 目击人 押车的 开车的 看店的
        看摊的 跟车的 送货的 收银的 做饭的""".split()
    ),
    key=len,
    reverse=True,
)
# Role words whose names are public (officers) or kept with the organization (legal representative).
KEEP_ROLE_WORDS = sorted(
    set(
        """执法人员 执法检查人员 检查人员 承办人 承办人员 办案人员 经办人 执法员 听证主持人 主持人 记录人 审核人 审批人
        法定代表人 法人代表 卫生监督员 监督员 执法队员 协管员""".split()
    ),
    key=len,
    reverse=True,
)

# Characters a given name does not contain (function words that follow a name, and 某 of a mask).
NOT_GIVEN = set("某称说讲在于的是向对因等系已未到和与及为将被经也都曾均亦并则即就把让从由所其他她它们这那该")
PUNCT = set("，,。.、；;：:！!？?（()）“”\"'‘’《》〈〉【】[]「」 \t\r\n\u3000·•-—－/")
# What may follow a name (besides punctuation and digits).
FOLLOW = tuple(
    sorted(
        set(
            """称 说 讲 在 于 的 是 向 对 因 等 系 已 未 到 和 与 及 为 将 被 经 也 都 曾 均 亦 并 则 即 就 家 某 先生 女士 师傅 同志 夫妇
            反映 投诉 举报 表示 介绍 陈述 证实 证明 承认 确认 提供 出具 购买 购得 发现 看到 看见 报警 拨打 驾驶 驾 开 骑 来 去 进入 签字
            签名 签收 受伤 住 身份证 公民 联系 电话 手机 男 女 年 出生 一同 同 后 前 时 又 还 支付 付 收 领取 告知 要求 当场 当时 现场
            回答 答 问 所 从 把 让 请 遂 随即 持 带 携 由 不 没 无 交 送 取 拿 用 通过 使用 从事 负责 担任 作为 以 陪同 一起 共
            两 三 等人 均 分别 各 于是 便 才 正 正在 刚 当即 立即 自 自称 自述 另 另有 一人 本人 个人 名下 账户 帐户 微信 支付宝 银行
            户籍 住址 现住 家住 居住 年龄 岁 （ 之 曾经 多次 长期 每天 每月 某日 当日 次日 于当日 事后 出面 到场 在场 离开 未能
            无法 不能 可以 能够 应当 需要 只 仅 再 先 亲自 明确 声称 称其 称该 坦言 供述 辩称 申辩 反应 诉称 讲述 描述 证言 笔录
            询问 陈某 上述 以上 签 核实 确认 领 接 受 给 替 帮 代 向其 对其 与其 夜间 白天 当晚 当天 晚上 早上 上午 下午 中午
            凌晨 销售 出售 售出 售卖 卖出 出示 展示 提交 递交 转账 转给 汇款 收到 收取 退还 退回 退款 赔偿 索赔 实施 办理 签订
            签署 申请 缴纳 提出 拒绝 拒不 同意 认可 发送 通知 接受 接到 接收 持有 租用 租赁 雇佣 聘用 委托 参与 参加 逃离 乘坐
            搭乘 入住 就餐 消费 充值 维修 运输 送达 出租 转让 借用 冒用 伪造 擅自 私自 故意 明知 饮用 食用 服用 误食 购进
            采购 订购 预订 预约 约车 报名 登记 注册 填写 录入 拍摄 拍下 录制 保存 携带 驾车 骑车 停放 停车 上网 下单 付款
            交付 交纳 领到 领走 取走 拿走 带走 离店 返回 前往 来到 赶到 找到 遇到 听到 告诉 请求 咨询 委托 授权""".split()
        ),
        key=len,
        reverse=True,
    )
)
# Pairs that look like surname + given name after a role word but are words.
NOT_NAMES = frozenset(
    """陈述 申辩 申请 应当 应该 于是 于今 时间 安全 任何 全部 方面 本人 家属 代表 权益 明确 同意 自行 无法 未能 当场 当时
    现场 多次 长期 共计 合计 共同 其他 其余 以上 以下 上述 等人 称其 王某 李某 张某 单位 解除 区域 盖章 占道 查验 查看 查明
    查处 过期 过程 后果 能够 是否 那里 种植 种类 信息 于当日 万元 方式 文件 安装 安置 高温 高度 金额 时任
    时年 雷同 易燃 易爆 常年 常住 常驻 宁可 宫内 和解 任职 任务 毛重 谷物 强制 强行 严重 严格 严禁 成年 成人 平时 平台 尚未
    尚有 明知 明显 丁某 钱款 钱财 钱物 齐全 齐备 费用 康复 史料 伍某 柏油 凤凰 花费 花园 水平 云端 苏醒 章程 邓某 谢绝 应急 应付
    应收 应自 解释 单独 单据 包括 包装 包含 程序 管理 管制 关于 关闭 关系 关联 连续 连同 车辆 车牌 车主 路段 路面 路口 路边 路过
    周边 周围 周末 周岁 吴某 孙某 向其 对其 与其 能否 双方 终止 居住 居民 都是 国家 广告 东侧 西侧 南侧 北侧 冷藏 冷冻
    简单 简易 沙子 巢穴 相关 相应 查封 查扣 后期 后续 红色 游泳 益处 公司 公众 公共 公开 党员 印章 怀孕 蒲公英""".split()
)
MARKER_AFTER = re.compile(
    r"(?:[（(]\s*(?:男|女|未成年|系|现年|年龄|\d{1,3}\s*岁|身份证|公民身份|孕|\d{4}\s*年|(?:联系)?电话|手机|1[3-9]\d)|"
    r"作为(?:见证人|证人)|[，,]\s*(?:住|家住|现住)|[，,]\s*(?:男|女)\s*[，,、]|"
    r"[，,、\s]?\s*(?:公民)?身份(?:证|号码)|等\s*\d+\s*人|等人)"
)
MARKER_BEFORE = re.compile(r"(?:姓名|名字|我叫|名叫|叫做|签名|签字|签收人|本人系|本人是)[：:\s]*(?:为|是|叫)?[：:\s]*")
ROLE_RE = re.compile(
    "(?=((?:"
    + "|".join(ROLE_WORDS)
    + r"|[\u4e00-\u9fff](?:员|师傅))[：:\s]*(?:分别为|分别是|为|是|系|名叫|叫)?[：:\s]*))"
)
KEEP_ROLE_RE = re.compile(
    "(?:"
    + "|".join(KEEP_ROLE_WORDS)
    + r"|(?:本局|本机关|我局|本厅|本委|本所|本队|本中心|本大队|本支队)[\u4e00-\u9fff]{0,6}?(?:人员|员))[：:\s]*(?:为|是|系)?[：:\s]*"
)
OFFICER_AFTER = re.compile(r"[（(，,\s]*(?:执法证|执法证件|证号|执法编号)")
DOT = re.compile(r"(?<=[\u4e00-\u9fff])[·•・．‧](?=[\u4e00-\u9fff])")
# Names of minorities written without a Han surname: transliterations joined by a middle dot
# (阿依古丽·买买提) and common Tibetan, Mongolian and Yi name parts (扎西, 卓玛, 巴特尔 …).
_ETHNIC_PARTS = """扎西 次仁 格桑 达瓦 卓玛 拉姆 央金 德吉 尼玛 平措 多吉 旺堆 普布 边巴 索朗 洛桑 丹增 顿珠 巴桑 白玛 措姆
    曲珍 仁青 旦增 强巴 罗布 琼达 斯琴 巴图 巴特尔 其其格 乌兰 图雅 苏和 额尔敦 阿拉坦 宝音 朝鲁 那日苏 吉日嘎拉 阿依古丽 古丽
    买买提 艾力 阿不都 热依拉 迪丽 努尔 帕提古丽 阿布都 吐尔逊 依明 阿苏 木呷 阿牛 吉克 曲比 阿西 沙马 日古""".split()
ETHNIC_NAME = re.compile(
    r"[\u4e00-\u9fff]{2,8}[·•・．‧][\u4e00-\u9fff]{2,8}(?:[·•・．‧][\u4e00-\u9fff]{2,8})?|(?:"
    + "|".join(sorted(_ETHNIC_PARTS, key=len, reverse=True))
    + r"){1,3}"
)
ENUM = re.compile(r"(?:[（(][^（()）\n]{0,30}[)）]|\d{6,20})?\s*[、和及与]\s*|\s*[，,]\s*(?=[^，,。；\n]{2,4}[，,、])")


@dataclass(frozen=True)
class NameHit:
    start: int
    end: int
    keep: bool = False

    def text(self, source: str) -> str:
        return source[self.start : self.end]


def boundary_after(text: str, end: int) -> bool:
    if end >= len(text):
        return True
    ch = text[end]
    if ch in PUNCT or ch.isdigit() or not CJK.match(ch):
        return True
    return text.startswith(FOLLOW, end)


# Words after which even a common word is a name (居民方圆投诉, 导游程程在场, 顾客金星向店员).
STRONG_FOLLOW = (*(w for w in FOLLOW if len(w) >= 2), *"称说讲等于向对")


# Single characters after which a name may start (有王小明在场, 对张三进行询问, 经李四介绍).
PRE = set("有对向与和及被由让叫经据将把给同跟即为是系问请找雇令派带约的到")


def boundary_before(text: str, start: int) -> bool:
    return start == 0 or text[start - 1] in PUNCT or text[start - 1] in PRE or not CJK.match(text[start - 1])


def _surnames_at(text: str, pos: int) -> list[str]:
    found = [c for c in COMPOUND if text.startswith(c, pos)]
    if pos < len(text) and text[pos] in SINGLE:
        found.append(text[pos])
    return found


@functools.cache
def vocabulary() -> frozenset[str]:
    """Common words that start with a surname character (``words.txt``)."""
    lines = (Path(__file__).with_name("words.txt")).read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


def is_word_at(text: str, start: int, end: int) -> bool:
    """Whether the candidate ``text[start:end]`` is no name but a common word: it is cut out of a
    longer common word (经营场|所), or it is one (后厨, 常来) and what follows is not a name's
    strong mark (、 （ ： or a word that follows names such as 投诉, 在场, 称: 居民方圆、常青投诉)."""
    words = vocabulary()
    if any(text[start : start + n] in words for n in range(end - start + 1, min(4, len(text) - start) + 1)):
        return True
    return text[start:end] in words and not _strong_after(text, end)


def _strong_after(text: str, end: int) -> bool:
    if end >= len(text):
        return False
    return text[end] in "、（(：:" or text.startswith(STRONG_FOLLOW, end)


def _given_ok(given: str) -> bool:
    return all(CJK.match(c) and c not in NOT_GIVEN for c in given)


# A candidate that runs on into an organization's or a place's name is not a person's name.
ORG_TAIL = re.compile(
    r"[\u4e00-\u9fff]{0,14}?(?:有限公司|有限责任公司|公司|商行|超市|门市部|经营部|商店|小店|店|厂|局|中心|医院|诊所|学校|"
    r"委员会|合作社|酒店|宾馆|饭店|餐厅|酒楼|药房|药店|银行|集团|协会|事务所|工作室|俱乐部|市场|大队|支队|政府|法院)"
    r"(?=[，,。；;：:、（(）)\s]|$)"
)
PLACE_END = set("市省县区州镇乡村路街")


def name_at(text: str, pos: int, *, vocab: bool = True) -> int | None:
    """End of a name starting at ``pos`` (surname + 1–2 characters followed by a boundary), or None.
    A two-character given name is tried first, unless its second character starts a two-character
    word that follows names (李倩正在, 王芳表示). A candidate that is a common word (or cut out
    of one) is refused unless ``vocab`` is off (after 姓名：)."""
    for surname in _surnames_at(text, pos):
        q = pos + len(surname)
        second_is_word = any(len(w) >= 2 and text.startswith(w, q + 1) for w in FOLLOW)
        for glen in (1, 2) if second_is_word else (2, 1):
            given = text[q : q + glen]
            if len(given) != glen or not _given_ok(given):
                continue
            candidate = surname + given
            if candidate in NOT_NAMES or candidate[:2] in NOT_NAMES or candidate[-1] in PLACE_END:
                continue
            if ORG_TAIL.match(text, pos):
                return None
            if vocab and is_word_at(text, pos, q + glen):
                continue
            if boundary_after(text, q + glen):
                return q + glen
    return None


def name_ending_at(text: str, end: int) -> int | None:
    """Start of a name ending at ``end`` that starts at a boundary (longest first), or None."""
    for length in (4, 3, 2):
        start = end - length
        if start < 0:
            continue
        chunk = text[start:end]
        surname = surname_of(chunk)
        if not surname or not _given_ok(chunk[len(surname) :]) or not 1 <= len(chunk) - len(surname) <= 2:
            continue
        if chunk in NOT_NAMES or chunk[:2] in NOT_NAMES:
            continue
        if boundary_before(text, start) or _role_before(text, start):
            return start
    return None


def _role_before(text: str, start: int) -> bool:
    head = text[max(0, start - 8) : start]
    return any(head.endswith(w) for w in ROLE_WORDS) or head.endswith(("员", "师傅"))


def _chain(text: str, end: int, keep: bool) -> Iterator[NameHit]:
    """Names enumerated after a found one (张三、李四和王五)."""
    while True:
        m = ENUM.match(text, end)
        if not m:
            return
        nxt = name_at(text, m.end())
        if nxt is None:
            return
        yield NameHit(m.end(), nxt, keep)
        end = nxt


def _dot_name(text: str, dot: int) -> NameHit | None:
    """A transliterated name around a middle dot (阿依古丽·买买提): the left part starts after a role
    word or a boundary (the start closest to the dot, 2+ characters), the right part ends before
    punctuation or a word that follows names (作为, 称 …)."""
    start = None
    for p in range(dot - 2, max(-1, dot - 9), -1):
        if not CJK.match(text[p]):
            break
        if boundary_before(text, p) or _role_before(text, p):
            start = p
            break
    if start is None:
        return None
    end = None
    for k in range(2, 9):
        q = dot + 1 + k
        if q > len(text) or not CJK.match(text[q - 1]):
            break
        if q == len(text) or not CJK.match(text[q]) or any(len(w) >= 2 and text.startswith(w, q) for w in FOLLOW):
            end = q
            break
    if end is None:
        for k in range(2, 9):
            q = dot + 1 + k
            if q <= len(text) and boundary_after(text, q):
                end = q
                break
    if end is None:
        return None
    return NameHit(start, end, keep=bool(OFFICER_AFTER.match(text, end)))


def find_names(text: str) -> Iterator[NameHit]:
    for m in KEEP_ROLE_RE.finditer(text):
        end = name_at(text, m.end())
        if end is not None:
            yield NameHit(m.end(), end, keep=True)
            yield from _chain(text, end, True)
    for m in OFFICER_AFTER.finditer(text):
        start = name_ending_at(text, m.start())
        if start is not None:
            yield NameHit(start, m.start(), keep=True)
    for m in ROLE_RE.finditer(text):
        pos = m.start() + len(m.group(1))
        end = name_at(text, pos)
        if end is not None:
            yield NameHit(pos, end)
            yield from _chain(text, end, False)
    for m in DOT.finditer(text):
        hit = _dot_name(text, m.start())
        if hit is not None:
            yield hit
    for m in ETHNIC_NAME.finditer(text):
        if (boundary_before(text, m.start()) or _role_before(text, m.start())) and boundary_after(text, m.end()):
            yield NameHit(m.start(), m.end())
    for m in MARKER_BEFORE.finditer(text):
        end = name_at(text, m.end(), vocab=False)
        if end is not None:
            yield NameHit(m.end(), end)
    for m in MARKER_AFTER.finditer(text):
        start = name_ending_at(text, m.start())
        if start is not None:
            yield NameHit(start, m.start())


def mask_name(name: str) -> str:
    """张三 -> 张某某; 欧阳娜娜 -> 欧阳某某; a name without a known surname -> 某某."""
    name = name.strip()
    if not name:
        return name
    surname = surname_of(name)
    return f"{surname}某某" if surname else "某某"


SEPARATORS = "·•・.．‧ "


def name_variants(name: str) -> list[tuple[str, str]]:
    """(form, mask) of every way a known person's name is written: the full name (minority names
    with any separator or none), the parts of a minority name, the given name alone (2+ characters)."""
    name = name.strip()
    if not name:
        return []
    parts = [p for p in re.split(r"[·•・.．‧\s]+", name) if p]
    out: list[tuple[str, str]] = []
    if len(parts) > 1:
        for sep in ("·", "•", "・", ".", "．", " ", "‧", ""):
            out.append((sep.join(parts), "某某"))
        out.extend((p, "某某") for p in parts if len(p) >= 2)
        # Latin names: any capitalization of each part (Michael BROWN → Brown先生).
        for p in parts:
            if p.isascii() and len(p) >= 2:
                out.extend((v, "某某") for v in {p.title(), p.upper(), p.lower()} if v != p)
        return out
    out.append((name, mask_name(name)))
    surname = surname_of(name)
    given = name[len(surname) :] if surname else ""
    if len(given) >= 2:
        out.append((given, "某某"))
    return out
