"""Published decisions in bulk (公示信息) for the publicity benchmark: up to millions of redacted
penalty and licensing decisions with their search index, written the way the pipeline's indexer
would (same tokens, same postings, same document frequencies), but loaded in bulk.

Deterministic for a seed. The load is fast because the large posting table is never grown one
random row at a time: on SQLite the postings go to a staging table and are copied over in index
order; on PostgreSQL they are streamed with COPY and the posting indexes and foreign keys are
rebuilt afterwards (the exact definitions are read back from the database and restored).
"""

from __future__ import annotations

import datetime as dt
import io
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from yangguang.core.validators import make_uscc
from yangguang.publicity.search import county_of, normalize, tokens_of
from yangguang.roster.models import Agency, Region, RegionLevel

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


COUNTIES = [("330102", "上城区"), ("330105", "拱墅区"), ("330106", "西湖区"), ("330108", "滨江区")]
PUB_COLUMNS = (
    "id, source_kind, source_id, agency_id, region_id, region_path, action_kind, number, title, party_label,"
    " conclusion, decided_on, due_on, status, blocked_reason, published_on, expires_on, original_text,"
    " redacted_text, search_text, length, manual_terms, version, withdraw_ground, withdraw_reason, created_at"
)
POSTING_COLUMNS = "token_id, publication_id, published_on, agency_id, county_id, tf"


def make_agencies(n_agencies: int) -> list[Agency]:
    """``n_agencies`` enforcement agencies spread over four districts of 杭州市."""
    prov, _ = Region.objects.get_or_create(
        code="330000", defaults={"name": "浙江省", "level": RegionLevel.PROVINCE, "path": "/330000/"}
    )
    city, _ = Region.objects.get_or_create(
        code="330100", defaults={"name": "杭州市", "level": RegionLevel.CITY, "parent": prov, "path": "/330000/330100/"}
    )
    counties = []
    for code, name in COUNTIES:
        region, _ = Region.objects.get_or_create(
            code=code,
            defaults={"name": name, "level": RegionLevel.COUNTY, "parent": city, "path": f"/330000/330100/{code}/"},
        )
        counties.append(region)
    agencies = []
    for i in range(n_agencies):
        region = counties[i % len(counties)]
        agency, _ = Agency.objects.get_or_create(
            uscc=make_uscc(50_000 + i, org_type="11"),
            defaults={"name": f"{region.name}执法局{i}", "region": region, "power_kinds": ["penalty", "licensing"]},
        )
        agencies.append(agency)
    return agencies


def iter_decisions(n: int, agencies: list[Agency], *, first_id: int, seed: int, today: dt.date) -> Iterator[tuple]:
    """Rows (publication tuple, token counts) of ``n`` published decisions, ids from ``first_id``."""
    rnd = random.Random(seed)
    now = timezone.now()
    for k in range(n):
        i = first_id + k
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
        pub = (
            i, "case_decision", i, agency.pk, agency.region_id, agency.region.path, kind, number, title, party,
            conclusion, published, published, "published", "", published, published + dt.timedelta(days=1100),
            "", text, normalize(full), sum(counts.values()), '{"terms": [], "period_months": 36}', 1, "", "", now,
        )  # fmt: skip
        yield pub, counts


