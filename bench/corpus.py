"""A generated collateral folder for the benchmarks: PDFs, PowerPoint decks and a catalog approving them.

The text is sales and marketing prose made from a fixed vocabulary of a few thousand words drawn with a
Zipf-like distribution, so term frequencies (a few very common words, a long tail of rare ones) look like
real collateral. Everything is seeded: the same ``CorpusSpec`` always gives the same files and the same
text, so a corpus is generated once and re-used while its marker file names the same parameters.

What must stay true: a file's text depends only on the spec's seed and the file's index (never on which
worker wrote it), so ``page_texts`` can recreate any file's text without reading the PDF.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import itertools
import json
import multiprocessing
import random
import shutil
import string
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import pptx
import pymupdf

from enablement_app.catalog import Catalog, CatalogEntry, save_catalog

# Bump when the text, the layout or the file plan changes: a cached corpus of another version is rebuilt.
GENERATOR_VERSION = 1
MARKER_NAME = ".bench-corpus.json"  # a dot file: the scanner and the watcher ignore it
PARTIAL_NAME = ".bench-corpus-partial"  # present while a generation is under way
PRISTINE_FOLDER = ".pristine"  # originals of files a benchmark changed, restored before the next run
FRESH_FOLDER = "fresh"  # where the freshness benchmark drops new assets; emptied before every run
FRESH_SLOTS = 3
DEFAULT_CORPUS = Path(__file__).resolve().parent / "out" / "corpus"
DEFAULT_SMALL_CORPUS = DEFAULT_CORPUS.with_name("corpus-small")

_PDF_MARGIN = 72  # points
_PDF_FONT_SIZES = (10, 9, 8, 7, 6)
_PPTX_TITLE_AND_CONTENT = 1
_APPROVED_AT = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)

# -- the vocabulary ------------------------------------------------------------------------------

PRODUCTS = ("Lumora Forecast", "Lumora Pipeline", "Lumora Insights", "Lumora Connect", "Lumora Guard")
STAGES = ("awareness", "consideration", "decision", "onboarding", "renewal")
DOC_TYPES = (
    "battlecard",
    "datasheet",
    "case study",
    "whitepaper",
    "pricing guide",
    "security overview",
    "solution brief",
    "sales playbook",
    "onboarding guide",
    "ROI guide",
)

SALES_TERMS = """
pricing price discount ROI security SOC GDPR Salesforce HubSpot integration forecast forecasting pipeline
onboarding churn renewal CFO CRO CIO CISO CTO COO procurement contract quote quota territory prospect lead
opportunity deal upsell expansion retention ARR MRR NRR ACV TCO SLA SSO SAML SCIM API SDK webhook dashboard
analytics reporting compliance HIPAA ISO audit encryption residency uptime availability scalability
implementation deployment migration rollout adoption enablement playbook battlecard objection competitor
competitive differentiation positioning persona champion stakeholder buyer committee budget approval legal
redlines MSA DPA NDA RFP RFI questionnaire pilot trial POC demo discovery qualification MEDDICC BANT cadence
sequence outreach prospecting inbound outbound webinar campaign nurture funnel conversion attribution
segmentation enterprise midmarket SMB vertical healthcare fintech manufacturing retail logistics insurance
banking telecom SaaS cloud workflow automation insights benchmark testimonial subscription SDR BDR CSM
seat license licensing tier bundle packaging multiyear invoice billing margin bookings fiscal commission
incentive spiff accelerator negotiation concession proposition payback savings productivity mitigation
governance vulnerability backup Okta Azure AWS Snowflake Slack Zendesk Marketo Gong NetSuite SAP Workday
ServiceNow Jira Tableau Looker ERP CRM CPQ Lumora Forecastly Pipewise Quotient roadmap sandbox tenant
provisioning interoperability connector datasheet whitepaper ebook keynote persona usage entitlement
"""

NOUNS = """
account action activity address advantage advice age agency agent agreement amount analysis answer
application approach area argument article artist aspect assessment assistance association atmosphere
attempt attention attitude audience author authority average award background balance bank bar base basis
battle beach bed beginning behavior benefit bill bird birth bit blood board boat body book border boss
bottle bottom box brain branch brand bread break breakfast bridge brother building business button cabinet
cable camera camp capital car card care career carpet cash cat category cause cell center century chain
chair challenge chance change channel chapter character charge chart check chemistry chest chicken child
choice church city class classroom client climate clock cloud club coach coast code coffee collection
college color combination comfort command comment community company comparison competition complaint
component computer concept concern conclusion condition conference confidence conflict connection
consequence construction contact content context contribution control conversation copy corner cost
council country county couple courage course court cousin cover craft credit crew crime crisis criticism
crowd culture cup currency curve customer cycle damage dance danger data database date daughter day
death debate debt decade decision definition degree delivery demand department deposit depth description
design desire desk detail development device difference difficulty dimension dinner direction director
disaster discipline discussion disease dish distance distribution district doctor document dog door doubt
draft drama drawing dream dress drink driver drop economy edge editor education effect efficiency effort
egg election element emotion emphasis employee employer employment end energy engine engineer engineering
entry environment equipment error escape essay estate evening event evidence exam example exchange
excitement exercise exhibition existence experience expert explanation expression extent eye face fact
factor failure faith family farm farmer fashion father fault fear feature fee feedback feeling field
figure film finance finding finger fire firm fish flight floor flower focus food foot football force
forest form formula fortune foundation frame framework freedom friend front fruit fuel function fund
future gain game garden gas gate generation gift girl glass goal gold government grade grain grant grass
ground group growth guarantee guard guest guidance guide guitar habit hair half hall hand handle harm hat
head health hearing heart heat height help highway history hold hole holiday home hope horse hospital
host hotel hour house housing husband idea identity image impact importance impression improvement
incident income increase independence index individual industry inflation influence information
initiative injury input insect inside inspection instance instruction instrument intention interaction
interest internet interview introduction investment island issue item job joint journey judge judgment
juice key kind king kitchen knee knife knowledge lab lack ladder lady lake land landscape language law
lawyer layer leader leadership league leather lecture leg length lesson letter level library life light
limit line link list literature loan location lock log love luck lunch machine magazine maintenance
majority management map market marriage master match material math matter meal meaning measure meat
media medicine meeting member membership memory menu message metal method middle midnight milk mind minute
mirror mission mistake mixture mode model moment money month mood morning mother motor mountain mouse
mouth movement movie music name nation nature neck network news newspaper night noise norm note notice
novel number object objective occasion offer office officer oil opinion option orange order organization
outcome outside owner package page pain paint painting pair panel paper parent park part participant
partner party passage passenger passion past path patience patient pattern payment peace penalty people
percentage perception performance period permission person personality perspective phase phone photo
phrase physics piano picture piece pizza place plan plane plant plastic plate platform player pleasure
poem poet poetry point police policy politics pollution pool population portion position possibility post
pot potato potential power practice preference preparation presence presentation president press
pressure pride principle priority prison privacy prize problem procedure process produce product
profession professor profile profit program progress project promise proof property proposal protection
psychology public purpose quality quantity quarter queen question radio rain range rate ratio reaction
reader reading reality reason reception recipe recognition recommendation record recording reflection
region relation relationship release religion replacement report reputation request requirement research
reserve resident resolution resource respect response responsibility rest restaurant result return
revenue review reward rice river road rock role roof room routine rule safety salad salary sale salt
sample satisfaction scale scene schedule scheme school science score screen sea search season secret
secretary section sector selection self sense sentence series service session setting shape share
shelter shift ship shirt shock shoe shop shopping shot shoulder show side sign signal signature
significance silver singer sister site situation size skill skin sky sleep slice society software soil
soldier solution song sort sound soup source space speaker speech speed spirit sport spot spring square
staff stage standard star start state statement station status step stock stomach stone storage store
storm story strategy stream street strength stress stretch string structure student studio study stuff
style subject success sugar suggestion suit summer sun supermarket supply surface surgery surprise survey
suspect sympathy system table tale talk task tax tea teacher teaching team technology telephone
television temperature tennis tension term test text theme theory thing thought threat ticket time tip
title tone tool tooth top topic total touch tour tower town track trade tradition traffic train training
transition transport trash travel treatment tree trend trip trouble truck truth tune unit union
university user vacation valley value variety vehicle version video view village virus visit visitor
voice volume wage walk wall war warning waste watch water wave way weakness wealth weather web website
wedding week weekend weight welcome west wheel whole wife wind window wine winner winter wish witness
woman wonder wood word work worker world writer writing year youth
"""

VERBS = """
accept achieve acquire add adjust admit adopt advance affect agree aim allow alter analyze announce
anticipate appear apply appreciate approve argue arrange arrive ask assess assign assist assume attach
attend attract avoid become begin believe belong boost borrow bring build buy calculate call capture carry
catch celebrate choose claim clarify clean clear climb close collect combine come commit communicate
compare compete complain complete compose concentrate conclude conduct confirm connect consider consist
construct consult contain continue contribute convert convince cook coordinate cope correct count create
cross cut deal decide declare decline deliver demonstrate deny depend describe deserve determine develop
differ discover discuss display distribute divide double draw drive earn ease eliminate emerge emphasize
employ enable encourage engage enhance enjoy ensure enter establish estimate evaluate examine exceed exist
expand expect explain explore express extend fail fill find finish fit fix follow forget gather generate
give grow happen hear highlight hire identify ignore illustrate imagine implement improve include
incorporate indicate inform install integrate intend introduce invest invite involve join jump justify
keep know launch lead learn leave lend leverage lift listen live locate look lose maintain manage mark
meet mention migrate minimize miss modify monitor motivate move need negotiate obtain occur open operate
optimize organize outline own participate pass pay perform pick play predict prefer prepare present
prevent promote protect prove provide publish pull purchase push qualify raise reach react read realize
receive recognize recommend reduce reflect refuse regard relate rely remain remember remove repeat replace
reply represent require resolve respond restore retain reveal run save secure seek select sell send serve
settle simplify solve speak spend split standardize stay stop streamline strengthen submit succeed suggest
summarize support survive sustain switch target teach tell tend thank think transfer transform treat
trust try turn understand unify unlock update upgrade use validate verify wait want warn win work worry
write
"""

ADJECTIVES_AND_ADVERBS = """
able absolute academic acceptable accurate active actual additional adequate advanced affordable
aggressive agile alternative ambitious annual anxious apparent appropriate attractive automatic available
bad basic beautiful big bold brief bright brilliant broad busy calm capable careful casual central certain
cheap chief civil classic clever cold comfortable commercial common complex comprehensive confident
consistent constant continuous conventional cool core corporate costly critical crucial cultural curious
current custom daily dark dear decent deep default definite deliberate dependable detailed different
difficult digital direct distinct domestic dominant dramatic dynamic eager early easy economic educational
effective efficient elegant electronic eligible emotional empty entire environmental equal essential
ethical exact excellent exceptional exciting existing expensive experienced explicit extensive external
extra extreme fair familiar famous fancy fast favorable federal final financial fine flat flexible focused
foreign formal former fortunate free frequent fresh friendly full functional fundamental funny general
generous gentle genuine global good gradual grand great green gross happy hard healthy heavy helpful
hidden high historical holistic honest hot huge human hungry ideal immediate immense important impossible
impressive incredible independent indirect industrial inevitable informal initial innovative instant
intelligent intense interesting internal international intuitive large late leading legitimate lengthy
likely limited little local logical long loose loyal lucky main major manual massive mature meaningful
measurable medical mental mere minimal minor mobile moderate modern modest moral multiple mutual narrow
national native natural nearby neat necessary negative nervous neutral new nice noble normal notable
numerous obvious occasional odd official old ongoing operational optimal optional ordinary organic
original overall parallel partial particular passive peaceful perfect permanent personal physical plain
pleasant polite political poor popular portable positive possible powerful practical precise predictable
preferred premium pretty previous primary prime principal prior private proactive productive professional
profitable progressive prominent proper proud pure quick quiet radical random rapid rare rational raw
ready real realistic reasonable recent regional regular relevant reliable remarkable remote repeated
representative responsible responsive rich right rigid robust rough rural safe satisfied scalable
scientific seamless senior sensible sensitive separate serious severe sharp short significant silent
similar simple sincere single slight slow small smart smooth social soft solid sophisticated special
specific stable steady strategic strict strong structural subtle successful sudden sufficient suitable
superb superior supportive sure surprising sustainable technical temporary terrible thick thin thorough
tight tiny tough traditional transparent tremendous typical ugly ultimate unable unique universal
unlikely unusual upper urban urgent useful usual valid valuable various vast verbal viable virtual
visible visual vital warm weak wealthy weekly wide wild willing wise wonderful worldwide worried wrong
young actually almost already always apparently approximately automatically basically carefully certainly
clearly closely completely consistently constantly currently definitely directly easily effectively
entirely especially essentially eventually exactly extremely fairly finally frequently fully generally
gradually greatly hardly heavily highly immediately increasingly indeed instantly largely literally mainly
merely mostly naturally nearly necessarily normally obviously often originally particularly perfectly
perhaps possibly potentially primarily probably properly quickly quite rapidly rarely readily really
recently regularly relatively reliably roughly seamlessly seriously significantly simply slightly slowly
smoothly sometimes soon specifically steadily strongly substantially successfully suddenly surely quietly
typically ultimately usually virtually widely
"""

# Verbs whose past tense is not "-ed", and verbs that double their last consonant before "-ing"/"-ed".
IRREGULAR_VERBS = """
become begin bring build buy catch choose come cut deal draw drive find forget give grow hear keep know lead
leave lend lose meet pay read run sell send seek spend split teach tell think understand win write fit
"""
DOUBLING_VERBS = "admit commit submit fit run cut split begin win stop drop plan forget"
_IRREGULAR = frozenset(IRREGULAR_VERBS.split())
_DOUBLING = frozenset(DOUBLING_VERBS.split())

# The words reps type as phrases; they recur in the prose so phrase queries find real matches.
COLLOCATIONS = (
    "annual contract value",
    "total cost of ownership",
    "return on investment",
    "data processing agreement",
    "net revenue retention",
    "security review",
    "proof of concept",
    "SOC 2 Type II",
    "customer success",
    "pipeline coverage",
    "forecast accuracy",
    "discount approval",
    "renewal risk",
    "executive sponsor",
    "mutual action plan",
    "buying committee",
    "free trial",
    "volume discount",
    "multiyear commitment",
    "churn reduction",
    "time to value",
    "sales cycle",
    "win rate",
    "deal desk",
    "quote approval",
    "security questionnaire",
    "penetration test",
    "data residency",
    "role based access",
    "audit log",
    "Salesforce integration",
    "HubSpot integration",
    "Slack alerts",
    "onboarding plan",
    "implementation timeline",
    "success criteria",
    "business case",
    "payback period",
    "CFO approval",
    "quarterly business review",
    "expansion revenue",
    "renewal forecast",
    "pipeline review",
    "competitive landscape",
    "objection handling",
    "reference customer",
    "product roadmap",
    "service level agreement",
    "uptime guarantee",
    "incident response",
    "GDPR compliance",
    "HIPAA compliance",
    "encryption at rest",
    "single sign on",
    "Acme Robotics",
    "Northwind Traders",
    "Globex Logistics",
    "Initech Finance",
    "Umbrella Health",
    "Stark Manufacturing",
    *PRODUCTS,
)

FUNCTION_TEXT = """
the of and to a in for is that with on our your we as by this are it be from can will at more their an or
have not every each when how which who than into across without so also most all
"""
FUNCTION_WORDS = tuple(FUNCTION_TEXT.split())


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Content words ranked from most to least frequent, with cumulative Zipf weights for drawing."""

    words: tuple[str, ...]
    cumulative: tuple[float, ...]
    function_words: tuple[str, ...]
    function_cumulative: tuple[float, ...]

    def rank_of(self, word: str) -> int:
        return self.words.index(word)


