from kb.search.fusion import rrf
from kb.terms import query_terms


def test_rrf_rewards_agreement_and_scales_first_place_to_one():
    fused = dict(rrf([["a", "b", "c"], ["a", "c", "d"]]))
    assert fused["a"] == 1.0
    assert fused["c"] > fused["b"] and fused["c"] > fused["d"]


def test_weights_shift_the_balance():
    dense_heavy = rrf([["a", "b"], ["b", "a"]], weights=[2.0, 1.0])
    assert dense_heavy[0][0] == "a"


def test_query_terms_drop_stopwords_and_keep_placeholders_whole():
    terms = query_terms("What did [EMAIL_3f9a] say about the boat?")
    assert terms[0] == "email 3f9a"
    assert "boat" in terms and "what" not in terms and "the" not in terms
