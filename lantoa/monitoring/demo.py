# ruff: noqa: E501  (a data table of demo content)
"""Demo sources (real outlets, entries only: inactive, nothing is fetched) and a few dozen
invented, clearly marked demo items about Quy Nhơn and Gia Lai, so the other apps have data."""

from datetime import timedelta

from django.utils import timezone

from .constants import OutletType, SourceKind
from .models import Item, Source
from .permissions import permissions_grant
from .services import entries_ingest, source_create
from .urlnorm import url_hash

D, F, G, S = (
    OutletType.DOMESTIC_PRESS,
    OutletType.FOREIGN_PRESS,
    OutletType.GOVERNMENT,
    OutletType.SOCIAL_PAGE,
)
# (name, kind, url, outlet type, country, language, priority)
SOURCES = [
    ("Báo Gia Lai", "feed", "https://baogialai.com.vn/rss/home.rss", D, "VN", "vi", 1),
    ("Báo Bình Định (lưu trữ)", "feed", "https://baobinhdinh.vn/rss/home.rss", D, "VN", "vi", 2),
    ("Cổng TTĐT tỉnh Gia Lai", "page", "https://gialai.gov.vn/tin-tuc", G, "VN", "vi", 1),
    ("Đài PT-TH Gia Lai", "feed", "https://gialaitv.vn/rss/home.rss", D, "VN", "vi", 2),
    ("VnExpress", "feed", "https://vnexpress.net/rss/tin-moi-nhat.rss", D, "VN", "vi", 2),
    ("Tuổi Trẻ", "feed", "https://tuoitre.vn/rss/tin-moi-nhat.rss", D, "VN", "vi", 2),
    ("Thanh Niên", "feed", "https://thanhnien.vn/rss/home.rss", D, "VN", "vi", 2),
    ("Nhân Dân", "feed", "https://nhandan.vn/rss/home.rss", D, "VN", "vi", 2),
    ("VietnamPlus", "feed", "https://www.vietnamplus.vn/rss/home.rss", D, "VN", "vi", 3),
    ("VOV", "sitemap", "https://vov.vn/sitemap-news.xml", D, "VN", "vi", 3),
    ("VnExpress International", "feed", "https://e.vnexpress.net/rss/news.rss", D, "VN", "en", 2),
    ("The Guardian – Vietnam", "feed", "https://www.theguardian.com/world/vietnam/rss", F, "GB",
     "en", 3),
    ("Nikkei Asia", "feed", "https://asia.nikkei.com/rss/feed/nar", F, "JP", "en", 3),
    ("人民网 国际", "feed", "http://www.people.com.cn/rss/world.xml", F, "CN", "zh", 3),
    ("VOV 中文", "page", "https://cn.vov.vn/", D, "VN", "zh", 3),
    ("연합뉴스", "feed", "https://www.yna.co.kr/rss/news.xml", F, "KR", "ko", 3),
    ("NHK ニュース 国際", "feed", "https://www3.nhk.or.jp/rss/news/cat6.xml", F, "JP", "ja", 3),
    ("Le Courrier du Vietnam", "page", "https://lecourrier.vn/", D, "VN", "fr", 3),
    ("RFI Asie-Pacifique", "feed", "https://www.rfi.fr/fr/asie-pacifique/rss", F, "FR", "fr", 3),
    ("Trang cộng đồng du lịch Quy Nhơn (tệp nhập)", "social_import", "", S, "VN", "vi", 3),
]  # fmt: skip