def _derived_forms(word: str, *, verb: bool) -> list[str]:
    """Plural or verb forms, so the vocabulary has the inflections real prose has (and stemming meets)."""
    if word.endswith(("s", "x", "z", "ch", "sh")):
        third = word + "es"
    elif word.endswith("y") and word[-2] not in "aeiou":
        third = word[:-1] + "ies"
    else:
        third = word + "s"
    if not verb:
        return [third]
    if word in _DOUBLING:
        stem = word + word[-1]
    elif word.endswith("e") and not word.endswith("ee"):
        stem = word[:-1]
    else:
        stem = word
    forms = [third, stem + "ing"]
    if word not in _IRREGULAR:
        if word.endswith("e"):
            forms.append(word + "d")
        elif word.endswith("y") and word[-2] not in "aeiou":
            forms.append(word[:-1] + "ied")
        else:
            forms.append(stem + "ed")
    return forms


def _zipf_cumulative(count: int, *, exponent: float = 1.0, shift: float = 10.0) -> tuple[float, ...]:
    """Zipf-Mandelbrot weights 1/(rank+shift)^exponent, accumulated for ``random.choices``."""
    return tuple(itertools.accumulate(1.0 / (rank + shift) ** exponent for rank in range(1, count + 1)))


@functools.cache
def vocabulary(seed: int) -> Vocabulary:
    """The ranked vocabulary for ``seed``: sales terms lean towards the frequent end, inflections to the tail."""
    rng = random.Random(f"{seed}:vocabulary")
    scored: dict[str, float] = {}
    for word in SALES_TERMS.split():
        scored.setdefault(word, rng.random() * 0.3)
    for group, verb in ((NOUNS, False), (VERBS, True), (ADJECTIVES_AND_ADVERBS, False)):
        for word in group.split():
            scored.setdefault(word, rng.random())
            if group is not ADJECTIVES_AND_ADVERBS:
                for form in _derived_forms(word, verb=verb):
                    scored.setdefault(form, 0.3 + rng.random() * 1.2)
    words = tuple(sorted(scored, key=lambda word: (scored[word], word)))
    return Vocabulary(
        words=words,
        cumulative=_zipf_cumulative(len(words)),
        function_words=FUNCTION_WORDS,
        function_cumulative=_zipf_cumulative(len(FUNCTION_WORDS), exponent=0.8, shift=1.0),
    )


