"""Chinese text as the search index sees it: overlapping two-character tokens (bigrams).

PostgreSQL's text search parser treats a run of Chinese characters as one word ("金川县生态环境局" is a
single lexeme), and pg_trgm needs three characters, so neither finds "环境" inside a longer run. Here a
run of Chinese characters becomes its overlapping bigrams (金川 川县 县生 生态 态环 环境 境局), a run of
letters or digits stays one word ("2024", "gb3838"), and a lone Chinese character stays itself. The
search index stores these tokens in a tsvector (built here, not by a text search configuration), and a
query is split the same way, so that any two adjacent characters of the text find it.

Both sides normalise each character alone (NFKC, lower case), so offsets in the normalised text are the
offsets in the original: the highlighter marks the characters the user typed in the text as stored.
"""

import re
import unicodedata
from dataclasses import dataclass

# Han ideographs (CJK Unified, Extension A, Compatibility) and 〇.
_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{_HAN}]+|[0-9a-z]+")
_IS_HAN = re.compile(rf"[{_HAN}]")
# A word longer than this is cut: tsvector lexemes are limited (2 KB) and nobody types 64 letters.
WORD_MAX = 64
# A query of more tokens than this is cut to its first ones: each token is one more posting list to intersect.
QUERY_TOKENS_MAX = 32


def _fold(ch):
    folded = unicodedata.normalize("NFKC", ch).lower()
    return folded if len(folded) == 1 else ch.lower() if len(ch.lower()) == 1 else ch


class _FoldTable(dict):
    """str.translate's table, filled on first sight of each character: reindexing millions of rows folds
    each character once per process, not once per occurrence."""

    def __missing__(self, code):
        self[code] = _fold(chr(code))
        return self[code]


_FOLDED = _FoldTable()


def normalise(text):
    """The text with each character folded (full-width digits and letters to ASCII, lower case), same length."""
    return text.translate(_FOLDED)


@dataclass(frozen=True)
class Run:
    text: str
    start: int
    han: bool


def runs(text):
    """The runs of Chinese characters and of letters/digits in `text`, with their offsets."""
    return [Run(m.group(), m.start(), bool(_IS_HAN.match(m.group()))) for m in _RUN.finditer(normalise(text or ""))]


def run_tokens(run):
    """The tokens of one run: bigrams of a Chinese run (the character itself when alone), a word whole."""
    if not run.han:
        return [run.text[:WORD_MAX]]
    if len(run.text) == 1:
        return [run.text]
    return [run.text[i : i + 2] for i in range(len(run.text) - 1)]


def tokens(text):
    return [token for run in runs(text) for token in run_tokens(run)]


# ---------------------------------------------------------------- the stored vector


def _quote(lexeme):
    if "'" in lexeme or "\\" in lexeme:  # never from the tokenizer (letters, digits, Han), but a lexeme is a lexeme
        lexeme = lexeme.replace("\\", "\\\\").replace("'", "''")
    return f"'{lexeme}'"


def tsvector_literal(weighted_texts, extra_lexemes=()):
    """A tsvector in PostgreSQL's input syntax, from [(text, weight "A"–"D"), …], plus lexemes without positions.

    Positions run on across the texts with a gap between them, so the last bigram of the title is not
    "next to" the first of the agency for ranking.
    """
    positions = {}
    position = 1
    for text, weight in weighted_texts:
        for token in tokens(text):
            if position > 16383:  # PostgreSQL's largest position: later tokens still count, without a position
                positions.setdefault(token, [])
                continue
            positions.setdefault(token, []).append(f"{position}{weight}")
            position += 1
        position += 10
    parts = [_quote(lexeme) + (":" + ",".join(pos[:256]) if pos else "") for lexeme, pos in positions.items()]
    parts.extend(_quote(lexeme) for lexeme in extra_lexemes)
    return " ".join(parts)


# ---------------------------------------------------------------- the query


def query_tokens(q):
    """The tokens a query must all match, and whether its last one is a word (matched as a prefix).

    A lone Chinese character next to other tokens ("12号", "建〔2024〕") is left out: the index holds a lone
    character only where it stands alone in the text, so requiring it would lose "金川检行公建〔2024〕12号".
    """
    query_runs = runs(q)
    wide = [run for run in query_runs if not (run.han and len(run.text) == 1)]
    chosen = wide or query_runs
    out = []
    for run in chosen:
        for token in run_tokens(run):
            if token not in out:
                out.append(token)
    # Only a term that ends in a word is still being typed there ("〔2024〕1"); "12号" means 12.
    prefix_last = bool(query_runs) and not query_runs[-1].han
    return out[:QUERY_TOKENS_MAX], prefix_last and len(out) <= QUERY_TOKENS_MAX


def significant_length(q):
    """How many characters of `q` can be searched for (Chinese characters, letters, digits)."""
    return sum(len(run.text) for run in runs(q))


def tsquery_text(q):
    """The text handed to `to_tsquery('simple', …)`: the tokens quoted and ANDed, the last word as a prefix.

    Order is not required (bigrams ANDed, not a phrase): "污染环境" finds "环境污染", ranked lower by ts_rank.
    """
    found, prefix_last = query_tokens(q)
    parts = [_quote(token) for token in found]
    if parts and prefix_last:
        parts[-1] += ":*"
    return " & ".join(parts)


# ---------------------------------------------------------------- highlighting


def highlights(text, q):
    """[[start, end], …] of the characters of `text` that match the query's runs, merged, in order."""
    if not text:
        return []
    folded = normalise(text)
    spans = []
    for run in runs(q):
        pieces = run_tokens(run) if run.han else [run.text]
        for piece in pieces:
            start = folded.find(piece)
            while start != -1:
                spans.append([start, start + len(piece)])
                start = folded.find(piece, start + 1)
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged
