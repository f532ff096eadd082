from search import tokens


def test_a_chinese_run_becomes_its_overlapping_bigrams():
    assert tokens.tokens("生态环境局") == ["生态", "态环", "环境", "境局"]


def test_words_and_numbers_stay_whole_and_full_width_digits_fold():
    assert tokens.tokens("金川检行公建〔２０２４〕12号 GB3838") == [
        "金川", "川检", "检行", "行公", "公建", "2024", "12", "号", "gb3838"
    ]


def test_a_query_ands_its_bigrams_and_matches_its_last_word_as_a_prefix():
    assert tokens.tsquery_text("环境污染") == "'环境' & '境污' & '污染'"
    assert tokens.tsquery_text("〔2024〕1") == "'2024' & '1':*"


def test_a_lone_character_next_to_other_tokens_is_not_required():
    # "建" stands inside "公建" in the number, never alone: requiring it would lose the document.
    assert tokens.tsquery_text("建〔2024〕12号") == "'2024' & '12'"


def test_highlights_mark_what_the_term_matches_in_the_stored_text():
    assert tokens.highlights("阿坝州生态环境局金川分局", "环境局") == [[5, 8]]
    assert tokens.highlights("ＧＢ３８３８标准", "gb38") == [[0, 4]]


def test_the_vector_carries_weights_and_scope_lexemes_without_positions():
    vector = tokens.tsvector_literal([("采砂", "A"), ("河道", "B")], ["~p1", "~o5"])
    assert vector == "'采砂':1A '河道':12B '~p1' '~o5'"