BASE = "https://demo.lantoa.local"
# (source name, slug, title, summary): invented for the demo, marked as such by a tag in brackets
# before the title and the text ("[Tin mẫu]", "[Demo]"), which story linking does not read.
ITEMS = [
    ("Báo Gia Lai", "le-hoi-bien", "[Tin mẫu] Quy Nhơn khai mạc lễ hội biển với hàng nghìn du khách",
     "[Tin mẫu] lễ hội biển Quy Nhơn năm nay có đua thuyền, ẩm thực và trình diễn ánh sáng trên vịnh."),
    ("Báo Gia Lai", "ca-phe", "[Tin mẫu] Nông dân Gia Lai chuyển sang cà phê hữu cơ",
     "[Tin mẫu] nhiều hợp tác xã ở Gia Lai áp dụng quy trình canh tác cà phê hữu cơ để xuất khẩu."),
    ("Báo Gia Lai", "nhon-hoi", "[Tin mẫu] Gia Lai xúc tiến đầu tư vào khu kinh tế Nhơn Hội",
     "[Tin mẫu] hội nghị xúc tiến đầu tư vào khu kinh tế Nhơn Hội thu hút hơn 200 doanh nghiệp "
     "trong nước và quốc tế, tập trung vào năng lượng tái tạo và du lịch biển."),
    ("VnExpress", "nhon-hoi-vne", "[Tin mẫu] Hội nghị xúc tiến đầu tư khu kinh tế Nhơn Hội",
     "[Tin mẫu] hội nghị xúc tiến đầu tư vào khu kinh tế Nhơn Hội thu hút hơn 200 doanh nghiệp "
     "trong nước và quốc tế, tập trung vào năng lượng tái tạo và du lịch biển."),
    ("Tuổi Trẻ", "nhon-hoi-tt", "[Tin mẫu] Nhơn Hội đón làn sóng đầu tư mới",
     "[Tin mẫu] hội nghị xúc tiến đầu tư vào khu kinh tế Nhơn Hội thu hút hơn 200 doanh nghiệp "
     "trong nước và quốc tế, tập trung vào năng lượng tái tạo và du lịch biển."),
    ("Cổng TTĐT tỉnh Gia Lai", "ttdn", "[Tin mẫu] Phường Quy Nhơn triển khai kế hoạch thông tin đối ngoại",
     "[Tin mẫu] Đảng ủy phường Quy Nhơn quán triệt kế hoạch thông tin đối ngoại tới các chi bộ."),
    ("Cổng TTĐT tỉnh Gia Lai", "chuyen-doi-so", "[Tin mẫu] Quy Nhơn đẩy mạnh chuyển đổi số trong dịch vụ công",
     "[Tin mẫu] người dân phường Quy Nhơn có thể nộp hồ sơ trực tuyến cho 95% thủ tục hành chính."),
    ("Thanh Niên", "ghenh-rang", "[Tin mẫu] Ghềnh Ráng – Tiên Sa vào mùa đẹp nhất năm",
     "[Tin mẫu] khu du lịch Ghềnh Ráng đón nhiều đoàn khách trẻ đến ngắm bình minh."),
    ("Thanh Niên", "mua-lu", "[Tin mẫu] Gia Lai chủ động ứng phó mùa mưa lũ",
     "[Tin mẫu] các địa phương ven biển Quy Nhơn chuẩn bị phương án sơ tán dân khi có bão."),
    ("Nhân Dân", "khoa-hoc", "[Tin mẫu] Trung tâm khoa học Quy Nhơn đón đoàn nhà khoa học quốc tế",
     "[Tin mẫu] hội nghị vật lý quốc tế tổ chức tại Quy Nhơn quy tụ hơn 100 nhà khoa học."),
    ("VietnamPlus", "tin-gia", "[Tin mẫu] Cảnh báo thông tin sai lệch về dự án ven biển Quy Nhơn",
     "[Tin mẫu] chính quyền khẳng định thông tin lan truyền trên mạng về việc thu hồi đất là sai sự thật."),
    ("VOV", "pleiku", "[Tin mẫu] Pleiku rực rỡ mùa hoa dã quỳ",
     "[Tin mẫu] hoa dã quỳ nở vàng các con đường ở Pleiku, thu hút khách chụp ảnh."),
    ("VnExpress International", "beach", "[Demo] Quy Nhon named among Asia's quiet beach escapes",
     "[Demo] travellers praise Quy Nhon's long bay, seafood and the Cham towers nearby."),
    ("VnExpress International", "coffee", "[Demo] Gia Lai coffee growers turn to organic methods",
     "[Demo] cooperatives in Gia Lai adopt organic coffee farming to reach export markets."),
    ("The Guardian – Vietnam", "science", "[Demo] A seaside city bets on science tourism",
     "[Demo] Quy Nhon hosts international physics conferences that bring researchers to town."),
    ("Nikkei Asia", "invest", "[Demo] Japanese firms eye Nhon Hoi economic zone",
     "[Demo] investors from Japan visit the Nhon Hoi economic zone in Gia Lai province."),
    ("Nikkei Asia", "wind", "[Demo] Offshore wind plans near Quy Nhon draw interest",
     "[Demo] energy companies study wind projects off the coast of Gia Lai."),
    ("人民网 国际", "tourism", "[演示] 越南归仁海滨旅游持续升温",
     "[演示] 越南嘉莱省归仁市的海滩和海鲜吸引了越来越多的中国游客前来观光度假。"),
    ("人民网 国际", "trade", "[演示] 嘉莱省咖啡出口中国市场增长",
     "[演示] 越南嘉莱省有机咖啡合作社与中国进口商签订了新的供货合同。"),
    ("VOV 中文", "festival", "[演示] 归仁海洋节吸引数千名游客",
     "[演示] 归仁海洋节期间举办了划船比赛、美食节和灯光表演等丰富多彩的活动。"),
    ("연합뉴스", "invest", "[데모] 한국 기업, 베트남 꾸이년 투자 확대 검토",
     "[데모] 한국 기업 대표단이 베트남 자라이성 년호이 경제구역을 방문해 투자 기회를 논의했다."),
    ("연합뉴스", "travel", "[데모] 베트남 꾸이년, 한국인 관광객에게 새로운 휴양지로 주목",
     "[데모] 조용한 해변과 신선한 해산물로 유명한 꾸이년을 찾는 한국인 관광객이 늘고 있다."),
    ("NHK ニュース 国際", "science", "[デモ] ベトナム・クイニョンで国際物理学会議が開幕",
     "[デモ] ベトナム中部クイニョンの科学センターで、各国の研究者が参加する国際会議が始まりました。"),
    ("NHK ニュース 国際", "coffee", "[デモ] ベトナム・ザライ省の有機コーヒー、日本向け輸出を拡大",
     "[デモ] ザライ省の協同組合が有機栽培のコーヒーを日本の輸入業者に出荷し始めました。"),
    ("Le Courrier du Vietnam", "plage", "[Démo] Quy Nhon, la perle discrète de la côte du Centre",
     "[Démo] plages tranquilles, fruits de mer et tours cham attirent les visiteurs."),
    ("RFI Asie-Pacifique", "cafe", "[Démo] Au Vietnam, les planteurs de Gia Lai misent sur le café bio",
     "[Démo] les coopératives de Gia Lai adoptent l'agriculture biologique."),
    ("RFI Asie-Pacifique", "numerique", "[Démo] Quy Nhon accélère la transformation numérique",
     "[Démo] les habitants peuvent déposer leurs démarches administratives en ligne."),
    ("Trang cộng đồng du lịch Quy Nhơn (tệp nhập)", "post-1", "",
     "[Tin mẫu] Biển Quy Nhơn sáng nay trong xanh, bãi tắm sạch sẽ, mọi người nên đến sớm."),
    ("Trang cộng đồng du lịch Quy Nhơn (tệp nhập)", "post-2", "",
     "[Tin mẫu] Có ai biết lịch bắn pháo hoa dịp lễ hội biển Quy Nhơn năm nay không ạ?"),
    ("Trang cộng đồng du lịch Quy Nhơn (tệp nhập)", "post-3", "",
     "[Tin mẫu] Nghe nói sắp thu hồi đất ven biển, có ai kiểm chứng được tin này chưa?"),
]  # fmt: skip


