"""Schema validation of the declarative data in ``rules/`` and ``phrasebank/``.

Every YAML data file has a schema here (pydantic v2; see ``docs/data-schema.md``): a fixed shape
forbids unknown keys, an open one (a bag of named patterns) types its values. Regex fields are
compiled (Python :mod:`re`) after the placeholder expansion the rules apply (``{NUM}`` and
``{WORDNUM}`` in ``rules/claims.yaml``, ``{WORDNUM}`` in ``rules/counts.yaml``, ``{prev}`` in
``rules/completeness.yaml``); phrasebank variants must have balanced ``[[a||b]]`` groups and only
known ``{placeholders}`` (the keyword arguments and dictionary keys used in ``drafter/draft``).

Errors name the file and the line of the offending YAML node, one line each, Indonesian by
default (``lang="en"``: English)::

    rules/leftovers.yaml:74: pola regex tidak valid di 'patterns[3].regex': missing ), ...

Entry points: :func:`check_all` (``lkip rules --check-data``, the tests) and
:func:`load_checked` (the compiled data cache in :mod:`drafter.resources` calls it when it parses
a data file again, i.e. after the file changed).
"""

from __future__ import annotations

import ast
import re
import string
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

from drafter.errors import DataError, LkipError
from drafter.resources import YAML_LOADER, compose_yaml, data_dir, list_files

__all__ = ["DataError", "check_all", "check_file", "check_text", "load_checked", "schema_for"]


# --- field types ---------------------------------------------------------------------------------
# The placeholder expansions the rules apply before compiling, copied exactly (the expansion is
# raw text, so an alternation not in a group matters: it may e.g. make a look-behind variable
# width); tests/test_data_schema.py checks that the copies equal the rules' constants.
# drafter/check/claims_parse.py: NUM and _WORDNUM (pattern(), _expand())
_NUM = r"(?:Rp\.?\s{0,2})?\d+(?:[.,]\d+)*(?:,-)?(?:\s?%|\s+persen\b)?"
_WORDNUM = "satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|dua belas"
# drafter/check/rules/count.py: _WORDNUM_RE (_pattern())
_COUNT_WORDNUM = (r"(?:(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)(?:\s+(?:puluh|belas))?"
                  r"(?:\s+(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan))?|sepuluh|sebelas)")
PLACEHOLDERS: dict[str, dict[str, str]] = {
    # {LABEL}: the report's scale labels, escaped and joined (claims_parse._scale_pattern)
    "rules/claims.yaml": {"{NUM}": _NUM, "{WORDNUM}": _WORDNUM, "{LABEL}": r"sangat\s+baik|baik"},
    "rules/counts.yaml": {"{WORDNUM}": _COUNT_WORDNUM},
    # {prev}: the ten years before the report year (completeness._analyses)
    "rules/completeness.yaml": {"{prev}": "(?:" + "|".join(str(y) for y in range(2013, 2023)) + ")"},
}


def _syntax(pattern: str) -> None:
    """Raise :class:`re.error` as ``re.compile`` would, without filling ``re``'s pattern cache
    (the rules' patterns stay in it) or the recorder of :mod:`drafter.check.recache`: the parser
    and the code generator are the steps that reject a pattern."""
    parser, compiler = getattr(re, "_parser", None), getattr(re, "_compiler", None)
    if parser is None or not hasattr(compiler, "_code"):  # pragma: no cover - other Pythons
        re.compile(pattern)
        return
    compiler._code(parser.parse(pattern, 0), 0)  # type: ignore[union-attr]


def _regex(value: str, info: ValidationInfo) -> str:
    pattern = value
    for key, rep in ((info.context or {}).get("placeholders") or {}).items():
        pattern = pattern.replace(key, rep)
    try:
        _syntax(pattern)
    except re.error as exc:
        where = " [{...} expanded]" if pattern != value else ""
        raise PydanticCustomError("regex", "{detail}", {"detail": f"{exc}{where}"}) from None
    except (OverflowError, RecursionError, ValueError) as exc:
        raise PydanticCustomError("regex", "{detail}", {"detail": str(exc)}) from None
    return value