def generate_publications(
    n: int,
    *,
    n_agencies: int = 40,
    seed: int = 42,
    batch: int = 20_000,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Bulk-load ``n`` published decisions and their index into an empty index; returns timings."""
    agencies = make_agencies(n_agencies)
    today = timezone.localdate()
    start = time.perf_counter()
    first_id = (connection.cursor().execute("SELECT MAX(id) FROM publicity_publication").fetchone()[0] or 0) + 1
    token_ids: dict[str, int] = {}
    df: Counter[str] = Counter()
    loader = _PgLoader() if connection.vendor == "postgresql" else _SqliteLoader()
    loader.begin()
    # Every generated decision belongs to its agency's region (see iter_decisions).
    counties = {a.pk: county_of(a.region.path) for a in agencies}
    pubs: list[tuple] = []
    posts: list[tuple] = []
    n_postings = 0
    for done, (pub, counts) in enumerate(iter_decisions(n, agencies, first_id=first_id, seed=seed, today=today), 1):
        pubs.append(pub)
        for t, c in counts.items():
            tid = token_ids.get(t)
            if tid is None:
                tid = token_ids[t] = len(token_ids) + 1
            df[t] += 1
            posts.append((tid, pub[0], pub[15], pub[3], counties[pub[3]], c))
        if len(pubs) >= batch or done == n:
            loader.add(pubs, posts)
            n_postings += len(posts)
            pubs, posts = [], []
            if progress:
                progress(f"{done}/{n} decisions, {n_postings} postings, {time.perf_counter() - start:.0f}s")
    loaded = time.perf_counter()
    loader.finish([(tid, t, df[t]) for t, tid in token_ids.items()])
    return {
        "seconds": time.perf_counter() - start,
        "load_seconds": loaded - start,
        "postings": n_postings,
        "tokens": len(token_ids),
        "agencies": [a.pk for a in agencies],
    }


class _SqliteLoader:
    """Publications straight in; postings to an unindexed staging table, then copied in index order."""

    def begin(self) -> None:
        with connection.cursor() as cur:
            if cur.execute("SELECT COUNT(*) FROM publicity_searchtoken").fetchone()[0]:
                raise RuntimeError("the search index is not empty: generate into a fresh database")
            # A bulk load: no WAL copy of every page and no fsync (a crash means: generate again).
            cur.execute("PRAGMA journal_mode=DELETE")
            cur.execute("PRAGMA synchronous=OFF")
            cur.execute("PRAGMA cache_size=-4000000")
            cur.execute("PRAGMA temp_store=MEMORY")
            cur.execute("PRAGMA threads=2")
            cur.execute(
                "CREATE TABLE bench_posting_stage"
                " (token_id INTEGER, publication_id INTEGER, published_on TEXT, agency_id INTEGER, county_id INTEGER,"
                " tf INTEGER)"
            )

    def add(self, pubs: list[tuple], posts: list[tuple]) -> None:
        with transaction.atomic(), connection.cursor() as cur:
            cur.executemany(
                f"INSERT INTO publicity_publication ({PUB_COLUMNS}) VALUES ({', '.join(['%s'] * 26)})", pubs
            )
            cur.executemany("INSERT INTO bench_posting_stage VALUES (%s, %s, %s, %s, %s, %s)", posts)

    def finish(self, tokens: list[tuple]) -> None:
        with connection.cursor() as cur:
            index_sqls = [
                sql
                for (sql,) in cur.execute(
                    "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'publicity_posting'"
                    " AND sql IS NOT NULL"
                ).fetchall()
            ]
            with transaction.atomic():
                cur.executemany("INSERT INTO publicity_searchtoken (id, text, df) VALUES (%s, %s, %s)", tokens)
                for sql in index_sqls:
                    cur.execute(f'DROP INDEX "{sql.split(chr(34))[1]}"')
                # In the order of the unique (token, date, publication) index: appended, not inserted.
                cur.execute(
                    f"INSERT INTO publicity_posting ({POSTING_COLUMNS}) SELECT {POSTING_COLUMNS} FROM bench_posting_stage"
                    " ORDER BY token_id, published_on, publication_id"
                )
                for sql in index_sqls:
                    cur.execute(sql)
                cur.execute("DROP TABLE bench_posting_stage")
            cur.execute("PRAGMA analysis_limit=1000")
            cur.execute("ANALYZE")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")


class _PgLoader:
    """COPY into the tables with the posting table's indexes and foreign keys dropped, then rebuilt."""

    def begin(self) -> None:
        with connection.cursor() as cur:
            cur.execute("SELECT COUNT(*) FROM publicity_searchtoken")
            if cur.fetchone()[0]:
                raise RuntimeError("the search index is not empty: generate into a fresh database")
            cur.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'publicity_posting'::regclass"
                " AND contype IN ('u', 'f')"
            )
            self.constraints = cur.fetchall()
            cur.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'publicity_posting'"
                " AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'publicity_posting'::regclass)"
            )
            self.indexes = [(name, sql) for name, sql in cur.fetchall() if not name.endswith("_pkey")]
            for name, _sql in self.constraints:
                cur.execute(f'ALTER TABLE publicity_posting DROP CONSTRAINT "{name}"')
            for name, _sql in self.indexes:
                cur.execute(f'DROP INDEX "{name}"')

    def _copy(self, table: str, columns: str, rows: list[tuple]) -> None:
        buf = io.StringIO()
        for row in rows:
            buf.write("\t".join(_pg_text(v) for v in row))
            buf.write("\n")
        raw = connection.connection
        with raw.cursor() as cur, cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            copy.write(buf.getvalue())

    def add(self, pubs: list[tuple], posts: list[tuple]) -> None:
        with transaction.atomic():
            self._copy("publicity_publication", PUB_COLUMNS, pubs)
            self._copy("publicity_posting", POSTING_COLUMNS, posts)

    def finish(self, tokens: list[tuple]) -> None:
        with transaction.atomic():
            self._copy("publicity_searchtoken", "id, text, df", tokens)
        with connection.cursor() as cur:
            cur.execute("SET maintenance_work_mem = '1GB'")
            for name, sql in self.constraints:
                cur.execute(f'ALTER TABLE publicity_posting ADD CONSTRAINT "{name}" {sql}')
            for _name, sql in self.indexes:
                cur.execute(sql)
            for table in ("publicity_publication", "publicity_searchtoken", "publicity_posting"):
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
            cur.execute("VACUUM ANALYZE")


def _pg_text(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, dt.datetime):
        return value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", " ").replace("\n", "\\n")