def load(*, log) -> None:
    permissions_grant()
    sources: dict[str, Source] = {}
    for name, kind, url, outlet, country, language, priority in SOURCES:
        source = Source.objects.filter(name=name).first() or source_create(
            url=url,
            kind=kind if kind != "social_import" else SourceKind.SOCIAL_IMPORT,
            name=name,
            outlet_type=outlet,
            country=country,
            language=language,
            priority=priority,
            # Entries only: the demo never fetches the real outlets.
            is_active=False,
        )
        sources[name] = source
    by_source: dict[str, list[dict]] = {}
    now = timezone.now()
    for number, (source_name, slug, title, summary) in enumerate(ITEMS):
        url = f"{BASE}/{sources[source_name].pk}/{slug}"
        if Item.objects.filter(url_hash=url_hash(url)).exists():
            continue
        # Spread over the last week so trends and "today" counts have something to show.
        published = now - timedelta(hours=5 * number + 1)
        by_source.setdefault(source_name, []).append(
            {"url": url, "title": title, "summary": summary, "published": published}
        )
    stored = 0
    for source_name, entries in by_source.items():
        stored += entries_ingest(source=sources[source_name], entries=entries).stored
    log(f"monitoring: {len(sources)} nguồn (chỉ danh mục), {stored} tin mẫu mới")