Rx = Annotated[str, AfterValidator(_regex)]
"""A regular expression (Python ``re``), compiled as validation."""


def _word(value: Any) -> Any:
    if isinstance(value, bool):  # YAML 1.1: an unquoted on/off/yes/no is read as true/false
        raise PydanticCustomError("yaml_bool", "{value}", {"value": value})
    return value


Word = Annotated[str, BeforeValidator(_word)]
Words = list[Word]
Num = float  # strict: an int is accepted too, a bool or a text is not


def _tree_tag(v: Any) -> str:
    return "<str>" if isinstance(v, str) else "<list>" if isinstance(v, list) else \
        "<dict>" if isinstance(v, dict) else "<other>"  # <other>: an error naming the shapes


RxList = Annotated[Annotated[Rx, Tag("<str>")] | Annotated[list[Rx], Tag("<list>")],
                   Discriminator(_tree_tag)]
RxTree = Annotated[Annotated[Rx, Tag("<str>")] | Annotated[list[Rx], Tag("<list>")]
                   | Annotated[dict[str, RxList], Tag("<dict>")], Discriminator(_tree_tag)]
"""A pattern, a list of patterns (joined as alternatives), or a mapping of either."""


class Fixed(BaseModel):
    """A fixed shape: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)


class PatternBag(BaseModel):
    """An open bag of named patterns: any key, each value a pattern (plus typed fixed keys)."""

    model_config = ConfigDict(extra="allow", strict=True, defer_build=True)
    __pydantic_extra__: dict[str, RxTree] = Field(init=False)  # type: ignore[assignment]


# --- rules/*.yaml --------------------------------------------------------------------------------
class Abbreviations(Fixed):
    no_break: Words
    may_end: Words
    grade_words: Words


class Arithmetic(PatternBag):
    negative_polarity: Words  # substrings of an indicator name (str.find, not patterns)


class Claims(PatternBag):
    number_words: dict[str, int]


class Short(Fixed):
    id: str
    en: str


class Analysis(Fixed):
    key: str
    short: Short
    label: str
    any: list[Rx] = []
    none: list[Rx] = []
    all: list[Rx] = []


class Part(Fixed):
    label: str
    pattern: Rx
    attachment: bool = False


class Completeness(Fixed):
    sasaran_head: Rx
    indicator_head: Rx
    sasaran_mention: Rx
    analyses: list[Analysis]
    realisasi_anggaran_short: Short
    realisasi_anggaran: Rx
    anggaran_amount: Rx
    parts: list[Part]
    whole_report: Rx


class ListedNoun(Fixed):
    inline: bool = False
    heads: Words = []


class Counts(PatternBag):
    listed_nouns: dict[str, ListedNoun]


class Kind(Fixed):
    kind: str
    label: str
    all: list[Rx]


class Crossdoc(Fixed):
    title_blocks: int
    kinds: list[Kind]
    aliases: dict[str, Words]
    decree_number: Rx
    iku_citation: Rx
    formula_frac: Rx
    formula_divided: Rx
    same_word: Num
    match_threshold: Num


class Extract(PatternBag):
    # phrasebank situations read in reverse (checked against phrasebank/ by check_all)
    b2_frames: dict[str, Words] = {}
    b2_lead_faktor: str = ""
    b2_other_frames: Words = []
    b3_program_frames: Words = []
    b1_pembanding_frames: Words = []
    b1_sebab_frames: Words = []


class ForeignNames(Fixed):
    border: list[Rx]
    legit_context: list[Rx]
    header_prefix: list[Rx]
    regulation_prefix: list[Rx]
    border_cell: list[Rx]
    generic_name_words: Words
    other_region_context: list[Rx]
    ownership_prefix: list[Rx]
    own_office_frames: list[Rx] = []
    village_status_words: Words = []
    local_village_words: list[str] = []
    neighbour_before: list[Rx] = []
    joint_before: list[Rx] = []
    office_actor_after: list[Rx] = []
    facility_words: Words  # escaped by the rule
    comparator_before: list[Rx]
    own_people_prefix: list[Rx]
    partner_before: Rx
    office_opening: Rx
    self_description_after: Rx
    regulation_issuer_before: Rx
    superior_before: Rx
    regulation_abbrev: dict[str, str]
    regulation_benchmark: Rx
    head_kind_general: Rx


class LeftoverPattern(Fixed):
    rule: Annotated[str, Field(pattern=r"^[A-Z]{2}\d{3}$")]
    regex: Rx
    message: Annotated[str, Field(min_length=1)]
    suggestion: str | None = None
    prose_only: bool = False
    ignore_case: bool = True
    min_year: int | None = None
    skip_if_sentence: Rx | None = None
    skip_if_document: Rx | None = None
    group: int = 0


class Leftovers(Fixed):
    choice_words: Words
    not_single: Words
    grade_codes: Words
    predicate_words: Words
    patterns: list[LeftoverPattern]
    self_frames: list[Rx] = []
    office_types: Words = []
    office_generic_words: Words = []
    citation_before: list[Rx] = []


class Lexicon(Fixed):
    terms: Words
    acronyms: Words
    english: Words
    di_nouns: Words
    di_either: Words = []


class Mentions(Fixed):
    value_cue: Rx
    amount_cue: Rx
    score_cue: Rx
    count_nouns: Words
    list_cue: Rx
    ordinal_words: dict[str, int]
    grade_cue: Rx


class Names(Fixed):
    prefix_titles: Words
    parts: Words


class Pangkat(Fixed):
    pangkat: dict[str, str]


class People(Fixed):
    not_name: Words
    titles: Words
    roles: Words  # escaped by the rule
    acting: list[Rx]


class Phrases(Fixed):
    phrases: Words
    titles: Words = []
    look_alikes: Words = []


class IkmBand(Fixed):
    code: str
    min: Num
    label: str


class Predicate(PatternBag):
    max_gap: int
    gap_words: Words
    count_words: Words
    ikm_scale: list[IkmBand]


class Regulation(Fixed):
    kind: Rx
    number: str
    year: int
    subject: Words
    title: str


class Regulations(Fixed):
    regulations: list[Regulation]


class Band(Fixed):
    code: str
    min: Num | None
    max: Num | None
    label: str
    aliases: Words = []


class Grade(Fixed):
    code: str
    value: Num


class Scale(Fixed):
    bands: list[Band]
    grades: list[Grade]
    label_words: Words
    label_cores: Words
    label_phrases: Words = []
    code_pattern: Rx
    other_scale: Rx
    capaian_scale: Rx
    capaian_column: Rx | None = None
    prose_cue: Rx
    cap_rule: Rx


class Substitution(Fixed):
    wrong: str
    right: str
    doc: str = ""
    forms: dict[str, str] = {}
    context: Literal["prose"] | None = None
    except_after: list[str] = []  # lower-case words before a proper name ("sepuluh" Nopember)


class Column(Fixed):
    key: str
    pattern: Rx


class Level(Fixed):
    level: str
    pattern: Rx


class Role(Fixed):
    role: str
    pattern: Rx


class Fuzzy(Fixed):
    stopwords: Words
    acronyms: dict[str, str]
    variants: dict[str, str]


class Tables(Fixed):
    caption_number: Rx
    caption_roles: Words
    caption_words: dict[str, list[Rx]]
    caption_lookback: int
    context_lookback: int
    columns: list[Column]
    tick_marks: Words
    levels: list[Level]
    average_row: Rx
    sasaran_paragraph: Rx
    sasaran_row: Rx
    indicator_row: Rx
    sideways_rows: dict[str, Rx] = {}
    sideways_caption_lead: Rx | None = None
    sideways_caption_tail: Rx | None = None
    fuzzy: Fuzzy
    total_labels: list[Rx] = []
    group_labels: list[Rx] = []
    total_row_words: Words = []
    running_header_repeats: int = 3
    caption_title_roles: list[Role] = []
    office_name: Rx
    renstra_target_text: Rx
    pk_adjusted_text: Rx = "(?!)"
    comparison_words: Rx
    scale_interval: Rx
    grade_conversion: Rx
    scale_of_capaian: Rx
    conversion_word: Rx


class TypoBasic(Fixed):
    reduplication: Words
    heading_words: Words
    accepted_compounds: Words = []
    accepted_camel: Words = []


class SelfYear(Fixed):
    regex: Rx
    what: str = ""
    requires: Rx | None = None
    prose_only: bool = False
    alone: bool = False
    heading_only: bool = False
    plan_words: Rx | None = None  # replaces future_skip_sentence for this pattern


class FutureYear(Fixed):
    regex: Rx
    what: str = ""


class PlanYear(Fixed):
    regex: Rx
    closing_only: bool = False


class RenstraOrdinal(Fixed):
    plan_words: Rx
    ordinal: Rx
    ordinal_words: dict[str, int]
    copula: Rx
    current: Rx
    skip_sentence: Rx


class Years(Fixed):
    self_patterns: list[SelfYear]
    future_patterns: list[FutureYear]
    future_compare_patterns: list[FutureYear]
    future_skip_sentence: Rx
    comparison_words: Words  # escaped by the rule
    plan_patterns: list[PlanYear]
    plan_skip_sentence: Rx
    closing_headings: Words
    renstra_words: Words
    renstra_ordinal: RenstraOrdinal
    months: dict[str, int]


# --- rules/docs, rules/examples --------------------------------------------------------------------
class RuleDoc(Fixed):
    what: Annotated[str, Field(min_length=1)]
    why: Annotated[str, Field(min_length=1)]
    more: str = ""


class Case(Fixed):
    text: Annotated[str, Field(min_length=1)]
    expect: str | None = None
    year: int | None = None
    markdown: bool | None = None
    siblings: dict[str, str] | None = None
    count: int | None = None
    kabupaten: str | None = None


class Examples(Fixed):
    fail: list[Case] = []
    pass_: list[Case] = Field(default=[], alias="pass")


# --- phrasebank ----------------------------------------------------------------------------------
_ALT_OPEN, _ALT_CLOSE = "[[", "]]"


@cache
def known_placeholders() -> frozenset[str]:
    """The names a phrasebank variant may use: every keyword argument and string dictionary key
    in ``drafter/draft`` (the values :meth:`Phrasebank.say` is called with come from there)."""
    names: set[str] = set()
    root = Path(__file__).resolve().parent / "draft"
    for path in root.rglob("*.py"):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (OSError, SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg:
                names.add(node.arg)
            elif isinstance(node, ast.Dict):
                names.update(k.value for k in node.keys
                             if isinstance(k, ast.Constant) and isinstance(k.value, str))
            elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) \
                    and isinstance(node.slice.value, str):
                names.add(node.slice.value)
    return frozenset(names)


def _phrase(value: str) -> str:
    depth, i = 0, 0
    while i < len(value):
        two = value[i:i + 2]
        if two == _ALT_OPEN:
            if depth:
                raise PydanticCustomError("alternatives", "nested", {})
            depth, i = 1, i + 2
            continue
        if two == _ALT_CLOSE:
            if not depth:
                raise PydanticCustomError("alternatives", "unopened", {})
            depth, i = 0, i + 2
            continue
        i += 1
    if depth:
        raise PydanticCustomError("alternatives", "unclosed", {})
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(value) if f is not None]
    except ValueError as exc:
        raise PydanticCustomError("placeholder", "{detail}", {"detail": str(exc)}) from None
    known = known_placeholders()  # empty when the sources are not installed: names not checked
    for f in fields:
        name = re.split(r"[.\[!:]", f, maxsplit=1)[0]
        if not name or name.isdigit():
            raise PydanticCustomError("placeholder", "'{{{name}}}' harus bernama", {"name": f})
        if known and name not in known:
            raise PydanticCustomError("unknown_placeholder", "{name}", {"name": name})
    return value


Phrase = Annotated[str, Field(min_length=1), AfterValidator(_phrase)]
Variants = Annotated[Annotated[Phrase, Tag("<str>")] | Annotated[list[Phrase], Tag("<list>")],
                     Discriminator(_tree_tag)]


class Batas(Fixed):
    serapan_rendah: Num
    maks_penahan: int


# --- the schema of each file -------------------------------------------------------------------------
SCHEMAS: dict[str, Any] = {
    "rules/abbreviations.yaml": Abbreviations,
    "rules/arithmetic.yaml": Arithmetic,
    "rules/claims.yaml": Claims,
    "rules/completeness.yaml": Completeness,
    "rules/counts.yaml": Counts,
    "rules/crossdoc.yaml": Crossdoc,
    "rules/extract.yaml": Extract,
    "rules/foreign_names.yaml": ForeignNames,
    "rules/leftovers.yaml": Leftovers,
    "rules/lexicon.yaml": Lexicon,
    "rules/mentions.yaml": Mentions,
    "rules/names.yaml": Names,
    "rules/pangkat.yaml": Pangkat,
    "rules/people.yaml": People,
    "rules/phrases.yaml": Phrases,
    "rules/predicate.yaml": Predicate,
    "rules/regulations.yaml": Regulations,
    "rules/scale.yaml": Scale,
    "rules/substitutions.yaml": list[Substitution],
    "rules/tables.yaml": Tables,
    "rules/typo_basic.yaml": TypoBasic,
    "rules/vocabulary.yaml": dict[str, Words],
    "rules/years.yaml": Years,
    "rules/docs/*.yaml": dict[str, RuleDoc],
    "rules/examples/*.yaml": Examples,
    "phrasebank/_batas.yaml": Batas,
    "phrasebank/_keluarga.yaml": dict[str, Rx],  # sentence families (drafter/draft/phrase.py)
    "phrasebank/*.yaml": dict[str, Variants],
}


def schema_for(path: str) -> Any | None:
    """The schema of the data file ``path`` (``rules/x.yaml``), or None (not a schema'd file)."""
    key = _key_of(path)
    return SCHEMAS[key] if key is not None else None


@cache
def _adapter(path_key: str) -> TypeAdapter[Any]:
    return TypeAdapter(SCHEMAS[path_key])


# --- messages ----------------------------------------------------------------------------------------
_MSG = {
    "id": {
        "regex": ("pola regex tidak valid di {loc}: {detail} (petunjuk: periksa kurung yang "
                  "tidak seimbang dan escape karakter khusus dengan \\; tulis pola dalam kutip "
                  "tunggal agar \\ tidak diubah YAML)"),
        "alternatives": "alternatif [[a||b]] tidak seimbang di {loc}: {detail}",
        "placeholder": "isian {{...}} tidak valid di {loc}: {detail} (petunjuk: tulis {{{{ dan }}}} "
                       "untuk kurung kurawal harfiah)",
        "unknown_placeholder": ("isian {{{detail}}} di {loc} tidak dikenal (petunjuk: nama isian "
                                "harus dipakai oleh drafter/draft)"),
        "yaml_bool": ("kata di {loc} dibaca YAML sebagai {detail} (petunjuk: beri kutip, mis. "
                      "'on', 'off', 'yes', 'no')"),
        "extra_forbidden": "kunci {loc} tidak dikenal",
        "missing": "kunci wajib {loc} tidak ada",
        "type": "tipe salah di {loc}: harus {want}, bukan {got}",
        "value": "nilai tidak valid di {loc}: {detail}",
        "syntax": "YAML tidak valid: {detail}",
        "duplicate": "kunci {loc} ditulis dua kali (nilai pertama diabaikan)",
        "situation": "situasi {loc} sudah ada di {detail}",
        "frame": "situasi phrasebank {detail} di {loc} tidak ada",
        "group": "group {detail} di {loc} melebihi jumlah grup tangkap pola",
    },
    "en": {
        "regex": ("invalid regex pattern at {loc}: {detail} (hint: check for unbalanced brackets "
                  "and escape special characters with \\; single-quote patterns so YAML keeps \\)"),
        "alternatives": "unbalanced [[a||b]] alternatives at {loc}: {detail}",
        "placeholder": "invalid {{...}} placeholder at {loc}: {detail} (hint: write {{{{ and }}}} "
                       "for literal braces)",
        "unknown_placeholder": ("unknown placeholder {{{detail}}} at {loc} (hint: a placeholder "
                                "must be a name drafter/draft passes)"),
        "yaml_bool": ("the word at {loc} is read by YAML as {detail} (hint: quote it, e.g. "
                      "'on', 'off', 'yes', 'no')"),
        "extra_forbidden": "unknown key {loc}",
        "missing": "required key {loc} is missing",
        "type": "wrong type at {loc}: must be {want}, not {got}",
        "value": "invalid value at {loc}: {detail}",
        "syntax": "invalid YAML: {detail}",
        "duplicate": "key {loc} written twice (the first value is ignored)",
        "situation": "situation {loc} already in {detail}",
        "frame": "phrasebank situation {detail} at {loc} does not exist",
        "group": "group {detail} at {loc} exceeds the pattern's capture groups",
    },
}
_ALT_DETAIL = {
    "id": {"nested": "'[[' di dalam '[[...]]'", "unopened": "']]' tanpa '[['",
           "unclosed": "'[[' tanpa ']]'"},
    "en": {"nested": "'[[' inside '[[...]]'", "unopened": "']]' without '[['",
           "unclosed": "'[[' without ']]'"},
}
_TYPES = {
    "id": {"string": "teks", "int": "bilangan bulat", "float": "bilangan", "bool": "true/false",
           "list": "daftar", "dict": "pemetaan (kunci: nilai)", "model": "pemetaan (kunci: nilai)",
           "none": "kosong"},
    "en": {"string": "text", "int": "an integer", "float": "a number", "bool": "true/false",
           "list": "a list", "dict": "a mapping (key: value)", "model": "a mapping (key: value)",
           "none": "empty"},
}
_PY_TYPES = {"id": {str: "teks", int: "bilangan bulat", float: "bilangan", bool: "true/false",
                    list: "daftar", dict: "pemetaan", type(None): "kosong"},
             "en": {str: "text", int: "integer", float: "number", bool: "true/false", list: "list",
                    dict: "mapping", type(None): "empty"}}


def _msg(lang: str, kind: str, **kw: Any) -> str:
    return _MSG["en" if lang == "en" else "id"][kind].format(**kw)


# --- YAML nodes and error locations ----------------------------------------------------------------
def _compose(text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (with marks) and the constructed data of ``text``, parsed once."""
    return compose_yaml(YAML_LOADER, text)


def _scalar_key(node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return node.value
    return None


def _resolve(root: yaml.Node | None, loc: tuple[Any, ...]) -> tuple[yaml.Node | None, list[Any]]:
    """The deepest node on ``loc`` and the loc items that led to it (items that name no node,
    such as pydantic's union tags, are skipped)."""
    node, path = root, []
    for item in loc:
        if isinstance(node, yaml.MappingNode):
            hit = [(k, v) for k, v in node.value if _scalar_key(k) == str(item)]
            if hit:
                node, path = hit[-1][1], [*path, item]
                continue
        elif isinstance(node, yaml.SequenceNode) and isinstance(item, int) and \
                0 <= item < len(node.value):
            node, path = node.value[item], [*path, item]
            continue
    return node, path


def _key_node(parent: yaml.Node | None, key: Any) -> yaml.Node | None:
    if isinstance(parent, yaml.MappingNode):
        for k, _ in parent.value:
            if _scalar_key(k) == str(key):
                return k
    return None


def _dotted(path: list[Any]) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return f"'{out}'" if out else "'.'"  # '.': the whole document


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _error_line(err: dict[str, Any], root: yaml.Node | None, lang: str) -> tuple[int | None, str]:
    loc = tuple(p for p in err["loc"] if p not in ("<str>", "<list>", "<dict>", "<other>"))
    etype = err["type"]
    ctx = err.get("ctx") or {}
    if etype in ("missing", "extra_forbidden"):
        node, path = _resolve(root, loc[:-1])
        key = loc[-1] if loc else ""
        if etype == "extra_forbidden":
            node = _key_node(node, key) or node
        return _line(node), _msg(lang, etype, loc=_dotted([*path, key]))
    node, path = _resolve(root, loc)
    where = _dotted(path)
    if etype in ("regex", "alternatives", "placeholder", "unknown_placeholder"):
        detail = ctx.get("detail") or ctx.get("name") or err["msg"]
        if etype == "alternatives":
            detail = _ALT_DETAIL["en" if lang == "en" else "id"][err["msg"]]
        return _line(node), _msg(lang, etype, loc=where, detail=detail)
    if etype == "yaml_bool":
        return _line(node), _msg(lang, etype, loc=where, detail=str(ctx.get("value")).lower())
    if etype == "literal_error":
        must = "must be" if lang == "en" else "harus"
        return _line(node), _msg(lang, "value", loc=where, detail=f"{must} {ctx.get('expected')}")
    want = _want(err, lang)
    if want is not None:
        got = _PY_TYPES["en" if lang == "en" else "id"].get(type(err.get("input")),
                                                             type(err.get("input")).__name__)
        return _line(node), _msg(lang, "type", loc=where, want=want, got=got)
    return _line(node), _msg(lang, "value", loc=where, detail=err["msg"])


_WANT = {"string_type": "string", "int_type": "int", "float_type": "float", "bool_type": "bool",
         "list_type": "list", "dict_type": "dict", "model_type": "model",
         "model_attributes_type": "model", "none_required": "none"}
_TAG_NAMES = {"id": {"<str>": "teks", "<list>": "daftar", "<dict>": "pemetaan"},
              "en": {"<str>": "text", "<list>": "a list", "<dict>": "a mapping"}}


def _want(err: dict[str, Any], lang: str) -> str | None:
    lang = "en" if lang == "en" else "id"
    if err["type"] == "union_tag_invalid":  # a value that is neither of the allowed shapes
        tags = re.findall(r"<\w+>", str((err.get("ctx") or {}).get("expected_tags", "")))
        names = [_TAG_NAMES[lang].get(t, t) for t in tags]
        last = " or " if lang == "en" else " atau "
        return last.join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names) or None
    key = _WANT.get(err["type"])
    return _TYPES[lang][key] if key else None


def _duplicates(node: yaml.Node | None, path: list[Any], out: list[tuple[int, list[Any]]]) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for k, v in node.value:
            key = _scalar_key(k)
            if key is not None and key in seen:
                out.append((k.start_mark.line + 1, [*path, key]))
            if key is not None:
                seen.add(key)
            _duplicates(v, [*path, key], out)
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            _duplicates(v, [*path, i], out)


def _extra_checks(path: str, data: Any, root: yaml.Node | None, lang: str) -> list[tuple[int | None, str]]:
    out: list[tuple[int | None, str]] = []
    if path == "rules/leftovers.yaml" and isinstance(data, dict):
        for i, p in enumerate(data.get("patterns") or []):
            try:
                groups = re.compile(p["regex"]).groups
            except Exception:  # noqa: BLE001, S112 - reported by the schema
                continue
            group = p.get("group", 0)
            if isinstance(group, int) and group > groups:
                node, got = _resolve(root, ("patterns", i, "group"))
                out.append((_line(node), _msg(lang, "group", loc=_dotted(got), detail=group)))
    return out


# --- entry points -------------------------------------------------------------------------------------
def _key_of(path: str) -> str | None:
    if path in SCHEMAS:
        return path
    folder, _, name = path.rpartition("/")
    key = f"{folder}/*.yaml"
    return key if name.endswith(".yaml") and key in SCHEMAS else None


def check_text(path: str, text: str, lang: str = "id", *,
               fatal_only: bool = False) -> tuple[list[str], Any]:
    """(one-line errors, parsed data) of the data file ``path`` (``rules/x.yaml``) holding
    ``text``. Files without a schema are only parsed. ``fatal_only``: leave out the defects
    that lose a value without breaking a rule (a key written twice, an unquoted ``on`` read as
    true), which the load-time check tolerates."""
    try:
        root, data = _compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        detail = " ".join(str(getattr(exc, "problem", None) or exc).split())
        return [f"{path}{line}: {_msg(lang, 'syntax', detail=detail)}"], None
    key = _key_of(path)
    if key is None:
        return [], data
    found: list[tuple[int | None, str]] = []
    if not fatal_only:
        dups: list[tuple[int, list[Any]]] = []
        _duplicates(root, [], dups)
        found += [(line, _msg(lang, "duplicate", loc=_dotted(p))) for line, p in dups]
    ctx = {"placeholders": PLACEHOLDERS.get(path, {})}
    try:
        _adapter(key).validate_python(data, strict=True, context=ctx)
    except ValidationError as exc:
        found += [_error_line(e, root, lang) for e in exc.errors(include_url=False)
                  if not (fatal_only and e["type"] in _TOLERATED)]
    else:
        found += _extra_checks(path, data, root, lang)
    return [LkipError(m, path=path, line=line).format() for line, m in found], data


_TOLERATED = frozenset({"yaml_bool"})


def check_file(folder: str, filename: str, lang: str = "id") -> list[str]:
    """The errors of one data file (``folder`` is ``rules`` or ``phrasebank``)."""
    text = (data_dir(folder) / filename).read_text(encoding="utf-8")
    return check_text(f"{folder}/{filename}", _normalize(text), lang)[0]


def _normalize(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def data_files() -> list[tuple[str, str]]:
    """(folder, filename) of every data file that has a schema."""
    out = [("rules", n) for n in list_files("rules")]
    for sub in ("docs", "examples"):
        if (data_dir("rules") / sub).is_dir():
            out += [("rules", f"{sub}/{n}") for n in sorted(
                p.name for p in (data_dir("rules") / sub).iterdir() if p.name.endswith(".yaml"))]
    out += [("phrasebank", n) for n in list_files("phrasebank")]
    return [(f, n) for f, n in out if _key_of(f"{f}/{n}") is not None]


def check_all(lang: str = "id") -> list[str]:
    """The errors of every data file, plus the checks across files (a phrasebank situation
    defined twice, an extract frame naming no situation)."""
    errors: list[str] = []
    situations: dict[str, str] = {}
    parsed: dict[str, tuple[Any, Any]] = {}
    for folder, name in data_files():
        path = f"{folder}/{name}"
        text = _normalize((data_dir(folder) / name).read_text(encoding="utf-8"))
        errs, data = check_text(path, text, lang)
        errors += errs
        if errs:
            continue
        if folder == "phrasebank" and not name.startswith("_") and isinstance(data, dict):
            root = _compose(text)[0]
            for situation in data:
                if situation in situations:
                    node = _key_node(root, situation)
                    errors.append(LkipError(_msg(lang, "situation", loc=f"'{situation}'",
                                                 detail=situations[situation]),
                                            path=path, line=_line(node)).format())
                else:
                    situations[situation] = path
        if path == "rules/extract.yaml":
            parsed[path] = (text, data)
    if "rules/extract.yaml" in parsed and situations:
        text, data = parsed["rules/extract.yaml"]
        root = _compose(text)[0]
        for key in ("b2_frames", "b2_other_frames", "b3_program_frames", "b1_pembanding_frames",
                    "b1_sebab_frames"):
            value = data.get(key) or []
            items = [((key, field, i), s) for field, sits in value.items() for i, s in enumerate(sits)] \
                if isinstance(value, dict) else [((key, i), s) for i, s in enumerate(value)]
            for loc, sit in items:
                if sit not in situations:
                    node, got = _resolve(root, loc)
                    errors.append(LkipError(_msg(lang, "frame", loc=_dotted(got), detail=f"'{sit}'"),
                                            path="rules/extract.yaml", line=_line(node)).format())
    return errors


def load_checked(folder: str, filename: str, text: str) -> Any:
    """Parse the data file and validate it against its schema (the compiled data cache calls
    this on a miss, i.e. when the file is new or was edited); :class:`DataError` on the first
    error, as one line naming the file and the line."""
    errors, data = check_text(f"{folder}/{filename}", text, fatal_only=True)
    if errors:
        more = f" (+{len(errors) - 1} galat lain; lihat `lkip rules --check-data`)" if len(errors) > 1 else ""
        raise DataError(errors[0] + more)
    return data
