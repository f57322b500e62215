"""Chinese personal names, trade names, roads and phone numbers, drawn from a seeded ``random.Random``."""

from __future__ import annotations

import random
from itertools import accumulate

# Common surnames, weighted roughly by their frequency in Zhejiang (王、陈、张、李、吴、徐 lead).
_SURNAMES_WEIGHTED: list[tuple[str, int]] = [
    ("王", 80), ("陈", 80), ("张", 60), ("李", 60), ("吴", 45), ("徐", 45), ("周", 40), ("金", 30),
    ("朱", 30), ("叶", 28), ("林", 28), ("杨", 28), ("胡", 28), ("沈", 26), ("黄", 26), ("蒋", 22),
    ("刘", 22), ("郑", 22), ("何", 20), ("方", 18), ("赵", 18), ("孙", 16), ("钱", 14), ("应", 12),
    ("章", 12), ("项", 10), ("俞", 10), ("潘", 10), ("邵", 10), ("汪", 10), ("楼", 8), ("丁", 8),
    ("许", 8), ("马", 8), ("姚", 8), ("卢", 8), ("谢", 8), ("夏", 6), ("郭", 6), ("余", 6),
    ("施", 6), ("程", 6), ("戴", 6), ("毛", 6), ("韩", 5), ("曹", 5), ("傅", 5), ("袁", 5),
    ("蔡", 5), ("严", 5), ("虞", 4), ("裘", 4), ("褚", 3), ("诸葛", 1), ("欧阳", 1), ("司马", 1),
]  # fmt: skip
SURNAMES = [s for s, _ in _SURNAMES_WEIGHTED]
_SURNAME_CUM = list(accumulate(w for _, w in _SURNAMES_WEIGHTED))

MALE_CHARS = "伟强军勇杰涛斌超明辉刚健峰磊俊浩宇鹏飞龙华建国平东海波亮晨志文凯昊睿轩博洋振兴立群宏斌晓"
FEMALE_CHARS = "芳娜敏静丽艳娟霞燕玲婷雪琳颖慧洁倩萍红梅琴云莉月华佳怡欣悦瑶晶蕾璐馨雅薇晓丹"


def person_name(rng: random.Random) -> str:
    """A plausible full name: a weighted surname and a one- or two-character given name."""
    surname = rng.choices(SURNAMES, cum_weights=_SURNAME_CUM)[0]
    chars = MALE_CHARS if rng.random() < 0.58 else FEMALE_CHARS
    given = rng.choice(chars) if rng.random() < 0.3 else rng.choice(chars) + rng.choice(chars)
    return surname + given


# Characters for trade names (字号) of companies and shops.
TRADE_CHARS = (
    "鑫 盛 华 泰 源 丰 达 恒 祥 瑞 宏 伟 佳 嘉 信 诚 德 隆 昌 兴 汇 通 博 远 新 安 和 顺 "
    "立 创 科 聚 海 天 金 银 永 久 利 富 康 乐 美 雅 晨 星 益 同 尚 优 品 惠 万 方 禾 越 "
    "钱 江 西 湖 之 浙 云 峰 杭 运 河 湘 竹 松 梅 兰 青 蓝 卓 誉 匠 铭 朗 拓 途 迅 捷"
).split()


def trade_name(rng: random.Random) -> str:
    return rng.choice(TRADE_CHARS) + rng.choice(TRADE_CHARS)


ROADS = (
    "解放路 延安路 中山路 建国路 文一路 文二路 文三路 天目山路 学院路 莫干山路 湖墅南路 "
    "庆春路 凤起路 体育场路 环城北路 秋涛路 钱江路 江南大道 滨盛路 市心路 金城路 人民路 "
    "文化路 工业路 创业路 科技大道 新华路 和平路 胜利路 光明路 振兴路 东方路 迎宾路 北山路 "
    "南环路 西环路 东环路 府前路 长安路 望江路 古墩路 余杭塘路 丰潭路 教工路"
).split()


def street_address(rng: random.Random, prefix: str) -> str:
    """``prefix`` (city, county, township) + road + house number."""
    return f"{prefix}{rng.choice(ROADS)}{rng.randint(1, 999)}号"


MOBILE_PREFIXES = ("130", "131", "133", "135", "136", "137", "138", "139", "150", "151", "152", "157",
                   "158", "159", "177", "180", "181", "186", "187", "188", "189", "199")  # fmt: skip


def mobile(rng: random.Random) -> str:
    return f"{rng.choice(MOBILE_PREFIXES)}{rng.randint(0, 99_999_999):08d}"


def landline(rng: random.Random, area_code: str) -> str:
    return f"{area_code}-{rng.randint(8000_0000, 8999_9999)}"
