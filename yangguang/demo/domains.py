"""Enforcement domains of the demo agencies: names per level, powers, internal units, the items of their
power list with service-guide text, and their random inspection items (随机抽查事项).

Legal bases quote the statute an item rests on; they are demo data, plausible but not a legal
reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Power-list kind codes (权力清单 编码 segment) for item codes "33" + kind + dept + seq + "000".
KIND_CODES = {
    "licensing": "01",
    "penalty": "02",
    "coercion": "03",
    "levy": "04",
    "benefit": "05",
    "inspection": "06",
    "confirmation": "07",
    "reward": "08",
    "adjudication": "09",
    "other": "10",
}


@dataclass(frozen=True)
class ItemTemplate:
    kind: str
    name: str
    basis: str


@dataclass(frozen=True)
class InspectionTemplate:
    name: str
    basis: str
    targets: str
    content: str
    ratio: int = 5


@dataclass(frozen=True)
class Domain:
    """One kind of agency (e.g. market regulation), the same at every level of government."""

    key: str
    dept: int  # two-digit department number in item codes
    suffix: str  # name after the region: 市场监督管理局
    province_name: str  # full name at province level ("" where the province has no such body)
    laws: str
    units_upper: tuple[str, ...]  # case-handling units at city and province level
    units_county: tuple[str, ...]
    review_upper: str
    review_county: str
    officer_weight: int
    items: tuple[ItemTemplate, ...]
    inspections: tuple[InspectionTemplate, ...]
    is_supervisor: bool = False
    township_offices: str = ""  # e.g. "市场监督管理所": one unit per township (派出机构)
    powers: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        kinds = sorted({t.kind for t in self.items} | ({"inspection"} if self.inspections else set()))
        object.__setattr__(self, "powers", tuple(kinds))


def _i(kind: str, name: str, basis: str) -> ItemTemplate:
    return ItemTemplate(kind, name, basis)


DOMAINS: dict[str, Domain] = {}


def _add(domain: Domain) -> None:
    DOMAINS[domain.key] = domain


_add(
    Domain(
        key="market",
        dept=17,
        suffix="市场监督管理局",
        province_name="浙江省市场监督管理局",
        laws="《中华人民共和国食品安全法》《中华人民共和国产品质量法》《中华人民共和国特种设备安全法》《中华人民共和国广告法》《市场监督管理行政处罚程序规定》",
        units_upper=("执法稽查支队", "食品经营安全监督管理处", "特种设备安全监察处", "价格监督检查和反不正当竞争处", "行政审批处"),
        units_county=("执法稽查大队", "食品安全监督管理科", "特种设备安全监察科", "行政审批科"),
        review_upper="法规处",
        review_county="法规科",
        officer_weight=10,
        township_offices="市场监督管理所",
        items=(
            _i("licensing", "食品经营许可", "《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》"),
            _i("licensing", "特种设备使用登记", "《中华人民共和国特种设备安全法》第三十三条"),
            _i("penalty", "对食品经营者未按规定公示食品经营许可证的行政处罚", "《食品经营许可和备案管理办法》"),
            _i("penalty", "对经营超过保质期的食品的行政处罚", "《中华人民共和国食品安全法》第一百二十四条"),
            _i("penalty", "对销售不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品的行政处罚", "《中华人民共和国产品质量法》第四十九条"),
            _i("penalty", "对发布虚假广告的行政处罚", "《中华人民共和国广告法》第五十五条"),
            _i("penalty", "对经营者不按规定明码标价的行政处罚", "《中华人民共和国价格法》第四十二条；《明码标价和禁止价格欺诈规定》"),
            _i("penalty", "对特种设备使用单位使用未经定期检验的特种设备的行政处罚", "《中华人民共和国特种设备安全法》第八十四条"),
            _i("coercion", "查封、扣押不符合食品安全标准的食品", "《中华人民共和国食品安全法》第一百一十条"),
            _i("coercion", "查封、扣押不符合保障人体健康和人身、财产安全标准的产品", "《中华人民共和国产品质量法》第十八条"),
            _i("inspection", "对食品生产经营者的监督检查", "《中华人民共和国食品安全法》第一百一十条"),
            _i("inspection", "对特种设备生产、经营、使用单位的监督检查", "《中华人民共和国特种设备安全法》第六十一条"),
        ),
        inspections=(
            InspectionTemplate("食品经营者监督检查", "《中华人民共和国食品安全法》第一百一十条", "食品经营者", "经营许可、进货查验记录、食品贮存、从业人员健康管理"),
            InspectionTemplate("特种设备使用单位监督检查", "《中华人民共和国特种设备安全法》第六十一条", "特种设备使用单位", "使用登记、定期检验、作业人员持证情况", 10),
            InspectionTemplate("企业公示信息抽查", "《企业信息公示暂行条例》第十四条", "辖区内企业", "年度报告及即时公示信息的真实性"),
            InspectionTemplate("产品质量监督抽查", "《中华人民共和国产品质量法》第十五条", "产品生产、销售企业", "产品质量是否符合国家标准、行业标准"),
        ),
    )
)  # fmt: skip

_add(
    Domain(
        key="hrss",
        dept=11,
        suffix="人力资源和社会保障局",
        province_name="浙江省人力资源和社会保障厅",
        laws="《中华人民共和国劳动法》《中华人民共和国劳动合同法》《中华人民共和国社会保险法》《劳动保障监察条例》",
        units_upper=("劳动保障监察支队", "人力资源流动管理处", "工伤保险处"),
        units_county=("劳动保障监察大队", "就业促进和人力资源市场科"),
        review_upper="政策法规处",
        review_county="法制科",
        officer_weight=3,
        items=(
            _i("licensing", "人力资源服务许可", "《人力资源市场暂行条例》第十八条"),
            _i("licensing", "劳务派遣经营许可", "《中华人民共和国劳动合同法》第五十七条"),
            _i("penalty", "对用人单位违反规定延长劳动者工作时间的行政处罚", "《劳动保障监察条例》第二十五条"),
            _i("penalty", "对用人单位未按规定办理社会保险登记的行政处罚", "《中华人民共和国社会保险法》第八十四条"),
            _i("penalty", "对用人单位违反规定使用童工的行政处罚", "《禁止使用童工规定》第六条"),
            _i("penalty", "对克扣或者无故拖欠劳动者工资的行政处罚", "《保障农民工工资支付条例》"),
            _i("inspection", "对用人单位遵守劳动保障法律法规情况的监督检查", "《劳动保障监察条例》第十条"),
            _i("confirmation", "工伤认定", "《工伤保险条例》第十七条、第二十条"),
        ),
        inspections=(
            InspectionTemplate("用人单位劳动用工情况检查", "《劳动保障监察条例》第十条", "辖区内用人单位", "劳动合同签订、工资支付、工作时间、社会保险参保情况"),
            InspectionTemplate("人力资源服务机构检查", "《人力资源市场暂行条例》", "人力资源服务机构", "许可证照、服务行为、招聘信息发布"),
        ),
    )
)  # fmt: skip

_add(
    Domain(
        key="civil",
        dept=9,
        suffix="民政局",
        province_name="浙江省民政厅",
        laws="《社会团体登记管理条例》《民办非企业单位登记管理暂行条例》《殡葬管理条例》《养老机构管理办法》",
        units_upper=("社会组织管理局", "养老服务处", "社会事务处"),
        units_county=("社会组织管理科", "养老服务科"),
        review_upper="政策法规处",
        review_county="法制科",
        officer_weight=1,
        items=(
            _i("licensing", "社会团体成立、变更、注销登记", "《社会团体登记管理条例》第九条"),
            _i("licensing", "民办非企业单位成立、变更、注销登记", "《民办非企业单位登记管理暂行条例》"),
            _i("licensing", "经营性公墓审批", "《殡葬管理条例》第八条"),
            _i("penalty", "对社会团体未按规定办理变更登记的行政处罚", "《社会团体登记管理条例》第三十条"),
            _i("penalty", "对养老机构未按规定开展服务的行政处罚", "《养老机构管理办法》"),
            _i("inspection", "对养老机构的监督检查", "《养老机构管理办法》"),
            _i("benefit", "最低生活保障金给付", "《社会救助暂行办法》第九条"),
        ),
        inspections=(
            InspectionTemplate("社会组织抽查", "《社会团体登记管理条例》", "社会团体、民办非企业单位", "章程执行、财务管理、年度报告"),
            InspectionTemplate("养老机构抽查", "《养老机构管理办法》", "养老机构", "服务质量、消防安全、食品安全", 10),
        ),
    )
)  # fmt: skip

_add(
    Domain(
        key="transport",
        dept=15,
        suffix="交通运输局",
        province_name="浙江省交通运输厅",
        laws="《中华人民共和国道路运输条例》《公路安全保护条例》《网络预约出租汽车经营服务管理暂行办法》",
        units_upper=("交通运输行政执法队", "运输管理处", "公路管理处"),
        units_county=("交通运输行政执法大队", "运输管理科"),
        review_upper="政策法规处",
        review_county="法制科",
        officer_weight=5,
        items=(
            _i("licensing", "道路货物运输经营许可", "《中华人民共和国道路运输条例》第二十四条"),
            _i("licensing", "网络预约出租汽车经营许可", "《网络预约出租汽车经营服务管理暂行办法》第五条"),
            _i("penalty", "对未取得道路运输经营许可擅自从事道路运输经营的行政处罚", "《中华人民共和国道路运输条例》第六十三条"),
            _i("penalty", "对车辆违法超限运输的行政处罚", "《公路安全保护条例》第六十四条"),
            _i("penalty", "对巡游出租汽车驾驶员拒载、议价的行政处罚", "《巡游出租汽车经营服务管理规定》"),
            _i("coercion", "暂扣无道路运输证件从事经营的车辆", "《中华人民共和国道路运输条例》"),
            _i("inspection", "对道路运输经营者的监督检查", "《中华人民共和国道路运输条例》"),
        ),
        inspections=(
            InspectionTemplate("道路运输企业检查", "《中华人民共和国道路运输条例》", "道路货物运输、客运企业", "经营资质、车辆技术状况、从业人员资格、安全生产"),
            InspectionTemplate("机动车维修经营者检查", "《机动车维修管理规定》", "机动车维修经营者", "备案情况、维修质量、收费公示"),
        ),
    )
)  # fmt: skip

_add(
    Domain(
        key="ecology",
        dept=20,
        suffix="生态环境局",
        province_name="浙江省生态环境厅",
        laws="《中华人民共和国环境保护法》《中华人民共和国大气污染防治法》《中华人民共和国固体废物污染环境防治法》《排污许可管理条例》",
        units_upper=("生态环境保护综合行政执法队", "环境影响评价与排放管理处", "固体废物与化学品处"),
        units_county=("生态环境保护综合行政执法大队", "环评与排污许可科"),
        review_upper="法规与标准处",
        review_county="法规科",
        officer_weight=4,
        items=(
            _i("licensing", "排污许可", "《排污许可管理条例》"),
            _i("licensing", "建设项目环境影响报告书（表）审批", "《中华人民共和国环境影响评价法》第二十二条"),
            _i("penalty", "对超过大气污染物排放标准排放大气污染物的行政处罚", "《中华人民共和国大气污染防治法》第九十九条"),
            _i("penalty", "对未依法取得排污许可证排放污染物的行政处罚", "《排污许可管理条例》第三十三条"),
            _i("penalty", "对未按规定贮存危险废物的行政处罚", "《中华人民共和国固体废物污染环境防治法》第一百一十二条"),
            _i("coercion", "查封、扣押造成污染物排放的设施、设备", "《中华人民共和国环境保护法》第二十五条"),
            _i("inspection", "对排污单位的现场检查", "《中华人民共和国环境保护法》第二十四条"),
        ),
        inspections=(
            InspectionTemplate("排污单位抽查", "《中华人民共和国环境保护法》第二十四条", "重点排污单位、排污许可登记单位", "排污许可执行、污染防治设施运行、自行监测", 10),
            InspectionTemplate("建设项目环境保护设施抽查", "《建设项目环境保护管理条例》", "已批建设项目", "环评批复落实、“三同时”执行"),
        ),
    )
)  # fmt: skip

_add(
    Domain(
        key="emergency",
        dept=26,
        suffix="应急管理局",
        province_name="浙江省应急管理厅",
        laws="《中华人民共和国安全生产法》《危险化学品安全管理条例》《烟花爆竹安全管理条例》",
        units_upper=("应急管理综合行政执法队", "危险化学品安全监督管理处", "工贸行业安全监督管理处"),
        units_county=("应急管理行政执法大队", "安全生产基础科"),
        review_upper="政策法规处",
        review_county="法制科",
        officer_weight=3,
        items=(
            _i("licensing", "危险化学品经营许可", "《危险化学品安全管理条例》第三十三条"),
            _i("licensing", "烟花爆竹经营（零售）许可", "《烟花爆竹安全管理条例》第十九条"),
            _i("penalty", "对生产经营单位未按规定对从业人员进行安全生产教育和培训的行政处罚", "《中华人民共和国安全生产法》第九十七条"),
            _i("penalty", "对生产经营单位未采取措施消除事故隐患的行政处罚", "《中华人民共和国安全生产法》第一百零二条"),
            _i("penalty", "对未按规定对重大危险源登记建档的行政处罚", "《中华人民共和国安全生产法》"),
            _i("coercion", "查封、扣押不符合保障安全生产的国家标准或者行业标准的设施、设备、器材", "《中华人民共和国安全生产法》第六十五条"),
            _i("inspection", "对生产经营单位执行安全生产法律法规情况的监督检查", "《中华人民共和国安全生产法》第六十五条"),
        ),
        inspections=(
            InspectionTemplate("工贸企业安全生产检查", "《中华人民共和国安全生产法》", "冶金、有色、建材、机械、轻工、纺织、商贸企业", "安全生产责任制、隐患排查治理、从业人员培训"),
            InspectionTemplate("危险化学品经营单位检查", "《危险化学品安全管理条例》", "危险化学品经营单位", "经营许可、储存条件、应急预案", 10),
        ),
    )
)  # fmt: skip

_URBAN_ITEMS = (
    _i("licensing", "城市建筑垃圾处置核准", "《城市建筑垃圾管理规定》第七条"),
    _i("licensing", "在城市建筑物、设施上悬挂、张贴宣传品审批", "《城市市容和环境卫生管理条例》第十一条"),
    _i("penalty", "对擅自占用城市道路的行政处罚", "《城市道路管理条例》第四十二条"),
    _i("penalty", "对随意倾倒、抛撒、堆放建筑垃圾的行政处罚", "《城市建筑垃圾管理规定》第二十条"),
    _i("penalty", "对单位未按规定分类投放生活垃圾的行政处罚", "《浙江省生活垃圾管理条例》"),
    _i("penalty", "对未经批准擅自设置户外广告的行政处罚", "《城市市容和环境卫生管理条例》"),
    _i("coercion", "强制拆除违法建筑物、构筑物", "《中华人民共和国城乡规划法》第六十八条"),
    _i("inspection", "对生活垃圾分类投放的监督检查", "《浙江省生活垃圾管理条例》"),
)  # fmt: skip
_URBAN_INSPECTIONS = (
    InspectionTemplate("餐厨垃圾收运单位检查", "《浙江省生活垃圾管理条例》", "餐厨垃圾产生、收运单位", "收运台账、分类投放、收运资质"),
    InspectionTemplate("户外广告设施检查", "《城市市容和环境卫生管理条例》", "户外广告设置单位", "设置审批、安全检测"),
)  # fmt: skip

_add(
    Domain(
        key="urban",
        dept=23,
        suffix="城市管理局",
        province_name="",
        laws="《城市市容和环境卫生管理条例》《城市道路管理条例》《浙江省综合行政执法条例》",
        units_upper=("城市管理执法支队", "市容环境卫生管理处", "市政设施管理处"),
        units_county=("城市管理执法大队", "市容环卫科"),
        review_upper="政策法规处",
        review_county="法制科",
        officer_weight=8,
        items=_URBAN_ITEMS,
        inspections=_URBAN_INSPECTIONS,
    )
)

_add(
    Domain(
        key="health",
        dept=14,
        suffix="卫生健康委员会",
        province_name="浙江省卫生健康委员会",
        laws="《中华人民共和国基本医疗卫生与健康促进法》《医疗机构管理条例》《公共场所卫生管理条例》《中华人民共和国传染病防治法》",
        units_upper=("卫生健康综合监督行政执法队", "医政医管处", "疾病预防控制处"),
        units_county=("卫生健康监督所", "医政科"),
        review_upper="政策法规处",
        review_county="法制科",
        officer_weight=3,
        items=(
            _i("licensing", "医疗机构执业登记", "《医疗机构管理条例》第十五条"),
            _i("licensing", "公共场所卫生许可", "《公共场所卫生管理条例》第八条"),
            _i("penalty", "对未取得医疗机构执业许可证擅自执业的行政处罚", "《中华人民共和国基本医疗卫生与健康促进法》第九十九条"),
            _i("penalty", "对公共场所经营者未查验服务人员健康合格证明的行政处罚", "《公共场所卫生管理条例实施细则》"),
            _i("penalty", "对医疗机构使用非卫生技术人员从事医疗卫生技术工作的行政处罚", "《医疗机构管理条例》第四十七条"),
            _i("coercion", "封存被传染病病原体污染的公共饮用水源、食品以及相关物品", "《中华人民共和国传染病防治法》第五十五条"),
            _i("inspection", "对医疗机构依法执业情况的监督检查", "《医疗机构管理条例》"),
        ),
        inspections=(
            InspectionTemplate("医疗机构依法执业抽查", "《医疗机构管理条例》", "医疗机构", "执业登记、人员资质、医疗废物处置、传染病防治"),
            InspectionTemplate("公共场所卫生抽查", "《公共场所卫生管理条例》", "住宿、沐浴、美容美发场所", "卫生许可、从业人员健康证明、卫生检测"),
        ),
    )
)  # fmt: skip

_add(
    Domain(
        key="resources",
        dept=19,
        suffix="自然资源和规划局",
        province_name="浙江省自然资源厅",
        laws="《中华人民共和国土地管理法》《中华人民共和国城乡规划法》《中华人民共和国矿产资源法》《不动产登记暂行条例》",
        units_upper=("执法监察支队", "国土空间用途管制处", "矿产资源管理处", "不动产登记中心"),
        units_county=("执法监察大队", "用途管制科", "不动产登记中心"),
        review_upper="政策法规处",
        review_county="法规科",
        officer_weight=3,
        items=(
            _i("licensing", "建设用地规划许可证核发", "《中华人民共和国城乡规划法》第三十七条"),
            _i("licensing", "建设工程规划许可证核发", "《中华人民共和国城乡规划法》第四十条"),
            _i("licensing", "采矿权新立、延续、变更登记", "《中华人民共和国矿产资源法》"),
            _i("penalty", "对非法占用土地的行政处罚", "《中华人民共和国土地管理法》第七十七条"),
            _i("penalty", "对未取得采矿许可证擅自采矿的行政处罚", "《中华人民共和国矿产资源法》"),
            _i("confirmation", "不动产登记", "《不动产登记暂行条例》"),
            _i("inspection", "对土地利用情况的监督检查", "《中华人民共和国土地管理法》第六十七条"),
        ),
        inspections=(
            InspectionTemplate("矿山企业抽查", "《中华人民共和国矿产资源法》", "采矿权人", "开采范围、储量动态、矿山地质环境恢复治理"),
            InspectionTemplate("测绘资质单位抽查", "《中华人民共和国测绘法》", "测绘资质单位", "资质条件、测绘成果质量"),
        ),
    )
)  # fmt: skip

_add(
    Domain(
        key="culture",
        dept=22,
        suffix="文化广电旅游局",
        province_name="浙江省文化广电和旅游厅",
        laws="《中华人民共和国旅游法》《旅行社条例》《娱乐场所管理条例》《互联网上网服务营业场所管理条例》《营业性演出管理条例》",
        units_upper=("文化市场综合行政执法队", "市场管理处", "资源开发处"),
        units_county=("文化市场综合行政执法大队", "文化市场管理科"),
        review_upper="政策法规处",
        review_county="法规科",
        officer_weight=2,
        items=(
            _i("licensing", "旅行社设立许可", "《旅行社条例》第六条"),
            _i("licensing", "娱乐场所经营活动审批", "《娱乐场所管理条例》第九条"),
            _i("licensing", "营业性演出审批", "《营业性演出管理条例》"),
            _i("penalty", "对旅行社未与旅游者签订旅游合同的行政处罚", "《中华人民共和国旅游法》第一百条"),
            _i("penalty", "对娱乐场所未按规定悬挂警示标志的行政处罚", "《娱乐场所管理条例》"),
            _i("penalty", "对互联网上网服务营业场所接纳未成年人的行政处罚", "《互联网上网服务营业场所管理条例》第三十一条"),
            _i("inspection", "对文化市场经营单位的监督检查", "《娱乐场所管理条例》"),
        ),
        inspections=(
            InspectionTemplate("旅行社抽查", "《旅行社条例》", "旅行社及其分社、服务网点", "经营许可、旅游合同、质量保证金"),
            InspectionTemplate("网吧、娱乐场所抽查", "《娱乐场所管理条例》", "互联网上网服务营业场所、娱乐场所", "经营证照、未成年人保护、消防安全", 10),
        ),
    )
)  # fmt: skip

_add(
    Domain(
        key="agriculture",
        dept=13,
        suffix="农业农村局",
        province_name="浙江省农业农村厅",
        laws="《中华人民共和国农产品质量安全法》《中华人民共和国种子法》《农药管理条例》《兽药管理条例》",
        units_upper=("农业综合行政执法队", "种植业管理处", "畜牧兽医处"),
        units_county=("农业综合行政执法大队", "种植业科"),
        review_upper="政策法规处",
        review_county="法规科",
        officer_weight=3,
        items=(
            _i("licensing", "农药经营许可", "《农药管理条例》第二十四条"),
            _i("licensing", "兽药经营许可证核发", "《兽药管理条例》第二十二条"),
            _i("licensing", "种子生产经营许可", "《中华人民共和国种子法》第三十一条"),
            _i("penalty", "对经营假农药的行政处罚", "《农药管理条例》第五十五条"),
            _i("penalty", "对销售假、劣种子的行政处罚", "《中华人民共和国种子法》"),
            _i("coercion", "查封、扣押违法生产、经营的农药", "《农药管理条例》第四十一条"),
            _i("inspection", "对农产品质量安全的监督检查", "《中华人民共和国农产品质量安全法》"),
        ),
        inspections=(
            InspectionTemplate("农资经营单位抽查", "《农药管理条例》", "农药、兽药、种子、肥料经营单位", "经营许可、进销台账、产品质量"),
            InspectionTemplate("农产品生产主体抽查", "《中华人民共和国农产品质量安全法》", "农民专业合作社、家庭农场", "承诺达标合格证、投入品使用记录"),
        ),
    )
)  # fmt: skip

_add(
    Domain(
        key="housing",
        dept=16,
        suffix="住房和城乡建设局",
        province_name="浙江省住房和城乡建设厅",
        laws="《中华人民共和国建筑法》《建设工程质量管理条例》《建设工程安全生产管理条例》《物业管理条例》",
        units_upper=("建设工程质量安全监督站", "建筑业管理处", "房地产市场监管处"),
        units_county=("建筑市场监管科", "房地产管理科"),
        review_upper="政策法规处",
        review_county="法制科",
        officer_weight=3,
        items=(
            _i("licensing", "建筑工程施工许可证核发", "《中华人民共和国建筑法》第七条"),
            _i("licensing", "商品房预售许可", "《城市房地产开发经营管理条例》"),
            _i("licensing", "建筑业企业资质核准", "《中华人民共和国建筑法》第十三条"),
            _i("penalty", "对未取得施工许可证擅自施工的行政处罚", "《建设工程质量管理条例》第五十七条"),
            _i("penalty", "对施工单位未按规定采取安全施工措施的行政处罚", "《建设工程安全生产管理条例》第六十二条"),
            _i("penalty", "对物业服务企业违反物业服务规定的行政处罚", "《物业管理条例》"),
            _i("inspection", "对建设工程质量安全的监督检查", "《建设工程质量管理条例》第四十七条"),
        ),
        inspections=(
            InspectionTemplate("建筑施工企业抽查", "《建设工程安全生产管理条例》", "在建工程施工企业", "安全生产许可、质量安全体系、实名制管理"),
            InspectionTemplate("房地产开发企业抽查", "《城市房地产开发经营管理条例》", "房地产开发企业", "资质、预售资金监管、合同网签"),
        ),
    )
)  # fmt: skip

_add(
    Domain(
        key="police",
        dept=5,
        suffix="公安局",
        province_name="浙江省公安厅",
        laws="《中华人民共和国治安管理处罚法》《中华人民共和国人民警察法》《旅馆业治安管理办法》《大型群众性活动安全管理条例》",
        units_upper=("治安支队", "交通警察支队", "行政审批处"),
        units_county=("治安大队", "交通警察大队"),
        review_upper="法制支队",
        review_county="法制大队",
        officer_weight=5,
        items=(
            _i("licensing", "旅馆业特种行业许可", "《旅馆业治安管理办法》第四条"),
            _i("licensing", "大型群众性活动安全许可", "《大型群众性活动安全管理条例》第十一条"),
            _i("licensing", "剧毒化学品购买许可", "《危险化学品安全管理条例》第三十八条"),
            _i("penalty", "对旅馆未按规定登记住宿旅客信息的行政处罚", "《中华人民共和国治安管理处罚法》"),
            _i("penalty", "对非法携带管制器具的行政处罚", "《中华人民共和国治安管理处罚法》"),
            _i("coercion", "对醉酒的人采取保护性措施约束", "《中华人民共和国治安管理处罚法》"),
            _i("inspection", "对旅馆业、印章业等特种行业的治安检查", "《旅馆业治安管理办法》"),
        ),
        inspections=(
            InspectionTemplate("特种行业治安检查", "《旅馆业治安管理办法》", "旅馆、印章刻制、典当、废旧金属收购企业", "许可证照、登记制度、治安防范设施"),
            InspectionTemplate("剧毒化学品从业单位检查", "《危险化学品安全管理条例》", "剧毒化学品、易制爆危险化学品从业单位", "流向登记、储存安全、治安防范", 10),
        ),
    )
)  # fmt: skip

_add(
    Domain(
        key="justice",
        dept=8,
        suffix="司法局",
        province_name="浙江省司法厅",
        laws="《中华人民共和国律师法》《中华人民共和国公证法》《基层法律服务工作者管理办法》《司法鉴定人登记管理办法》",
        units_upper=("行政执法协调监督处", "律师工作处", "公共法律服务管理处"),
        units_county=("行政执法协调监督科", "公共法律服务管理科"),
        review_upper="法治督察处",
        review_county="法制科",
        officer_weight=1,
        is_supervisor=True,
        items=(
            _i("licensing", "基层法律服务工作者执业核准", "《基层法律服务工作者管理办法》"),
            _i("licensing", "司法鉴定机构及司法鉴定人登记", "《全国人民代表大会常务委员会关于司法鉴定管理问题的决定》"),
            _i("penalty", "对律师事务所违反规定接受委托、收取费用的行政处罚", "《中华人民共和国律师法》第五十条"),
            _i("penalty", "对司法鉴定人违反规定从事司法鉴定业务的行政处罚", "《司法鉴定人登记管理办法》"),
            _i("inspection", "对律师事务所、公证机构执业活动的监督检查", "《中华人民共和国律师法》"),
        ),
        inspections=(
            InspectionTemplate("律师事务所抽查", "《律师事务所管理办法》", "律师事务所", "执业活动、内部管理、年度考核"),
        ),
    )
)  # fmt: skip

_add(
    Domain(
        key="zhzf",
        dept=24,
        suffix="综合行政执法局",
        province_name="",
        laws="《浙江省综合行政执法条例》《城市市容和环境卫生管理条例》《中华人民共和国城乡规划法》",
        units_upper=("综合行政执法支队", "市容环卫处"),
        units_county=("综合行政执法大队", "市容环卫科"),
        review_upper="政策法规处",
        review_county="法制科",
        officer_weight=8,
        items=(*_URBAN_ITEMS, _i("penalty", "对未取得建设工程规划许可证进行建设的行政处罚", "《中华人民共和国城乡规划法》第六十四条")),
        inspections=_URBAN_INSPECTIONS,
    )
)  # fmt: skip

CITY_DOMAINS = (
    "market", "hrss", "civil", "transport", "ecology", "emergency", "urban", "health",
    "resources", "culture", "agriculture", "housing", "police", "justice",
)  # fmt: skip
PROVINCE_DOMAINS = tuple(k for k in CITY_DOMAINS if DOMAINS[k].province_name)


# Industries of regulated entities: (industry, company words, shop words (个体工商户), weight, P(high risk)).
INDUSTRIES: tuple[tuple[str, tuple[str, ...], tuple[str, ...], int, float], ...] = (
    ("餐饮业", ("餐饮管理",), ("小吃店", "面馆", "餐馆", "饭店", "快餐店"), 16, 0.15),
    ("食品销售", ("食品", "食品贸易"), ("便利店", "超市", "食品店", "水果店"), 14, 0.10),
    ("批发和零售业", ("贸易", "商贸", "进出口"), ("商行", "百货店", "服装店"), 16, 0.04),
    ("制造业", ("机械制造", "电子科技", "服饰", "塑业", "五金制品", "纺织"), (), 12, 0.10),
    ("化学原料和化学制品制造业", ("化工", "新材料"), (), 2, 0.35),
    ("建筑业", ("建设工程", "建筑劳务", "装饰工程"), (), 7, 0.12),
    ("交通运输、仓储和邮政业", ("物流", "运输", "供应链管理"), ("汽车修理部",), 6, 0.08),
    ("住宿业", ("酒店管理",), ("旅馆", "民宿"), 3, 0.06),
    ("信息传输、软件和信息技术服务业", ("网络科技", "信息技术", "软件"), (), 8, 0.02),
    ("租赁和商务服务业", ("企业管理咨询", "人力资源", "会展服务"), (), 5, 0.03),
    ("居民服务业", ("家政服务",), ("美发店", "洗衣店", "养生馆"), 5, 0.05),
    ("卫生", ("医疗管理", "医药"), ("诊所", "大药房"), 2, 0.12),
    ("文化、体育和娱乐业", ("文化传媒", "文化艺术", "体育发展"), ("网吧", "KTV"), 3, 0.06),
    ("农、林、牧、渔业", ("农业开发", "生态农业"), ("家庭农场",), 1, 0.04),
)