# -- prose -----------------------------------------------------------------------------------------


class ProseWriter:
    """Sentences and pages of plausible collateral prose, deterministic for a given random generator."""

    def __init__(self, vocab: Vocabulary, rng: random.Random) -> None:
        self.vocab = vocab
        self.rng = rng

    def _content_words(self, count: int) -> list[str]:
        return self.rng.choices(self.vocab.words, cum_weights=self.vocab.cumulative, k=count)

    def sentence(self) -> str:
        rng = self.rng
        length = rng.randint(8, 20)
        content = self._content_words(length)
        functions = rng.choices(
            self.vocab.function_words, cum_weights=self.vocab.function_cumulative, k=length
        )
        words: list[str] = []
        for position in range(length):
            roll = rng.random()
            if roll < 0.05:
                words.append(rng.choice(COLLOCATIONS))
            elif roll < 0.07:
                words.append(f"{rng.randint(2, 95)}%" if rng.random() < 0.6 else f"${rng.randint(9, 490)}")
            elif roll < 0.45:
                words.append(functions[position])
            else:
                words.append(content[position])
            if roll > 0.97 and position < length - 1:
                words[-1] += ","
        text = " ".join(words)
        return text[0].upper() + text[1:] + ("?" if rng.random() < 0.04 else ".")

    def heading(self) -> str:
        words = self._content_words(self.rng.randint(2, 4))
        return " ".join(word[0].upper() + word[1:] for word in words)

    def paragraph(self, target_chars: int) -> str:
        sentences: list[str] = []
        length = 0
        while length < target_chars:
            sentence = self.sentence()
            sentences.append(sentence)
            length += len(sentence) + 1
        return " ".join(sentences)

    def page(self) -> str:
        """One page of 1,500 to 2,500 characters: a heading, then three to six paragraphs."""
        target = self.rng.randint(1500, 2500)
        paragraphs = self.rng.randint(3, 6)
        parts = [self.heading()]
        used = len(parts[0])
        for remaining in range(paragraphs, 0, -1):
            share = max(120, (target - used) // remaining)
            parts.append(self.paragraph(share))
            used += len(parts[-1]) + 2
        return "\n\n".join(parts)

    def bullet(self) -> str:
        words = self._content_words(self.rng.randint(5, 11))
        if self.rng.random() < 0.3:
            words.insert(self.rng.randrange(len(words)), self.rng.choice(COLLOCATIONS))
        text = " ".join(words)
        return text[0].upper() + text[1:]


# -- the plan --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CorpusSpec:
    pdf_count: int = 1000
    pdf_pages: int = 30_000
    min_pages: int = 5
    max_pages: int = 60
    deck_count: int = 20
    deck_slides: int = 300
    seed: int = 20260105

    def describe(self) -> str:
        return (
            f"{self.pdf_count:,} PDFs / {self.pdf_pages:,} pages, "
            f"{self.deck_count} decks / {self.deck_slides} slides, seed {self.seed}"
        )


FULL = CorpusSpec()
SMALL = CorpusSpec(pdf_count=100, pdf_pages=3_000, deck_count=4, deck_slides=60)


@dataclass(frozen=True, slots=True)
class PlannedFile:
    index: int
    kind: str  # "pdf" or "pptx"
    relative: str  # POSIX path under the corpus root
    title: str
    product: str
    stage: str
    pages: int  # pages of a PDF, slides of a deck


@dataclass(frozen=True, slots=True)
class Corpus:
    root: Path
    spec: CorpusSpec
    pdfs: tuple[PlannedFile, ...]
    decks: tuple[PlannedFile, ...]

    @property
    def pdf_pages(self) -> int:
        return sum(file.pages for file in self.pdfs)

    @property
    def slides(self) -> int:
        return sum(file.pages for file in self.decks)

    @property
    def vocabulary(self) -> Vocabulary:
        return vocabulary(self.spec.seed)

    def path(self, file: PlannedFile) -> Path:
        return self.root / file.relative

    def files(self) -> Iterator[Path]:
        for file in (*self.pdfs, *self.decks):
            yield self.path(file)

    def page_texts(self, file: PlannedFile) -> list[str]:
        return _pdf_page_texts(self.spec.seed, file)

    @property
    def fresh_slots(self) -> tuple[str, ...]:
        """Catalog keys approved in advance for the assets the freshness benchmark drops into the folder."""
        return tuple(f"{FRESH_FOLDER}/new-asset-{number}.pdf" for number in range(1, FRESH_SLOTS + 1))


def _slug(text: str) -> str:
    return "-".join(text.lower().split())


def _spread(rng: random.Random, count: int, total: int, low: int, high: int, mode: float) -> list[int]:
    """``count`` integers in [low, high] summing to ``total``, roughly triangular around ``mode``."""
    if not low * count <= total <= high * count:
        raise ValueError(f"{count} files of {low}-{high} pages cannot hold {total} pages")
    values = [round(rng.triangular(low, high, mode)) for _ in range(count)]
    difference = total - sum(values)
    while difference:
        position = rng.randrange(count)
        step = 1 if difference > 0 else -1
        if low <= values[position] + step <= high:
            values[position] += step
            difference -= step
    return values


def plan(root: Path, spec: CorpusSpec) -> Corpus:
    """The files of the corpus (paths, titles, facets, page counts); cheap and deterministic."""
    rng = random.Random(f"{spec.seed}:plan")
    mean = spec.pdf_pages / spec.pdf_count
    # A triangular distribution's mean is (low + high + mode) / 3: pick the mode that gives the wanted mean.
    mode = min(max(3 * mean - spec.min_pages - spec.max_pages, spec.min_pages), spec.max_pages)
    page_counts = _spread(rng, spec.pdf_count, spec.pdf_pages, spec.min_pages, spec.max_pages, mode)
    pdfs = []
    for index, pages in enumerate(page_counts):
        product = PRODUCTS[index % len(PRODUCTS)]
        doc_type = rng.choice(DOC_TYPES)
        pdfs.append(
            PlannedFile(
                index=index,
                kind="pdf",
                relative=f"{_slug(product)}/{_slug(doc_type)}-{index:04d}.pdf",
                title=f"{product} {doc_type} {index:04d}",
                product=product,
                stage=rng.choice(STAGES),
                pages=pages,
            )
        )
    decks = []
    if spec.deck_count:
        slide_counts = _spread(
            rng, spec.deck_count, spec.deck_slides, 5, 40, spec.deck_slides / spec.deck_count
        )
        for index, slides in enumerate(slide_counts):
            product = PRODUCTS[index % len(PRODUCTS)]
            decks.append(
                PlannedFile(
                    index=index,
                    kind="pptx",
                    relative=f"decks/{_slug(product)}-pitch-{index:03d}.pptx",
                    title=f"{product} pitch deck {index:03d}",
                    product=product,
                    stage=rng.choice(STAGES),
                    pages=slides,
                )
            )
    return Corpus(root=root, spec=spec, pdfs=tuple(pdfs), decks=tuple(decks))


# -- writing files ---------------------------------------------------------------------------------


def _pdf_page_texts(seed: int, file: PlannedFile) -> list[str]:
    writer = ProseWriter(vocabulary(seed), random.Random(f"{seed}:pdf:{file.index}"))
    return [writer.page() for _ in range(file.pages)]


def write_pdf(path: Path, title: str, pages: Sequence[str]) -> None:
    """A PDF with one text page per string, written with PyMuPDF's base-14 Helvetica (no embedded font)."""
    document = pymupdf.open()
    try:
        for text in pages:
            page = document.new_page()  # 595 x 842 points
            box = pymupdf.Rect(
                _PDF_MARGIN, _PDF_MARGIN, page.rect.width - _PDF_MARGIN, page.rect.height - _PDF_MARGIN
            )
            for size in _PDF_FONT_SIZES:
                # insert_textbox writes nothing and returns a negative number when the text overflows.
                if page.insert_textbox(box, text, fontsize=size, fontname="helv") >= 0:
                    break
            else:
                raise ValueError(f"a page of {len(text)} characters does not fit on one PDF page")
        document.set_metadata({"title": title, "author": "Lumora Product Marketing"})
        document.save(path, deflate=True)
    finally:
        document.close()


def _write_pdf_job(seed: int, file: PlannedFile, root: str) -> int:
    path = Path(root) / file.relative
    path.parent.mkdir(parents=True, exist_ok=True)
    write_pdf(path, file.title, _pdf_page_texts(seed, file))
    return file.pages


def _write_deck_job(seed: int, file: PlannedFile, root: str) -> int:
    """A deck of "Title and Content" slides, each with bullets and speaker notes."""
    writer = ProseWriter(vocabulary(seed), random.Random(f"{seed}:deck:{file.index}"))
    path = Path(root) / file.relative
    path.parent.mkdir(parents=True, exist_ok=True)
    presentation = pptx.Presentation()
    layout = presentation.slide_layouts[_PPTX_TITLE_AND_CONTENT]
    for _ in range(file.pages):
        slide = presentation.slides.add_slide(layout)
        if slide.shapes.title is not None:
            slide.shapes.title.text = writer.heading()
        slide.placeholders[1].text = "\n".join(writer.bullet() for _ in range(writer.rng.randint(3, 5)))
        slide.notes_slide.notes_text_frame.text = writer.paragraph(writer.rng.randint(200, 500))
    presentation.core_properties.title = file.title
    presentation.save(str(path))
    return file.pages


def _write_catalog(corpus: Corpus) -> None:
    entries = {
        file.relative: CatalogEntry(
            status="approved",
            approved_by="bench@lumora.example",
            approved_at=_APPROVED_AT,
            facets={"product": (file.product,), "stage": (file.stage,)},
        )
        for file in (*corpus.pdfs, *corpus.decks)
    }
    for key in corpus.fresh_slots:
        entries[key] = CatalogEntry(
            status="approved",
            approved_by="bench@lumora.example",
            approved_at=_APPROVED_AT,
            facets={"product": (PRODUCTS[0],), "stage": ("decision",)},
        )
    save_catalog(corpus.root, Catalog(library="Benchmark collateral", entries=entries))


def _marker(spec: CorpusSpec) -> dict[str, object]:
    return {"generator": GENERATOR_VERSION, "spec": asdict(spec)}


def _is_current(corpus: Corpus) -> bool:
    try:
        marker = json.loads((corpus.root / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if marker != _marker(corpus.spec) or (corpus.root / PARTIAL_NAME).exists():
        return False
    return all(path.is_file() for path in corpus.files())


def restore_pristine(root: Path) -> int:
    """Undo a benchmark's changes: put back the originals it saved and empty the fresh-assets folder."""
    restored = 0
    pristine = root / PRISTINE_FOLDER
    if pristine.is_dir():
        for saved in sorted(pristine.rglob("*")):
            if saved.is_file():
                target = root / saved.relative_to(pristine)
                target.parent.mkdir(parents=True, exist_ok=True)
                saved.replace(target)
                restored += 1
        shutil.rmtree(pristine)
    fresh = root / FRESH_FOLDER
    if fresh.exists():
        shutil.rmtree(fresh)
    return restored


def save_pristine(root: Path, relative: str) -> None:
    """Keep the original of a file a benchmark is about to change (once), so ``restore_pristine`` can undo it."""
    saved = root / PRISTINE_FOLDER / relative
    if not saved.exists():
        saved.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / relative, saved)


def ensure_corpus(
    root: Path,
    spec: CorpusSpec,
    *,
    workers: int = 2,
    report: Callable[[str], None] = lambda _: None,
) -> Corpus:
    """The corpus for ``spec`` at ``root``: re-used when its marker matches, generated otherwise."""
    root = root.expanduser().resolve()
    corpus = plan(root, spec)
    if root.is_dir():
        restored = restore_pristine(root)
        if restored:
            report(f"restored {restored} file(s) a previous run had changed")
    if _is_current(corpus):
        report(f"re-using the corpus at {root} ({spec.describe()})")
        return corpus
    if root.exists():
        ours = (root / MARKER_NAME).exists() or (root / PARTIAL_NAME).exists()
        if any(root.iterdir()) and not ours:
            raise SystemExit(f"{root} is not empty and is not a benchmark corpus: choose another --corpus")
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / PARTIAL_NAME).write_text("generation under way\n", encoding="utf-8")
    report(f"generating the corpus at {root} ({spec.describe()}) with {workers} process(es)")
    started = time.perf_counter()
    _generate(corpus, workers=workers, report=report)
    _write_catalog(corpus)
    (root / MARKER_NAME).write_text(json.dumps(_marker(spec), indent=2) + "\n", encoding="utf-8")
    (root / PARTIAL_NAME).unlink()
    report(f"generated {len(corpus.pdfs) + len(corpus.decks)} files in {time.perf_counter() - started:.1f} s")
    return corpus


def _generate(corpus: Corpus, *, workers: int, report: Callable[[str], None]) -> None:
    seed, root = corpus.spec.seed, str(corpus.root)
    # Largest files first, so the last tasks are short and both processes finish together.
    pdfs = sorted(corpus.pdfs, key=lambda file: -file.pages)
    total = corpus.pdf_pages + corpus.slides
    done = 0
    next_report = 0.0
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [pool.submit(_write_deck_job, seed, file, root) for file in corpus.decks]
        futures += [pool.submit(_write_pdf_job, seed, file, root) for file in pdfs]
        for future in futures:
            done += future.result()
            elapsed = time.perf_counter() - started
            if elapsed >= next_report:
                report(f"  {done:,}/{total:,} pages written ({elapsed:.0f} s)")
                next_report = elapsed + 15


# -- query words -----------------------------------------------------------------------------------


def adjacent_pairs(text: str) -> list[tuple[str, str]]:
    """Pairs of neighbouring content words within a sentence: phrases the corpus is known to contain."""
    function_words = set(FUNCTION_WORDS)
    pairs = []
    for sentence in text.replace("?", ".").split("."):
        words = [word.strip(string.punctuation) for word in sentence.split()]
        for first, second in itertools.pairwise(words):
            if (
                first.isalpha()
                and second.isalpha()
                and first.lower() not in function_words
                and second.lower() not in function_words
            ):
                pairs.append((first.lower(), second.lower()))
    return pairs


def draw_word(rng: random.Random, vocab: Vocabulary, band: str) -> str:
    """A word from the common head (top 150), the middle, or the rare tail (the last third) of the ranking."""
    count = len(vocab.words)
    bounds = {"common": (0, 150), "middle": (150, count * 2 // 3), "rare": (count * 2 // 3, count)}
    low, high = bounds[band]
    return vocab.words[rng.randrange(low, high)]


def cumulative_share(vocab: Vocabulary, rank: int) -> float:
    """The share of content words drawn at ``rank`` or more frequent ones (for describing the distribution)."""
    position = min(rank, len(vocab.cumulative) - 1)
    return vocab.cumulative[position] / vocab.cumulative[-1]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate (or re-use) the benchmark corpus.")
    parser.add_argument(
        "--corpus",
        type=Path,
        help=f"corpus folder (default {DEFAULT_CORPUS}, or {DEFAULT_SMALL_CORPUS.name} with --small)",
    )
    parser.add_argument(
        "--small", action="store_true", help="100 PDFs / 3,000 pages instead of 1,000 / 30,000"
    )
    parser.add_argument("--workers", type=int, default=2, help="generation processes (default 2)")
    args = parser.parse_args(argv)
    root = args.corpus or (DEFAULT_SMALL_CORPUS if args.small else DEFAULT_CORPUS)
    corpus = ensure_corpus(root, SMALL if args.small else FULL, workers=args.workers, report=print)
    vocab = corpus.vocabulary
    print(
        f"{len(corpus.pdfs)} PDFs ({corpus.pdf_pages:,} pages), {len(corpus.decks)} decks "
        f"({corpus.slides} slides); vocabulary {len(vocab.words):,} content words, the top 100 make "
        f"{cumulative_share(vocab, 100):.0%} of them"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
