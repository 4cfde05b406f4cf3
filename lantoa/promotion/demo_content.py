# ruff: noqa: E501  (prose: one sentence per line reads and diffs better than wrapped strings)
"""Texts of the demo site, written for Lantoa in Vietnamese and English (no copied text).

Each text is a (vi, en) pair. Facts stay general and well known; the rest is clearly a sample.
"""

HOME = {
    "title": ("Quy Nhơn - Gia Lai", "Quy Nhon – Gia Lai"),
    "slug": ("trang-chu", "home"),
    "intro": (
        "Thành phố biển hiền hòa, nơi hội tụ lịch sử, văn hóa và con người đất Võ.",
        "A gentle seaside city where history, culture and the people of the land of martial arts meet.",
    ),
    "body": [
        (
            "Trang thông tin này giới thiệu phường Quy Nhơn, tỉnh Gia Lai với bạn bè trong nước và quốc tế: địa danh, truyền thống, đời sống văn hóa, con người và cơ hội hợp tác.",
            "This site introduces Quy Nhon ward, Gia Lai province, to friends in Viet Nam and abroad: its places, traditions, cultural life, people and opportunities for cooperation.",
        ),
    ],
}

THEME_INDEX = {
    "title": ("Địa danh và chủ đề", "Places and themes"),
    "slug": ("dia-danh-va-chu-de", "places-and-themes"),
    "intro": (
        "Những câu chuyện về vùng đất và con người Quy Nhơn.",
        "Stories of the land and the people of Quy Nhon.",
    ),
}

THEMES = [
    {
        "theme": "history",
        "image": "towers",
        "title": ("Lịch sử và truyền thống", "History and tradition"),
        "slug": ("lich-su-va-truyen-thong", "history-and-tradition"),
        "summary": (
            "Từ những ngọn tháp Chăm cổ đến truyền thống cách mạng của vùng đất ven biển.",
            "From ancient Cham towers to the revolutionary tradition of a coastal land.",
        ),
        "body": [
            ("heading", "Dấu tích xưa giữa lòng phố", "Old traces in the heart of the city"),
            (
                "paragraph",
                "Tháp Đôi là cụm tháp Chăm cổ nằm ngay trong thành phố, nhắc người đến thăm rằng vùng đất này có bề dày lịch sử nhiều thế kỷ.",
                "The Twin Towers are a pair of ancient Cham towers standing inside the city, a reminder that this land has many centuries of history.",
            ),
            (
                "paragraph",
                "Các thế hệ người dân nơi đây đã góp công, góp sức trong các cuộc kháng chiến bảo vệ Tổ quốc và trong công cuộc đổi mới.",
                "Generations of local people contributed to the wars that defended the country and to the renewal that followed.",
            ),
        ],
    },
    {
        "theme": "culture",
        "image": "baichoi",
        "title": (
            "Văn hóa: bài chòi và võ cổ truyền",
            "Culture: bài chòi and traditional martial arts",
        ),
        "slug": ("van-hoa-bai-choi-vo-co-truyen", "culture-bai-choi-martial-arts"),
        "summary": (
            "Nghệ thuật bài chòi và võ cổ truyền là niềm tự hào của người dân đất Võ.",
            "The art of bài chòi and traditional martial arts are the pride of the land of martial arts.",
        ),
        "body": [
            (
                "paragraph",
                "Nghệ thuật Bài chòi dân gian Trung Bộ Việt Nam được UNESCO ghi danh là di sản văn hóa phi vật thể đại diện của nhân loại năm 2017.",
                "The Art of Bài Chòi in Central Viet Nam was inscribed by UNESCO on the Representative List of the Intangible Cultural Heritage of Humanity in 2017.",
            ),
            (
                "paragraph",
                "Võ cổ truyền được dạy trong nhiều câu lạc bộ, trường học; các buổi biểu diễn thường có mặt trong lễ hội của phường.",
                "Traditional martial arts are taught in many clubs and schools, and demonstrations are part of the ward's festivals.",
            ),
        ],
    },
    {
        "theme": "people",
        "image": "people",
        "title": ("Con người Quy Nhơn", "The people of Quy Nhon"),
        "slug": ("con-nguoi-quy-nhon", "people-of-quy-nhon"),
        "summary": (
            "Chân chất, hiếu khách, cần cù với biển và với phố.",
            "Plain-spoken, welcoming and hard-working, by the sea and in town.",
        ),
        "body": [
            (
                "paragraph",
                "Trang này sẽ kể những câu chuyện có thật về người lao động, nghệ nhân, thầy thuốc, thầy cô giáo của phường, khi người trong chuyện đồng ý được giới thiệu.",
                "This page will tell true stories of the ward's workers, artisans, doctors and teachers, when the people concerned agree to be featured.",
            ),
        ],
    },
    {
        "theme": "tourism",
        "image": "coast",
        "address": ("Phường Quy Nhơn, tỉnh Gia Lai", "Quy Nhon ward, Gia Lai province"),
        "title": ("Bờ biển Quy Nhơn", "The Quy Nhon seafront"),
        "slug": ("bo-bien-quy-nhon", "quy-nhon-seafront"),
        "summary": (
            "Bãi biển dài ngay cạnh phố, nơi người dân tập thể dục mỗi sáng sớm.",
            "A long beach right beside the town, where residents exercise every early morning.",
        ),
        "body": [
            (
                "paragraph",
                "Buổi sáng, bờ biển đông người đi bộ, bơi lội; buổi chiều là lúc thuyền về và chợ cá họp.",
                "In the morning the beach is full of walkers and swimmers; in the afternoon boats come in and the fish market opens.",
            ),
            (
                "image",
                "coast",
                "Hình minh họa: sóng biển xanh và mặt trời vàng trên nền trời",
                "Illustration: blue waves and a yellow sun in the sky",
            ),
        ],
    },
    {
        "theme": "investment",
        "image": "harbour",
        "title": ("Tiềm năng và cơ hội đầu tư", "Potential and investment opportunities"),
        "slug": ("tiem-nang-dau-tu", "investment-potential"),
        "summary": (
            "Cảng biển, khoa học và du lịch là những thế mạnh của Quy Nhơn.",
            "A seaport, science and tourism are among Quy Nhon's strengths.",
        ),
        "body": [
            (
                "paragraph",
                "Quy Nhơn có cảng biển, là nơi thường xuyên tổ chức các hội nghị khoa học quốc tế và có tiềm năng lớn về du lịch biển.",
                "Quy Nhon has a seaport, regularly hosts international scientific conferences and has great potential for seaside tourism.",
            ),
            (
                "paragraph",
                "Nhà đầu tư có thể liên hệ Ủy ban nhân dân phường để được giới thiệu thông tin, thủ tục.",
                "Investors can contact the ward People's Committee for information and procedures.",
            ),
        ],
    },
    {
        "theme": "ho-chi-minh",
        "image": "study",
        "title": ("Học tập và làm theo Bác", "Learning from Ho Chi Minh's example"),
        "slug": ("hoc-tap-va-lam-theo-bac", "learning-from-ho-chi-minh"),
        "summary": (
            "Tư tưởng, đạo đức, phong cách Hồ Chí Minh trong đời sống hằng ngày của phường.",
            "Ho Chi Minh's thought, ethics and style in the daily life of the ward.",
        ),
        "body": [
            (
                "paragraph",
                "Các chi bộ, đoàn thể của phường thường xuyên tổ chức học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh gắn với việc cụ thể ở từng khu phố.",
                "The ward's Party cells and mass organisations regularly study and follow Ho Chi Minh's thought, ethics and style through concrete work in each neighbourhood.",
            ),
        ],
    },
]

