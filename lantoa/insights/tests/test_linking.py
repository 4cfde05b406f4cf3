"""Story keys and scores, one test per class of linking error found on the vi–ja pairs:
transliterated names, country and city names, numbers and dates written differently, a lone
shared key. The texts are written for these tests."""

from ..ml.hanviet import hanviet_keys
from ..ml.linking import StoryIndex, _skeleton, story_keys
from ..ml.numbers import date_keys, number_keys
from ..ml.places import place_keys


def test_name_skeletons_meet_across_scripts():
    # b/v/p: "Litvinenko" and リトビネンコ; s/z: "Rumsfeld" and ラムズフェルド; チ writes "ti":
    # "Putin" and プーチン; the r no vowel follows is not heard: "Starmer" and スターマー.
    for latin, katakana in [
        ("Litvinenko", "リトビネンコ"),
        ("Rumsfeld", "ラムズフェルド"),
        ("Putin", "プーチン"),
        ("Starmer", "スターマー"),
        ("Richardson", "リチャードソン"),
        ("Karachi", "カラチ"),
        ("Alexander", "アレクサンダー"),
    ]:
        assert _skeleton(latin) == _skeleton(katakana), (latin, katakana)
    # Different names stay apart.
    assert _skeleton("Putin") != _skeleton("Patel")
    assert _skeleton("Karachi") != _skeleton("Kerch")
    vi = story_keys("Bộ trưởng Rumsfeld gặp ông Putin", "", "vi")
    ja = story_keys("ラムズフェルド長官がプーチン氏と会談", "", "ja")
    assert {"s:rmsrt", "s:ptn"} <= vi & ja


def test_country_and_city_names_meet_through_the_gazetteer():
    keys, rest = place_keys("Nhật Bản và Hàn Quốc, hai đồng minh của Mỹ, họp ở Luân Đôn")
    assert keys == {"g:JP", "g:KR", "g:US", "g:Europe/London"}
    assert "Luân" not in rest  # the names make no other key
    ja, _ = place_keys("日本と韓国は米国の同盟国で、ロンドンで会合した")
    assert ja == keys
    zh, _ = place_keys("日本和韩国是美国的盟友，在伦敦开会")
    ko, _ = place_keys("일본과 한국은 미국의 동맹국으로 런던에서 만났다")
    assert zh == keys == ko
    # A longer name wins over the shorter one inside it; words that merely look like a name in
    # lower case (mỹ phẩm: cosmetics; pháp luật: law) are no place.
    assert place_keys("インドネシアとインド")[0] == {"g:ID", "g:IN"}
    assert place_keys("mỹ phẩm và pháp luật")[0] == set()
    assert place_keys("Nam Mỹ")[0] == {"g:005"}
    # Names of several words are found in any case, and blanked where they stand (also beside a
    # letter whose lower case is two characters).
    assert place_keys("HÀN QUỐC và Mát-xcơ-va")[0] == {"g:KR", "g:Europe/Moscow"}
    assert place_keys("İzmir, nước Anh") == ({"g:GB"}, "İzmir,  · ")
    # Korean two-syllable words that are names elsewhere (이란: "so-called") are not read as one.
    assert place_keys("이른바 개혁이란 무엇인가")[0] == set()
    vi = story_keys("Ba Lan và Phần Lan ký hiệp định", "", "vi")
    ja = story_keys("ポーランドとフィンランドが協定に署名", "", "ja")
    assert {"g:PL", "g:FI"} <= vi & ja
    assert not any(key.startswith("s:") for key in ja)  # ポーランド is a place, not a name


def test_a_single_shared_key_is_not_enough_across_languages():
    index = StoryIndex(threshold=0.5)
    # An earlier foreign item that shares only one number (a year) with the new one.
    index.add(1, 1, frozenset({"n:1999", "h:tu_phap", "h:xa_hoi"}), "ja")
    index.add(2, 2, frozenset({"n:2005", "s:mkrst"}), "ja")
    story, score = index.best(frozenset({"n:1999", "s:pnsr"}), "vi")
    assert story is None and score < 0.5
    # Two shared keys (a year and a name) are evidence.
    index.add(3, 3, frozenset({"n:1999", "s:pnsr", "h:tong_thong"}), "ja")
    story, _ = index.best(frozenset({"n:1999", "s:pnsr"}), "vi")
    assert story == 3
    # Within one language one shared name does not make two texts one story either.
    same = StoryIndex(threshold=0.5)
    same.add(1, 1, frozenset({"s:tnk", "w:vi:hua", "w:vi:sau"}), "vi")
    assert same.best(frozenset({"s:tnk", "w:vi:cuu", "w:vi:tien"}), "vi")[0] is None


