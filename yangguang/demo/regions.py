"""The region tree of the demo: 浙江省 (330000), its eleven cities and their counties with their real
GB/T 2260 codes, and townships (乡镇、街道) with nine-digit GB/T 10114-style codes (county code +
three digits: 001-099 streets 街道, 100-199 towns 镇, 200-399 townships 乡).

Hangzhou's townships carry their real names; those of the other cities are made up
deterministically from place-name syllables (the codes, not the names, are what the platform
relies on).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

PROVINCE = ("330000", "浙江省", "浙")

# city code -> (name, short name, telephone area code)
CITIES: dict[str, tuple[str, str, str]] = {
    "330100": ("杭州市", "杭州", "0571"),
    "330200": ("宁波市", "宁波", "0574"),
    "330300": ("温州市", "温州", "0577"),
    "330400": ("嘉兴市", "嘉兴", "0573"),
    "330500": ("湖州市", "湖州", "0572"),
    "330600": ("绍兴市", "绍兴", "0575"),
    "330700": ("金华市", "金华", "0579"),
    "330800": ("衢州市", "衢州", "0570"),
    "330900": ("舟山市", "舟山", "0580"),
    "331000": ("台州市", "台州", "0576"),
    "331100": ("丽水市", "丽水", "0578"),
}

# county code -> name (GB/T 2260, current: 下城区/江干区 were merged away in 2021).
COUNTIES: dict[str, dict[str, str]] = {
    "330100": {
        "330102": "上城区",
        "330105": "拱墅区",
        "330106": "西湖区",
        "330108": "滨江区",
        "330109": "萧山区",
        "330110": "余杭区",
        "330111": "富阳区",
        "330112": "临安区",
        "330113": "临平区",
        "330114": "钱塘区",
        "330122": "桐庐县",
        "330127": "淳安县",
        "330182": "建德市",
    },
    "330200": {
        "330203": "海曙区",
        "330205": "江北区",
        "330206": "北仑区",
        "330211": "镇海区",
        "330212": "鄞州区",
        "330213": "奉化区",
        "330225": "象山县",
        "330226": "宁海县",
        "330281": "余姚市",
        "330282": "慈溪市",
    },
    "330300": {
        "330302": "鹿城区",
        "330303": "龙湾区",
        "330304": "瓯海区",
        "330305": "洞头区",
        "330324": "永嘉县",
        "330326": "平阳县",
        "330327": "苍南县",
        "330328": "文成县",
        "330329": "泰顺县",
        "330381": "瑞安市",
        "330382": "乐清市",
        "330383": "龙港市",
    },
    "330400": {
        "330402": "南湖区",
        "330411": "秀洲区",
        "330421": "嘉善县",
        "330424": "海盐县",
        "330481": "海宁市",
        "330482": "平湖市",
        "330483": "桐乡市",
    },
    "330500": {
        "330502": "吴兴区",
        "330503": "南浔区",
        "330521": "德清县",
        "330522": "长兴县",
        "330523": "安吉县",
    },
    "330600": {
        "330602": "越城区",
        "330603": "柯桥区",
        "330604": "上虞区",
        "330624": "新昌县",
        "330681": "诸暨市",
        "330683": "嵊州市",
    },
    "330700": {
        "330702": "婺城区",
        "330703": "金东区",
        "330723": "武义县",
        "330726": "浦江县",
        "330727": "磐安县",
        "330781": "兰溪市",
        "330782": "义乌市",
        "330783": "东阳市",
        "330784": "永康市",
    },
    "330800": {
        "330802": "柯城区",
        "330803": "衢江区",
        "330822": "常山县",
        "330824": "开化县",
        "330825": "龙游县",
        "330881": "江山市",
    },
    "330900": {
        "330902": "定海区",
        "330903": "普陀区",
        "330921": "岱山县",
        "330922": "嵊泗县",
    },
    "331000": {
        "331002": "椒江区",
        "331003": "黄岩区",
        "331004": "路桥区",
        "331022": "三门县",
        "331023": "天台县",
        "331024": "仙居县",
        "331081": "温岭市",
        "331082": "临海市",
        "331083": "玉环市",
    },
    "331100": {
        "331102": "莲都区",
        "331121": "青田县",
        "331122": "缙云县",
        "331123": "遂昌县",
        "331124": "松阳县",
        "331125": "云和县",
        "331126": "庆元县",
        "331127": "景宁畲族自治县",
        "331181": "龙泉市",
    },
}

# Hangzhou's streets and towns (real names).
HANGZHOU_TOWNSHIPS: dict[str, list[str]] = {
    "330102": [
        "湖滨街道", "清波街道", "小营街道", "南星街道", "紫阳街道", "望江街道", "凯旋街道",
        "采荷街道", "闸弄口街道", "四季青街道", "彭埠街道", "九堡街道", "笕桥街道", "丁兰街道",
    ],
    "330105": [
        "武林街道", "天水街道", "朝晖街道", "潮鸣街道", "长庆街道", "石桥街道", "东新街道",
        "文晖街道", "米市巷街道", "湖墅街道", "小河街道", "和睦街道", "拱宸桥街道", "大关街道",
        "上塘街道", "祥符街道", "康桥街道", "半山街道",
    ],
    "330106": [
        "北山街道", "西溪街道", "翠苑街道", "古荡街道", "西湖街道", "留下街道", "转塘街道",
        "蒋村街道", "灵隐街道", "文新街道", "三墩镇", "双浦镇",
    ],
    "330108": ["西兴街道", "长河街道", "浦沿街道"],
    "330109": [
        "城厢街道", "北干街道", "蜀山街道", "新塘街道", "宁围街道", "新街街道", "闻堰街道",
        "瓜沥镇", "临浦镇", "义桥镇", "所前镇", "衙前镇", "党湾镇", "益农镇", "楼塔镇",
        "河上镇", "戴村镇", "浦阳镇", "进化镇",
    ],
    "330110": [
        "五常街道", "仓前街道", "余杭街道", "闲林街道", "良渚街道", "中泰街道", "仁和街道",
        "瓶窑镇", "径山镇", "黄湖镇", "鸬鸟镇", "百丈镇",
    ],
    "330111": [
        "富春街道", "春江街道", "东洲街道", "银湖街道", "鹿山街道", "场口镇", "常安镇",
        "万市镇", "洞桥镇", "胥口镇", "新登镇", "永昌镇", "大源镇", "灵桥镇", "里山镇",
        "渔山乡", "湖源乡",
    ],
    "330112": [
        "锦城街道", "锦北街道", "锦南街道", "玲珑街道", "青山湖街道", "太湖源镇", "於潜镇",
        "天目山镇", "太阳镇", "潜川镇", "昌化镇", "龙岗镇", "河桥镇", "湍口镇", "清凉峰镇",
        "岛石镇", "板桥镇", "高虹镇",
    ],
    "330113": ["临平街道", "东湖街道", "南苑街道", "星桥街道", "运河街道", "乔司街道", "崇贤街道", "塘栖镇"],
    "330114": ["白杨街道", "下沙街道", "河庄街道", "义蓬街道", "新湾街道", "临江街道", "前进街道"],
    "330122": [
        "城南街道", "旧县街道", "桐君街道", "凤川街道", "富春江镇", "横村镇", "分水镇",
        "瑶琳镇", "百江镇", "江南镇", "莪山畲族乡", "钟山乡", "新合乡", "合村乡",
    ],
    "330127": [
        "千岛湖镇", "文昌镇", "石林镇", "临岐镇", "威坪镇", "姜家镇", "梓桐镇", "汾口镇",
        "中洲镇", "大墅镇", "枫树岭镇", "里商乡", "金峰乡", "富文乡", "左口乡", "屏门乡",
        "瑶山乡", "王阜乡", "宋村乡", "鸠坑乡", "浪川乡", "界首乡", "安阳乡",
    ],
    "330182": [
        "新安江街道", "洋溪街道", "更楼街道", "莲花镇", "乾潭镇", "梅城镇", "杨村桥镇",
        "下涯镇", "大洋镇", "三都镇", "寿昌镇", "航头镇", "大慈岩镇", "大同镇", "李家镇", "钦堂乡",
    ],
}  # fmt: skip

_PLACE_SYLLABLES = (
    "白沙 石门 青山 新桥 龙泉 金山 黄坛 前岙 梅溪 双峰 凤凰 塘头 大溪 枫林 东岙 西岭 花园 长乐 "
    "横山 松林 沙溪 柳市 湖岭 桥头 高楼 仙岩 水头 江口 石塘 新河 泽国 大麦屿 坎门 上塘 "
    "马屿 陶山 南浦 北白象 芙蓉 城北 古城 八都 溪口 章镇 钱库 金乡 宜山 赤溪 莒溪 三魁"
).split()


@dataclass(frozen=True)
class RegionSpec:
    """One division of the demo tree (before it becomes a ``roster.Region``)."""

    code: str
    name: str
    level: str  # RegionLevel value
    parent_code: str | None


def township_names(county_code: str) -> list[str]:
    """The township names of a county: real ones for Hangzhou, made-up (but stable) elsewhere."""
    if county_code in HANGZHOU_TOWNSHIPS:
        return HANGZHOU_TOWNSHIPS[county_code]
    rng = random.Random(f"townships:{county_code}")  # str seeds are stable across runs
    picked = rng.sample(_PLACE_SYLLABLES, rng.randint(6, 12))
    streets = ["城东街道", "城西街道", "城南街道", "城北街道"][: rng.randint(2, 4)]
    return streets + [f"{name}镇" if rng.random() < 0.8 else f"{name}乡" for name in picked]


def township_code(county_code: str, name: str, index_in_kind: int) -> str:
    """GB/T 10114 style: streets 001-099, towns 100-199, townships 200-399."""
    if name.endswith("街道"):
        base = 1
    elif name.endswith("镇"):
        base = 100
    else:
        base = 200
    return f"{county_code}{base + index_in_kind:03d}"


def region_specs(city_codes: list[str]) -> list[RegionSpec]:
    """The tree, parents before children: the province, then for each city its counties and townships."""
    specs = [RegionSpec(PROVINCE[0], PROVINCE[1], "province", None)]
    for city_code in city_codes:
        specs.append(RegionSpec(city_code, CITIES[city_code][0], "city", PROVINCE[0]))
        for county_code, county_name in COUNTIES[city_code].items():
            specs.append(RegionSpec(county_code, county_name, "county", city_code))
            counters = {1: 0, 100: 0, 200: 0}
            for name in township_names(county_code):
                base = 1 if name.endswith("街道") else 100 if name.endswith("镇") else 200
                code = township_code(county_code, name, counters[base])
                counters[base] += 1
                specs.append(RegionSpec(code, name, "township", county_code))
    return specs