NEWS_INDEX = {
    "title": ("Tin tức", "News"),
    "slug": ("tin-tuc", "news"),
    "intro": ("Tin hoạt động của phường.", "News of the ward."),
}

ARTICLES = [
    {
        "theme": "foreign-policy",
        "image": "coast",
        "days_ago": 2,
        "title": (
            "Phường ra mắt trang thông tin đa ngôn ngữ",
            "The ward launches a multilingual information site",
        ),
        "slug": ("ra-mat-trang-thong-tin-da-ngon-ngu", "multilingual-site-launched"),
        "summary": (
            "Trang thông tin giới thiệu Quy Nhơn bằng sáu thứ tiếng.",
            "An information site introduces Quy Nhon in six languages.",
        ),
        "body": [
            (
                "paragraph",
                "Trang thông tin mới giới thiệu vùng đất, con người Quy Nhơn bằng tiếng Việt, và lần lượt bằng tiếng Anh, Trung, Hàn, Nhật, Pháp.",
                "The new site introduces the land and people of Quy Nhon in Vietnamese and, step by step, in English, Chinese, Korean, Japanese and French.",
            ),
            (
                "paragraph",
                "Trang chạy được cả khi mạng chậm: không tải phông chữ hay mã từ nơi khác.",
                "The site works even on a slow connection: it loads no fonts or code from elsewhere.",
            ),
        ],
    },
    {
        "theme": "people",
        "image": "cleanup",
        "days_ago": 6,
        "title": (
            "Đoàn viên thanh niên làm sạch bờ biển (tin mẫu)",
            "Youth union members clean the beach (sample story)",
        ),
        "slug": ("thanh-nien-lam-sach-bo-bien", "youth-clean-the-beach"),
        "summary": (
            "Một bản tin mẫu cho thấy cách trình bày tin có ảnh.",
            "A sample story showing how news with pictures is presented.",
        ),
        "body": [
            (
                "paragraph",
                "Đây là tin mẫu: buổi sáng cuối tuần, đoàn viên thanh niên của phường thu gom rác dọc bờ biển.",
                "This is a sample story: on a weekend morning, the ward's youth union members collect litter along the beach.",
            ),
            (
                "image",
                "cleanup",
                "Hình minh họa: những hình tròn xanh lá tượng trưng cho các bạn trẻ trên bãi cát",
                "Illustration: green circles standing for young people on the sand",
            ),
        ],
    },
]

