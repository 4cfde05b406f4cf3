# ruff: noqa: E501  (prose: one sentence per line reads and diffs better than wrapped strings)
"""The demo site in Chinese, Korean, Japanese and French, written for Lantoa (no copied text).

Keyed by the English text of demo_content (the demo's second language); each value is
(Chinese, Korean, Japanese, French). Slugs stay the English ones. The fixed names follow the
official terminology glossary (glossary.GLOSSARY): Quy Nhơn, Gia Lai, the ward People's Committee,
Hồ Chí Minh, Tháp Đôi are always written the same way, so a translation passes the glossary check.
"""

LANGUAGES = ("zh-hans", "ko", "ja", "fr")

TEXTS: dict[str, tuple[str, str, str, str]] = {
    "Quy Nhon – Gia Lai": (
        "归仁 – 嘉莱",
        "꾸이년 – 잘라이",
        "クイニョン – ザライ",
        "Quy Nhon – Gia Lai",
    ),
    "A gentle seaside city where history, culture and the people of the land of martial arts meet.": (
        "一座宁静的海滨城市，历史、文化与武术之乡的人们在这里相聚。",
        "역사와 문화, 그리고 무예의 고장 사람들이 어우러지는 평온한 바닷가 도시.",
        "歴史と文化、そして武術の里の人々が出会う、穏やかな海辺の街。",
        "Une ville côtière paisible où se rencontrent l'histoire, la culture et les habitants de la terre des arts martiaux.",
    ),
    "This site introduces Quy Nhon ward, Gia Lai province, to friends in Viet Nam and abroad: its places, traditions, cultural life, people and opportunities for cooperation.": (
        "本网站向国内外朋友介绍嘉莱省归仁坊：名胜、传统、文化生活、人民以及合作机会。",
        "이 사이트는 잘라이성 꾸이년 프엉을 국내외 친구들에게 소개합니다: 명소, 전통, 문화생활, 사람들, 그리고 협력의 기회.",
        "このサイトは、ザライ省クイニョン坊を国内外の友人に紹介します。名所、伝統、文化生活、人々、そして協力の機会です。",
        "Ce site présente le quartier de Quy Nhon, province de Gia Lai, aux amis du Viet Nam et de l'étranger : ses lieux, ses traditions, sa vie culturelle, ses habitants et ses possibilités de coopération.",
    ),
    "Places and themes": ("名胜与专题", "명소와 주제", "名所とテーマ", "Lieux et thèmes"),
    "Stories of the land and the people of Quy Nhon.": (
        "关于归仁这片土地和人民的故事。",
        "꾸이년의 땅과 사람들에 관한 이야기.",
        "クイニョンの土地と人々の物語。",
        "Histoires de la terre et des habitants de Quy Nhon.",
    ),
    "History and tradition": ("历史与传统", "역사와 전통", "歴史と伝統", "Histoire et tradition"),
    "From ancient Cham towers to the revolutionary tradition of a coastal land.": (
        "从古老的占婆塔到沿海土地的革命传统。",
        "고대 참파 탑에서 해안 지역의 혁명 전통까지.",
        "古代チャンパの塔から、海辺の土地の革命の伝統まで。",
        "Des anciennes tours chames à la tradition révolutionnaire d'une terre côtière.",
    ),
    "Old traces in the heart of the city": (
        "城市中心的古老遗迹",
        "도심 속 옛 자취",
        "街の中心に残る古い痕跡",
        "Des traces anciennes au cœur de la ville",
    ),
    "The Twin Towers are a pair of ancient Cham towers standing inside the city, a reminder that this land has many centuries of history.": (
        "双塔是一对位于城中的古老占婆塔，提醒人们这片土地有着数百年的历史。",
        "쌍탑은 도시 안에 서 있는 한 쌍의 고대 참파 탑으로, 이 땅에 수백 년의 역사가 있음을 일깨워 줍니다.",
        "双塔は街の中に立つ一対の古代チャンパの塔で、この土地に何世紀もの歴史があることを伝えています。",
        "Les tours Jumelles sont deux anciennes tours chames au milieu de la ville ; elles rappellent que cette terre a plusieurs siècles d'histoire.",
    ),
    "Generations of local people contributed to the wars that defended the country and to the renewal that followed.": (
        "一代又一代的当地人民为保卫祖国的战争和随后的革新事业作出了贡献。",
        "여러 세대의 주민들이 조국을 지킨 전쟁과 그 뒤의 쇄신(도이머이)에 힘을 보탰습니다.",
        "何世代もの地元の人々が、祖国を守る戦いと、その後のドイモイ(刷新)に力を尽くしてきました。",
        "Des générations d'habitants ont pris part aux guerres de défense du pays puis au Renouveau.",
    ),
    "Culture: bài chòi and traditional martial arts": (
        "文化：柴棚歌与传统武术",
        "문화: 바이쪼이와 전통 무예",
        "文化：バイチョイと伝統武術",
        "Culture : le bài chòi et les arts martiaux traditionnels",
    ),
    "The art of bài chòi and traditional martial arts are the pride of the land of martial arts.": (
        "柴棚歌艺术和传统武术是武术之乡的骄傲。",
        "바이쪼이 예술과 전통 무예는 무예의 고장의 자랑입니다.",
        "バイチョイの芸術と伝統武術は、武術の里の誇りです。",
        "L'art du bài chòi et les arts martiaux traditionnels font la fierté de la terre des arts martiaux.",
    ),
    "The Art of Bài Chòi in Central Viet Nam was inscribed by UNESCO on the Representative List of the Intangible Cultural Heritage of Humanity in 2017.": (
        "越南中部柴棚歌艺术于2017年被联合国教科文组织列入人类非物质文化遗产代表作名录。",
        "베트남 중부의 바이쪼이 예술은 2017년 유네스코 인류무형문화유산 대표목록에 등재되었습니다.",
        "ベトナム中部のバイチョイの芸術は、2017年にユネスコの人類の無形文化遺産の代表的な一覧表に記載されました。",
        "L'art du Bài Chòi du Centre du Viet Nam a été inscrit par l'UNESCO sur la Liste représentative du patrimoine culturel immatériel de l'humanité en 2017.",
    ),
    "Traditional martial arts are taught in many clubs and schools, and demonstrations are part of the ward's festivals.": (
        "许多俱乐部和学校教授传统武术，武术表演是本坊节庆活动的一部分。",
        "전통 무예는 여러 동호회와 학교에서 가르치며, 시범 공연은 프엉 축제의 한 부분입니다.",
        "伝統武術は多くのクラブや学校で教えられ、演武は坊の祭りに欠かせません。",
        "Les arts martiaux traditionnels sont enseignés dans de nombreux clubs et écoles, et des démonstrations animent les fêtes du quartier.",
    ),
    "The people of Quy Nhon": (
        "归仁人",
        "꾸이년 사람들",
        "クイニョンの人々",
        "Les habitants de Quy Nhon",
    ),
    "Plain-spoken, welcoming and hard-working, by the sea and in town.": (
        "无论在海边还是城里，这里的人们朴实、好客、勤劳。",
        "바다에서도 도시에서도 소박하고, 손님을 반기며, 부지런합니다.",
        "海でも街でも、素朴で、もてなし好きで、働き者です。",
        "Francs, accueillants et travailleurs, en mer comme en ville.",
    ),
    "This page will tell true stories of the ward's workers, artisans, doctors and teachers, when the people concerned agree to be featured.": (
        "在当事人同意的情况下，本页将讲述本坊劳动者、手艺人、医生和教师的真实故事。",
        "이 페이지는 당사자가 동의하면 프엉의 노동자, 장인, 의사, 교사의 실제 이야기를 전할 것입니다.",
        "このページでは、ご本人の同意を得たうえで、坊の働く人、職人、医師、教師の実話を紹介します。",
        "Cette page racontera des histoires vraies de travailleurs, d'artisans, de médecins et d'enseignants du quartier, avec l'accord des personnes concernées.",
    ),
    "Quy Nhon ward, Gia Lai province": (
        "嘉莱省归仁坊",
        "잘라이성 꾸이년 프엉",
        "ザライ省クイニョン坊",
        "Quartier de Quy Nhon, province de Gia Lai",
    ),
    "The Quy Nhon seafront": (
        "归仁海滨",
        "꾸이년 해변",
        "クイニョンの海岸",
        "Le front de mer de Quy Nhon",
    ),
    "A long beach right beside the town, where residents exercise every early morning.": (
        "紧邻城区的长长海滩，居民们每天清晨在这里锻炼身体。",
        "도시 바로 옆의 긴 해변으로, 주민들이 매일 이른 아침 운동을 합니다.",
        "街のすぐそばに続く長い砂浜で、住民は毎朝早くから体を動かします。",
        "Une longue plage tout près de la ville, où les habitants font du sport chaque matin de bonne heure.",
    ),
    "In the morning the beach is full of walkers and swimmers; in the afternoon boats come in and the fish market opens.": (
        "早上海滩上满是散步和游泳的人；下午渔船归来，鱼市开张。",
        "아침에는 해변이 산책하고 수영하는 사람들로 붐비고, 오후에는 배가 돌아오고 어시장이 열립니다.",
        "朝は散歩や海水浴の人でにぎわい、午後には船が戻り、魚市場が開きます。",
        "Le matin, la plage est pleine de promeneurs et de nageurs ; l'après-midi, les bateaux rentrent et le marché aux poissons ouvre.",
    ),
    "Illustration: blue waves and a yellow sun in the sky": (
        "插图：蓝色海浪和天空中的黄色太阳",
        "삽화: 파란 파도와 하늘의 노란 해",
        "イラスト：青い波と空の黄色い太陽",
        "Illustration : des vagues bleues et un soleil jaune dans le ciel",
    ),
    "Potential and investment opportunities": (
        "潜力与投资机会",
        "잠재력과 투자 기회",
        "可能性と投資の機会",
        "Potentiel et possibilités d'investissement",
    ),
    "A seaport, science and tourism are among Quy Nhon's strengths.": (
        "海港、科学和旅游是归仁的优势。",
        "항구, 과학, 관광은 꾸이년의 강점입니다.",
        "港、科学、観光はクイニョンの強みです。",
        "Un port, la science et le tourisme font partie des atouts de Quy Nhon.",
    ),
    "Quy Nhon has a seaport, regularly hosts international scientific conferences and has great potential for seaside tourism.": (
        "归仁拥有海港，经常举办国际科学会议，滨海旅游潜力巨大。",
        "꾸이년은 항구가 있고, 국제 학술회의를 자주 개최하며, 해양 관광의 잠재력이 큽니다.",
        "クイニョンには港があり、国際学術会議がたびたび開かれ、海辺の観光にも大きな可能性があります。",
        "Quy Nhon possède un port, accueille régulièrement des conférences scientifiques internationales et dispose d'un grand potentiel de tourisme balnéaire.",
    ),
    "Investors can contact the ward People's Committee for information and procedures.": (
        "投资者可联系坊人民委员会了解信息和手续。",
        "투자자는 프엉 인민위원회에 연락하여 정보와 절차를 안내받을 수 있습니다.",
        "投資家の方は、坊人民委員会に情報と手続きをお問い合わせください。",
        "Les investisseurs peuvent s'adresser au Comité populaire du quartier pour les informations et les démarches.",
    ),
    "Learning from Ho Chi Minh's example": (
        "学习和践行胡志明榜样",
        "호찌민의 본보기를 배우기",
        "ホー・チ・ミンの模範に学ぶ",
        "Apprendre de l'exemple de Hô Chi Minh",
    ),
    "Ho Chi Minh's thought, ethics and style in the daily life of the ward.": (
        "胡志明思想、道德和作风融入本坊的日常生活。",
        "프엉의 일상 속 호찌민의 사상, 도덕, 품성.",
        "坊の日々の暮らしに息づくホー・チ・ミンの思想、道徳、スタイル。",
        "La pensée, l'éthique et le style de Hô Chi Minh dans la vie quotidienne du quartier.",
    ),
    "The ward's Party cells and mass organisations regularly study and follow Ho Chi Minh's thought, ethics and style through concrete work in each neighbourhood.": (
        "本坊各党支部和群众团体经常学习和践行胡志明思想、道德和作风，并落实到每个街区的具体工作中。",
        "프엉의 당 세포와 대중 단체들은 각 마을의 구체적인 일을 통해 호찌민의 사상, 도덕, 품성을 꾸준히 배우고 실천합니다.",
        "坊の党細胞と大衆団体は、各地区の具体的な取り組みを通じて、ホー・チ・ミンの思想、道徳、スタイルを学び、実践しています。",
        "Les cellules du Parti et les organisations de masse du quartier étudient et suivent régulièrement la pensée, l'éthique et le style de Hô Chi Minh par des actions concrètes dans chaque îlot.",
    ),
    "News": ("新闻", "소식", "ニュース", "Actualités"),
    "News of the ward.": (
        "本坊新闻。",
        "프엉 소식.",
        "坊のニュース。",
        "Les actualités du quartier.",
    ),
    "The ward launches a multilingual information site": (
        "本坊开通多语种信息网站",
        "프엉, 다국어 정보 사이트 개설",
        "坊が多言語の情報サイトを開設",
        "Le quartier lance un site d'information multilingue",
    ),
    "An information site introduces Quy Nhon in six languages.": (
        "一个信息网站用六种语言介绍归仁。",
        "정보 사이트가 6개 언어로 꾸이년을 소개합니다.",
        "情報サイトがクイニョンを6つの言語で紹介します。",
        "Un site d'information présente Quy Nhon en six langues.",
    ),
    "The new site introduces the land and people of Quy Nhon in Vietnamese and, step by step, in English, Chinese, Korean, Japanese and French.": (
        "新网站用越南语介绍归仁的土地和人民，并陆续推出英语、中文、韩语、日语和法语版本。",
        "새 사이트는 꾸이년의 땅과 사람들을 베트남어로, 그리고 차례로 영어, 중국어, 한국어, 일본어, 프랑스어로 소개합니다.",
        "新しいサイトは、クイニョンの土地と人々をベトナム語で、そして順次、英語、中国語、韓国語、日本語、フランス語で紹介します。",
        "Le nouveau site présente la terre et les habitants de Quy Nhon en vietnamien et, peu à peu, en anglais, chinois, coréen, japonais et français.",
    ),
    "The site works even on a slow connection: it loads no fonts or code from elsewhere.": (
        "即使网速较慢，网站也能正常使用：它不从其他地方加载字体或代码。",
        "이 사이트는 느린 연결에서도 작동합니다: 다른 곳에서 글꼴이나 코드를 불러오지 않습니다.",
        "このサイトは回線が遅くても使えます。ほかの場所からフォントやコードを読み込みません。",
        "Le site fonctionne même avec une connexion lente : il ne charge ni polices ni code depuis ailleurs.",
    ),
    "Youth union members clean the beach (sample story)": (
        "共青团员清扫海滩（示例新闻）",
        "청년단원들의 해변 청소 (예시 기사)",
        "青年団員が海岸を清掃（サンプル記事）",
        "Les jeunes de l'Union nettoient la plage (article d'exemple)",
    ),
    "A sample story showing how news with pictures is presented.": (
        "一篇示例新闻，展示带图片的新闻如何呈现。",
        "사진이 있는 기사가 어떻게 보이는지 보여 주는 예시 기사입니다.",
        "写真付きのニュースの見え方を示すサンプル記事です。",
        "Un article d'exemple qui montre la présentation d'une actualité illustrée.",
    ),
    "This is a sample story: on a weekend morning, the ward's youth union members collect litter along the beach.": (
        "这是一篇示例新闻：一个周末的早晨，本坊共青团员沿海滩捡拾垃圾。",
        "예시 기사입니다: 어느 주말 아침, 프엉의 청년단원들이 해변을 따라 쓰레기를 줍습니다.",
        "これはサンプル記事です。週末の朝、坊の青年団員が海岸沿いでごみを拾います。",
        "Ceci est un article d'exemple : un matin de week-end, les jeunes de l'Union du quartier ramassent les déchets le long de la plage.",
    ),
    "Illustration: green circles standing for young people on the sand": (
        "插图：代表沙滩上年轻人的绿色圆圈",
        "삽화: 모래 위 젊은이들을 나타내는 초록 원",
        "イラスト：砂浜の若者を表す緑の円",
        "Illustration : des cercles verts figurant des jeunes sur le sable",
    ),
    "Events": ("活动", "행사", "イベント", "Événements"),
    "Festivals, conferences and activities of the ward.": (
        "本坊的节庆、会议和活动。",
        "프엉의 축제, 회의, 활동.",
        "坊の祭り、会議、活動。",
        "Fêtes, conférences et activités du quartier.",
    ),
    "Bài chòi night by the sea": (
        "海边柴棚歌之夜",
        "바닷가 바이쪼이의 밤",
        "海辺のバイチョイの夜",
        "Soirée de bài chòi au bord de la mer",
    ),
    "An evening of bài chòi singing open to everyone, free of charge.": (
        "一个向所有人免费开放的柴棚歌演唱之夜。",
        "누구나 무료로 즐길 수 있는 바이쪼이 노래의 밤.",
        "どなたでも無料で楽しめるバイチョイの歌の夕べ。",
        "Une soirée de chants bài chòi ouverte à tous, gratuite.",
    ),
    "The ward's seafront square": (
        "本坊海滨广场",
        "프엉 해변 광장",
        "坊の海辺の広場",
        "La place du front de mer du quartier",
    ),
    "Visitors listen to bài chòi calls and learn how the game is played with the artists.": (
        "观众可以聆听柴棚歌的吟唱，并与艺人一起了解游戏规则。",
        "관객은 바이쪼이 외침을 듣고 예술인들과 함께 놀이 방법을 배웁니다.",
        "来場者はバイチョイの呼び声を聞き、芸人と一緒に遊び方を学びます。",
        "Le public écoute les appels du bài chòi et apprend les règles du jeu avec les artistes.",
    ),
    "National Day celebration (2 September)": (
        "国庆节（9月2日）纪念活动",
        "국경일(9월 2일) 기념행사",
        "国慶節（9月2日）記念式典",
        "Célébration de la fête nationale (2 septembre)",
    ),
    "A flag ceremony and a cultural performance for National Day.": (
        "国庆升旗仪式和文艺演出。",
        "국경일을 맞아 국기 게양식과 문화 공연이 열립니다.",
        "国慶節を祝う国旗掲揚式と文化公演。",
        "Une cérémonie au drapeau et un spectacle culturel pour la fête nationale.",
    ),
    "Hall of the ward People's Committee": (
        "坊人民委员会礼堂",
        "프엉 인민위원회 강당",
        "坊人民委員会ホール",
        "Salle du Comité populaire du quartier",
    ),
    "The programme has a flag ceremony, a look back at local tradition and performances by the mass organisations.": (
        "活动包括升旗仪式、回顾地方传统以及各群众团体的文艺演出。",
        "프로그램은 국기 게양식, 지역 전통 돌아보기, 대중 단체들의 공연으로 이루어집니다.",
        "プログラムは国旗掲揚式、地域の伝統の振り返り、大衆団体による公演です。",
        "Au programme : une cérémonie au drapeau, un retour sur la tradition locale et des spectacles des organisations de masse.",
    ),
    "Photos and videos": ("图片与视频", "사진과 동영상", "写真と動画", "Photos et vidéos"),
    "The pictures in this demonstration are illustrations generated by Lantoa.": (
        "本演示中的图片是由Lantoa生成的插图。",
        "이 시연의 그림은 Lantoa가 만든 삽화입니다.",
        "このデモの画像は、Lantoaが生成したイラストです。",
        "Les images de cette démonstration sont des illustrations produites par Lantoa.",
    ),
    "Find videos about Quy Nhon on YouTube": (
        "在YouTube上查找关于归仁的视频",
        "YouTube에서 꾸이년 동영상 찾기",
        "YouTubeでクイニョンの動画を探す",
        "Trouver des vidéos sur Quy Nhon sur YouTube",
    ),
    "Illustration: blue waves and a yellow sun": (
        "插图：蓝色海浪和黄色太阳",
        "삽화: 파란 파도와 노란 해",
        "イラスト：青い波と黄色い太陽",
        "Illustration : des vagues bleues et un soleil jaune",
    ),
    "Illustration: two red-brown tower shapes against the sky": (
        "插图：天空下两座红褐色的塔形",
        "삽화: 하늘을 배경으로 한 두 개의 적갈색 탑 모양",
        "イラスト：空を背景にした赤茶色の二つの塔の形",
        "Illustration : deux formes de tours brun-rouge sur le ciel",
    ),
    "Illustration: triangular bamboo huts": (
        "插图：三角形的竹棚",
        "삽화: 삼각형 대나무 오두막",
        "イラスト：三角形の竹の小屋",
        "Illustration : des huttes triangulaires en bambou",
    ),
    "Illustration: many coloured circles side by side": (
        "插图：许多并排的彩色圆圈",
        "삽화: 나란히 놓인 여러 색의 원",
        "イラスト：並んだ色とりどりの円",
        "Illustration : de nombreux cercles de couleur côte à côte",
    ),
    "Illustration: white boats on blue water": (
        "插图：蓝色水面上的白色小船",
        "삽화: 파란 물 위의 하얀 배",
        "イラスト：青い水面に浮かぶ白い船",
        "Illustration : des bateaux blancs sur l'eau bleue",
    ),
    "Illustration: an open book on a red background": (
        "插图：红色背景上一本打开的书",
        "삽화: 빨간 바탕 위에 펼쳐진 책",
        "イラスト：赤い背景に開いた本",
        "Illustration : un livre ouvert sur fond rouge",
    ),
    "Illustration: green circles on the sand": (
        "插图：沙滩上的绿色圆圈",
        "삽화: 모래 위의 초록 원",
        "イラスト：砂浜の緑の円",
        "Illustration : des cercles verts sur le sable",
    ),
    "Lantoa, generated illustration": (
        "Lantoa生成的插图",
        "Lantoa, 자체 제작 삽화",
        "Lantoa、生成イラスト",
        "Lantoa, illustration générée",
    ),
    # The clarifications index and the demo clarification (lantoa.responses.demo).
    "Clarifications": ("信息澄清", "정보 해명", "情報の説明", "Mises au point"),
    "The office's official information on false, inaccurate or incomplete content about the locality.": (
        "本机关就有关本地的虚假、不准确或不完整内容发布的官方信息。",
        "지역과 관련된 허위, 부정확하거나 불완전한 내용에 대한 기관의 공식 정보입니다.",
        "地域に関する虚偽、不正確または不完全な内容についての当機関の公式情報です。",
        "Les informations officielles de l'administration sur les contenus faux, inexacts ou incomplets concernant la localité.",
    ),
}


def demo_text(english: str, language: str) -> str:
    """The demo's text in `language` for its English version; slugs stay English."""
    if language == "en":
        return english
    if english not in TEXTS:
        if english and " " not in english and english == english.lower():
            return english  # a slug
        raise KeyError(f"no {language} text for the demo string {english!r}")
    return TEXTS[english][LANGUAGES.index(language)]