def test_numbers_written_differently_are_one_number():
    twelve_hundred = [
        "1,2 nghìn",
        "1.200",
        "1200",
        "千二百",
        "一千二百",
        "1천200",
        "một nghìn hai trăm",
    ]
    for text in twelve_hundred:
        assert number_keys(text) == {"n:1200"}, text
    assert number_keys("8 tỷ bảng") == number_keys("80億ポンド") == {"n:8000000000"}
    assert number_keys("bảy triệu con") == number_keys("７００万頭") == {"n:7000000"}
    assert number_keys("137万2000リットル") == number_keys("1.372.000 lít") == {"n:1372000"}
    assert number_keys("2.5 million") == number_keys("2,5 triệu") == {"n:2500000"}
    assert number_keys("mười ba cuộc tấn công") == number_keys("13回の攻撃") == {"n:13"}
    # "năm" is five before a multiplier or after linh, else "year"; after ten, five is "lăm".
    assert number_keys("hai mươi năm trước") == {"n:20"}
    assert number_keys("hai mươi lăm người") == {"n:25"}
    assert number_keys("ba trăm linh năm") == {"n:305"}
    assert number_keys("năm trăm người") == {"n:500"}
    # Small counts, lone number words and names are no keys.
    assert number_keys("hai người ở Ba Lan, 3 xe") == set()
    assert number_keys("十分な") == set()
    # "tỉ" is a scale as a word of its own, not inside "tỉnh"; capitals count like small letters.
    assert number_keys("hai tỉ đồng") == number_keys("HAI TỈ đồng") == {"n:2000000000"}
    assert number_keys("hai tỉnh, ba huyện") == set()


def test_dates_with_the_month_in_words():
    assert date_keys("vào ngày 14 tháng Tư") == date_keys("4月14日に") == {"d:4-14"}
    assert date_keys("ngày 3 tháng Mười Hai") == date_keys("December 3") == {"d:12-3"}
    assert date_keys("ngày 5 tháng năm 2010") == {"d:5-5"}
    assert date_keys("ngày 14 tháng này") == set()
    assert date_keys("３月５日") == date_keys("3월 5일") == {"d:3-5"}


def test_native_vietnamese_words_that_fold_like_sino_vietnamese_make_no_compound():
    # "trong khi" (while) folds like 重器 "trọng khí", "đã đi" (went) like 多移 "đa di": the
    # tones tell the native words apart; "không khí" (空氣, air) is the borrowed word.
    keys = hanviet_keys("trong khi đó, họ đã đi; không khí ô nhiễm", "vi")
    assert "h:khong_khi" in keys
    assert not {"h:trong_khi", "h:da_di"} & keys
    assert "h:khong_khi" in hanviet_keys("空気が汚染された", "ja")
    # A tone mark placed the old way (hoá) or the new way (hóa) reads the same.
    assert hanviet_keys("văn hoá", "vi") == hanviet_keys("văn hóa", "vi") == {"h:van_hoa"}


def test_forgotten_documents_leave_the_index_as_if_never_added():
    texts = [
        ("vi", "Quy Nhơn khởi công bệnh viện 1.200 giường", "Vốn 3.450 tỷ đồng, ngày 14/5."),
        ("ja", "クイニョンで1200床の病院が着工", "5月14日、総工費3450億ドン。"),
        ("vi", "Đua thuyền mừng Xuân trên sông Hà Thanh", "Mười hai đội thuyền tranh tài."),
        ("en", "Binh Dinh hospital with 1,200 beds breaks ground", "On May 14, 3,450 billion."),
    ]
    keys = [(story_keys(title, text, lang, hanviet=True), lang) for lang, title, text in texts]
    index = StoryIndex()
    for n, (doc_keys, lang) in enumerate(keys):
        index.add(n, n, doc_keys, lang)
    assert index.forget_oldest(2) == 2
    alone = StoryIndex()
    for n, (doc_keys, lang) in enumerate(keys[2:], start=2):
        alone.add(n, n, doc_keys, lang)
    assert list(index.docs) == [2, 3]
    assert dict(index.postings) == dict(alone.postings)
    assert dict(index.df) == dict(alone.df)
    assert index.best(*keys[0]) == alone.best(*keys[0])
    assert index.forget_oldest(5) == 0


def test_the_index_knows_which_stories_it_can_be_led_to():
    """A story is findable while one of its documents with keys is indexed; a document without
    keys (a copy) does not make it so; moving a document moves what it makes findable."""
    keys = story_keys("Quy Nhơn khởi công bệnh viện 1.200 giường", "Ngày 14/5.", "vi")
    index = StoryIndex()
    index.add(1, -1, keys, "vi")  # a placeholder story, as a batch links before it stores
    index.add(2, -1, keys, "vi")
    index.add(3, 7, frozenset(), "vi")
    assert dict(index.findable) == {-1: 2}
    index.restory(1, 40)
    index.restory(2, 40)
    index.restory(3, 40)
    assert dict(index.findable) == {40: 2}
    index.forget([1, 3])
    assert dict(index.findable) == {40: 1}
    index.forget([2])
    assert dict(index.findable) == {}