EVENT_INDEX = {
    "title": ("Sự kiện", "Events"),
    "slug": ("su-kien", "events"),
    "intro": (
        "Lễ hội, hội nghị và hoạt động của phường.",
        "Festivals, conferences and activities of the ward.",
    ),
}

EVENTS = [
    {
        "theme": "culture",
        "image": "baichoi",
        "days_ahead": 20,
        "hour": 19,
        "hours": 3,
        "title": ("Đêm hội bài chòi bên biển", "Bài chòi night by the sea"),
        "slug": ("dem-hoi-bai-choi", "bai-choi-night"),
        "summary": (
            "Một đêm hát bài chòi mở cho mọi người, không bán vé.",
            "An evening of bài chòi singing open to everyone, free of charge.",
        ),
        "venue": ("Quảng trường ven biển của phường", "The ward's seafront square"),
        "body": [
            (
                "paragraph",
                "Người xem được nghe hô bài chòi và tìm hiểu luật chơi cùng các nghệ nhân.",
                "Visitors listen to bài chòi calls and learn how the game is played with the artists.",
            ),
        ],
    },
    {
        "theme": "history",
        "image": "towers",
        "national_day": True,
        "hour": 7,
        "hours": 2,
        "title": ("Lễ kỷ niệm Quốc khánh 2/9", "National Day celebration (2 September)"),
        "slug": ("le-ky-niem-quoc-khanh", "national-day-celebration"),
        "summary": (
            "Lễ chào cờ và hoạt động văn nghệ mừng Quốc khánh.",
            "A flag ceremony and a cultural performance for National Day.",
        ),
        "venue": ("Hội trường Ủy ban nhân dân phường", "Hall of the ward People's Committee"),
        "body": [
            (
                "paragraph",
                "Chương trình gồm lễ chào cờ, ôn lại truyền thống và văn nghệ của các đoàn thể.",
                "The programme has a flag ceremony, a look back at local tradition and performances by the mass organisations.",
            ),
        ],
    },
]

GALLERY = {
    "title": ("Ảnh và video", "Photos and videos"),
    "slug": ("anh-va-video", "photos-and-videos"),
    "intro": (
        "Ảnh trong bản trình diễn là hình vẽ minh họa do Lantoa tạo ra.",
        "The pictures in this demonstration are illustrations generated by Lantoa.",
    ),
    "photos": ["coast", "towers", "baichoi", "harbour"],
    "video": {
        "url": "https://www.youtube.com/results?search_query=Quy+Nh%C6%A1n",
        "title": ("Tìm video về Quy Nhơn trên YouTube", "Find videos about Quy Nhon on YouTube"),
    },
}

# key: (vi title, en title, alt vi, alt en, colours, shape)
IMAGES = {
    "coast": (
        "Bờ biển (minh họa)",
        "The seafront (illustration)",
        "Hình minh họa: sóng biển xanh và mặt trời vàng",
        "Illustration: blue waves and a yellow sun",
        ("#0b5d8c", "#f2a900"),
        "waves",
    ),
    "towers": (
        "Tháp Đôi (minh họa)",
        "The Twin Towers (illustration)",
        "Hình minh họa: hai khối tháp nâu đỏ trên nền trời",
        "Illustration: two red-brown tower shapes against the sky",
        ("#8fb8d8", "#8b3a1e"),
        "towers",
    ),
    "baichoi": (
        "Bài chòi (minh họa)",
        "Bài chòi (illustration)",
        "Hình minh họa: những chòi tre hình tam giác",
        "Illustration: triangular bamboo huts",
        ("#f6f1e7", "#a0522d"),
        "huts",
    ),
    "people": (
        "Con người (minh họa)",
        "People (illustration)",
        "Hình minh họa: nhiều hình tròn nhiều màu đứng cạnh nhau",
        "Illustration: many coloured circles side by side",
        ("#fbe9d0", "#c0392b"),
        "circles",
    ),
    "harbour": (
        "Cảng biển (minh họa)",
        "The seaport (illustration)",
        "Hình minh họa: thuyền trắng trên mặt nước xanh",
        "Illustration: white boats on blue water",
        ("#1f6f8b", "#ffffff"),
        "boats",
    ),
    "study": (
        "Học tập (minh họa)",
        "Learning (illustration)",
        "Hình minh họa: quyển sách mở trên nền đỏ",
        "Illustration: an open book on a red background",
        ("#b22222", "#ffd700"),
        "book",
    ),
    "cleanup": (
        "Làm sạch bờ biển (minh họa)",
        "Beach clean-up (illustration)",
        "Hình minh họa: những hình tròn xanh lá trên bãi cát",
        "Illustration: green circles on the sand",
        ("#e8d8a8", "#2e8b57"),
        "circles",
    ),
}

CREDIT = ("Lantoa, ảnh minh họa tự tạo", "Lantoa, generated illustration")
