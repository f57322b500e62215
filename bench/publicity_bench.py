#!/usr/bin/env python3
"""Publicity benchmark (not a test): full-text search of published decisions through HTTP.

    .venv/bin/python bench/publicity_bench.py --n 100000                    # SQLite (fresh file)
    .venv/bin/python scripts/pgtmp.py -- .venv/bin/python bench/publicity_bench.py --n 100000

It bulk-inserts N published decisions (publication rows, the bigram/unigram token table and the
postings, as the pipeline's indexer would write them), starts a live server subprocess
(a single-threaded ``wsgiref`` server running ``yangguang.wsgi``) on the same database, and measures over HTTP:

- search requests (one- and two-character words, phrases, filters, relevance sort, page 2): p50/p95;
- the decision page: p50/p95;
- in-process, the same queries through the index versus a plain LIKE scan of the same rows (ratio).
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FACTS = [
    "占道经营",
    "销售过期食品",
    "无证经营",
    "未按规定公示年度报告",
    "超范围经营",
    "发布虚假广告",
    "违规排放污水",
    "夜间施工噪声扰民",
    "销售不合格产品",
    "未取得许可从事餐饮服务",
    "擅自改变房屋用途",
    "违法倾倒建筑垃圾",
]
CONCLUSIONS = ["罚款{n}元", "警告", "没收违法所得{n}元", "罚款{n}元并没收违法所得", "责令停产停业", "通报批评"]
FILLER = "的一是在了不和有大这主中人上为们地个用工时要动国产以我到他会作来分生对于学下级就年阶义发成部民可出能方进同行面说种过命度革而多子后自社加小机也经力线本电高量长党得实家定深法表着水理化争现所二起政三好十战无农使性前等反体合斗路图把结第里正新开论之物从当两些还天资事队批如应形想制心样干都向变关点育重其思与间内去因件日利相由压员气业代全组数果期导平各基或月毛然问比展那它最及外没看治提五解系林者米群头意只明四道马认次文通但条较克又公孔领军流入接席位情运器并飞原油放立题质指建区验活众很教决特此常石强极土少已根共直团统式转别造切九你取西持总料连任志观调七么山程百报更见必真保热委手改管处己将修支识病象几先老光专什六型具示复安带每东增则完风回南广劳轮科北打积车计给节做务被整联步类集号列温装即毫知轴研单色坚据速防史拉世设达尔场织历花受求传口断况采精金界品判参层止边清至万确究书术状厂须离再目海交权且儿青才证低越际八试规斯近注办布门铁需走议县兵固除般引齿千胜细影济白格效置推空配刀叶率述今选养德话查差半敌始片施响收华觉备名红续均药标记难存测士身紧液派准斤角降维板许破述技消底床田势端感往神便贺村构照容非搞亚磨族火段算适讲按值美态黄易彪服早班麦削信排台声该击素张密害侯草何树肥继右属市严径螺检左页抗苏显苦英快称坏移约巴材省黑武培著河帝仅针怎植京助升王眼她抓含苗副杂普谈围食射源例致酸旧却充足短划剂宣环落首尺波承粉践府鱼随考刻靠够满夫失包住促枝局菌杆周护岩师举曲春元超负砂封换太模贫减阳扬江析亩木言球朝医校古呢稻宋听唯输滑站另卫字鼓刚写刘微略范供阿块某功套友限项余倒卷创律雨让骨远帮初皮播优占死毒圈伟季训控激找叫云互跟裂粮粒母练塞钢顶策双留误础吸阻故寸盾晚丝女散焊功株亲院冷彻弹错散商视艺灭版烈零室轻血倍缺厘泵察绝富城冲喷壤简否柱李望盘磁雄似困巩益洲脱投送奴侧润盖挥距触星松送获兴独官混纪依未突架宽冬章湿偏纹吃执阀矿寨责熟稳夺硬价努翻奇甲预职评读背协损棉侵灰虽矛厚罗泥辟告卵箱掌氧恩爱停曾溶营终纲孟钱待尽俄缩沙退陈讨奋械载胞幼哪剥迫旋征槽倒握担仍呀鲜吧卡粗介钻逐弱脚怕盐末阴丰雾冠丙街莱贝辐肠付吉渗瑞惊顿挤秒悬姆烂森糖圣凹陶词迟蚕亿矩康遵牧遭幅园腔订香肉弟屋敏恢忘编印蜂急拿扩伤飞露核缘游振操央伍域甚迅辉异序免纸夜乡久隶缸夹念兰映沟乙吗儒杀汽磷艰晶插埃燃欢铁补咱芽永瓦倾阵碳演威附牙芽永瓦斜灌欧献顺猪洋腐请透司危括脉宜笑若尾束壮暴企菜穗楚汉愈绿拖牛份染既秋遍锻玉夏疗尖殖井费州访吹荣铜沿替滚客召旱悟刺脑措贯藏敢令隙炉壳硫煤迎铸粘探临薄旬善福纵择礼愿伏残雷延烟句纯渐耕跑泽慢栽鲁赤繁境潮横掉锥希池败船假亮谓托伙哲怀割摆贡呈劲财仪沉炼麻罪祖息车穿货销齐鼠抽画饲龙库守筑房歌寒喜哥洗蚀废纳腹乎录镜妇恶脂庄擦险赞钟摇典柄辩竹谷卖乱虚桥奥伯赶垂途额壁网截野遗静谋弄挂课镇妄盛耐援扎虑键归符庆聚绕摩忙舞遇索顾胶羊湖钉仁音迹碎伸灯避泛亡答勇频皇柳哈揭甘诺概宪浓岛袭谁洪谢炮浇斑讯懂灵蛋闭孩释乳巨徒私银伊景坦累匀霉杜乐勒隔弯绩招绍胡呼痛峰零柴簧午跳居尚丁秦稍追梁折耗碱殊岗挖氏刃剧堆赫荷胸衡勤膜篇登驻案刊秧缓凸役剪川雪链渔啦脸户洛孢勃盟买杨宗焦赛旗滤硅炭股坐蒸凝竟陷枪黎救冒暗洞犯筒您宋弧爆谬涂味津臂障褐陆啊健尊豆拔莫抵桑坡缝警挑污冰柬嘴啥饭塑寄赵喊垫丹渡耳刨虎笔稀昆浪萨茶滴浅拥穴覆伦娘吨浸袖珠雌妈紫戏塔锤震岁貌洁剖牢锋疑霸闪埔猛诉刷狠忽灾闹乔唐漏闻沈熔氯荒茎男凡抢像浆旁玻亦忠唱蒙予纷捕锁尤乘乌智淡允叛畜俘摸锈扫毕璃宝芯爷鉴秘净蒋钙肩腾枯抛轨堂拌爸循诱祝励肯酒绳穷塘燥泡袋朗喂铝软渠颗惯贸粪综墙趋彼届墨碍启逆卸航衣孙龄岭骗休借"


def setup_django(var_dir: str) -> None:
    os.environ.setdefault("YG_VAR_DIR", var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yangguang.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_agencies(n_agencies: int) -> tuple[list[Any], list[Any]]:
    from yangguang.core.validators import make_uscc
    from yangguang.roster.models import Agency, Region, RegionLevel

    prov, _ = Region.objects.get_or_create(
        code="330000", defaults={"name": "浙江省", "level": RegionLevel.PROVINCE, "path": "/330000/"}
    )
    city, _ = Region.objects.get_or_create(
        code="330100", defaults={"name": "杭州市", "level": RegionLevel.CITY, "parent": prov, "path": "/330000/330100/"}
    )
    counties = []
    for code, name in [("330102", "上城区"), ("330105", "拱墅区"), ("330106", "西湖区"), ("330108", "滨江区")]:
        r, _ = Region.objects.get_or_create(
            code=code,
            defaults={"name": name, "level": RegionLevel.COUNTY, "parent": city, "path": f"/330000/330100/{code}/"},
        )
        counties.append(r)
    agencies = []
    for i in range(n_agencies):
        region = counties[i % len(counties)]
        a, _ = Agency.objects.get_or_create(
            uscc=make_uscc(50_000 + i, org_type="11"),
            defaults={"name": f"{region.name}执法局{i}", "region": region, "power_kinds": ["penalty", "licensing"]},
        )
        agencies.append(a)
    return agencies, counties


def generate(n: int, n_agencies: int, batch: int) -> dict[str, Any]:
    """Bulk-insert n published decisions with their index; returns timing and sizes."""
    import datetime as dt

    from django.db import connection, transaction
    from django.utils import timezone

    from yangguang.publicity.models import Publication, SearchToken
    from yangguang.publicity.search import normalize, tokens_of

    agencies, _counties = make_agencies(n_agencies)
    rnd = random.Random(42)
    today = timezone.localdate()
    token_ids: dict[str, int] = {}
    df: Counter[str] = Counter()
    start = time.perf_counter()
    next_id = (Publication.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    n_postings = 0
    pub_sql = (
        "INSERT INTO publicity_publication (id, source_kind, source_id, agency_id, region_id, region_path, action_kind,"
        " number, title, party_label, conclusion, decided_on, due_on, status, blocked_reason, published_on, expires_on,"
        " original_text, redacted_text, search_text, length, manual_terms, version, withdraw_ground, withdraw_reason,"
        " created_at) VALUES (" + ", ".join(["%s"] * 26) + ")"
    )
    post_sql = "INSERT INTO publicity_posting (token_id, publication_id, tf) VALUES (%s, %s, %s)"
    tok_sql = "INSERT INTO publicity_searchtoken (id, text, df) VALUES (%s, %s, %s)"
    now = timezone.now()
    done = 0
    SearchToken.objects.all().delete()
    while done < n:
        pubs, posts, new_tokens = [], [], []
        for _ in range(min(batch, n - done)):
            i = next_id + done
            agency = agencies[rnd.randrange(len(agencies))]
            fact = rnd.choice(FACTS)
            conclusion = rnd.choice(CONCLUSIONS).format(n=rnd.choice([50, 200, 500, 1000, 5000, 20000]))
            kind = "licensing" if rnd.random() < 0.1 else "penalty"
            party = f"杭州某某商贸有限公司{i}" if rnd.random() < 0.6 else "张某某"
            filler = "".join(rnd.choice(FILLER) for _ in range(12))
            if kind == "licensing":
                title, text = "行政许可决定", f"当事人{party}申请食品经营许可，经审查准予许可。{filler}"
                conclusion = "准予许可"
            else:
                title, text = f"{fact}案", f"当事人{party}{fact}，{filler}，决定{conclusion}。"
            number = f"杭执罚〔2026〕{i}号"
            published = today - dt.timedelta(days=rnd.randrange(0, 700))
            full = f"{title}\n{party}\n{number}\n{text}"
            counts = tokens_of(full)
            for t, c in counts.items():
                tid = token_ids.get(t)
                if tid is None:
                    tid = token_ids[t] = len(token_ids) + 1
                    new_tokens.append((tid, t, 0))
                df[t] += 1
                posts.append((tid, i, c))
            pubs.append(
                (
                    i,
                    "case_decision",
                    i,
                    agency.pk,
                    agency.region_id,
                    agency.region.path,
                    kind,
                    number,
                    title,
                    party,
                    conclusion,
                    published,
                    published,
                    "published",
                    "",
                    published,
                    published + dt.timedelta(days=1100),
                    "",
                    text,
                    normalize(full),
                    sum(counts.values()),
                    '{"terms": [], "period_months": 36}',
                    1,
                    "",
                    "",
                    now,
                )
            )
            done += 1
        n_postings += len(posts)
        with transaction.atomic(), connection.cursor() as cur:
            if new_tokens:
                cur.executemany(tok_sql, new_tokens)
            cur.executemany(pub_sql, pubs)
            cur.executemany(post_sql, posts)
        print(
            f"\r  {done}/{n} decisions, {n_postings} postings, {time.perf_counter() - start:.0f}s", end="", flush=True
        )
    print()
    with transaction.atomic(), connection.cursor() as cur:
        rows = [(df[t], tid) for t, tid in token_ids.items()]
        for k in range(0, len(rows), 10_000):
            cur.executemany("UPDATE publicity_searchtoken SET df = %s WHERE id = %s", rows[k : k + 10_000])
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            for table in ("publicity_publication", "publicity_searchtoken", "publicity_posting"):
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
            cur.execute("ANALYZE")
    else:
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    return {
        "seconds": time.perf_counter() - start,
        "postings": n_postings,
        "tokens": len(token_ids),
        "agencies": [a.pk for a in agencies],
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    # A single-threaded WSGI server: requests are sent one at a time, and the one thread keeps its
    # database connection (runserver opens a thread, hence a new connection, per request).
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r});"
        "from wsgiref.simple_server import make_server, WSGIRequestHandler;"
        "from yangguang.wsgi import application;"
        "WSGIRequestHandler.log_message = lambda *a: None;"
        f"make_server('127.0.0.1', {port}, application).serve_forever()"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/public/", timeout=2).read()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start")


def timed_get(url: str) -> tuple[float, int]:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as r:
        r.read()
        status = r.status
    return (time.perf_counter() - start) * 1000, status


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def queries(agencies: list[int]) -> list[dict[str, str]]:
    a = str(agencies[0])
    return [
        {"q": "罚款"},
        {"q": "占道"},
        {"q": "警"},
        {"q": "占道经营"},
        {"q": "销售过期食品"},
        {"q": "罚款", "agency": a},
        {"q": "占道", "region": "330106"},
        {"q": "罚款", "kind": "penalty", "from": "2025-06-01", "to": "2025-12-31"},
        {"q": "噪声", "sort": "relevance"},
        {"q": "罚款", "page": "2"},
        {"q": "", "agency": a},
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000, help="published decisions to generate (target 1,000,000)")
    parser.add_argument("--agencies", type=int, default=40)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=20, help="requests per query")
    args = parser.parse_args()
    var_dir = tempfile.mkdtemp(prefix="yg-publicity-bench-")
    setup_django(var_dir)
    from django.db import connection
    from django.utils import timezone

    from yangguang.publicity import search
    from yangguang.publicity.views_publication import parse_query

    print(f"database: {connection.vendor}; generating {args.n} decisions")
    info = generate(args.n, args.agencies, args.batch)
    print(f"  built in {info['seconds']:.1f}s: {info['postings']} postings, {info['tokens']} tokens")
    qs = queries(info["agencies"])

    # In-process: index vs LIKE scan over the same rows (same filters omitted for LIKE: q only).
    today = timezone.localdate()
    idx_ms, like_ms = [], []
    for q in qs:
        if not q.get("q"):
            continue
        query = parse_query(q)
        for _ in range(5):
            t = time.perf_counter()
            search.search(query.q, query.filters, today=today, sort=query.sort, offset=(query.page - 1) * 20)
            idx_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            search.like_scan(query.q, today=today)
            like_ms.append((time.perf_counter() - t) * 1000)
    connection.close()

    port = free_port()
    env = {**os.environ, "YG_VAR_DIR": os.environ["YG_VAR_DIR"], "YG_DEBUG": "0", "DJANGO_DEBUG": "0"}
    proc = start_server(port, env)
    try:
        base = f"http://127.0.0.1:{port}"
        per_query: dict[str, list[float]] = {}
        all_ms: list[float] = []
        for _ in range(args.rounds):
            for q in qs:
                url = f"{base}/public/decisions/?{urllib.parse.urlencode(q)}"
                ms, status = timed_get(url)
                assert status == 200, url
                per_query.setdefault(urllib.parse.urlencode(q), []).append(ms)
                all_ms.append(ms)
        api_ms = [timed_get(f"{base}/api/publicity/decisions?q=%E7%BD%9A%E6%AC%BE")[0] for _ in range(args.rounds)]
        rnd = random.Random(7)
        page_ms = [timed_get(f"{base}/public/decisions/{rnd.randint(1, args.n)}/")[0] for _ in range(args.rounds * 10)]
    finally:
        proc.terminate()
        proc.wait(10)
    print(f"\nresults ({connection.vendor}, {args.n} decisions):")
    for label, times in per_query.items():
        print(
            f"  search {urllib.parse.unquote(label):60s} p50 {statistics.median(times):7.1f} ms  p95 {pct(times, 95):7.1f} ms"
        )
    print(f"  search (all queries, HTTP)        p50 {statistics.median(all_ms):7.1f} ms  p95 {pct(all_ms, 95):7.1f} ms")
    print(
        f"  JSON API q=罚款 (HTTP)             p50 {statistics.median(api_ms):7.1f} ms  p95 {pct(api_ms, 95):7.1f} ms"
    )
    print(
        f"  decision page (HTTP)              p50 {statistics.median(page_ms):7.1f} ms  p95 {pct(page_ms, 95):7.1f} ms"
    )
    print(
        f"  in-process index p95 {pct(idx_ms, 95):.1f} ms vs LIKE scan p95 {pct(like_ms, 95):.1f} ms "
        f"(LIKE/index ratio of p95: {pct(like_ms, 95) / max(pct(idx_ms, 95), 0.001):.1f}x; "
        f"of means: {statistics.mean(like_ms) / max(statistics.mean(idx_ms), 0.001):.1f}x)"
    )


if __name__ == "__main__":
    main()
