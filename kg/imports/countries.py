"""Who an actor code of event data is: a state of the scenario, a state of
ISO 3166, or an actor an ``--actors`` file names.

Event data names actors by CAMEO country codes, which for states are the
ISO 3166-1 alpha-3 codes. A code is mapped, first match wins:

1. by a row of the ``--actors`` file (CSV ``code,actor``: the actor an
   IRI, a CURIE such as ``kgr:avalon``, or a label of an actor of the
   scenario; a label the scenario lacks names a new actor);
2. to a state of the scenario (an instance of ``kg:State``) that carries
   the code as Wikidata's ISO 3166-1 alpha-3 property (``wdt:P298``) or
   whose ``rdfs:label`` or ``skos:altLabel`` is a name the ISO 3166 table
   of pycountry gives the code (name, official name or common name,
   any case). No table of Wikidata items is at hand offline, so the
   scenario's ``owl:sameAs`` links are kept, not used to match;
3. to a new state, ``kgr:state-<code>``, labelled with pycountry's common
   name, else its name (see :func:`state_label`), its other names as
   ``skos:altLabel``, and sourced to the ISO 3166 table.

Any other code (CAMEO's regional and group codes, a typo) stays unmapped:
the import counts its events and reports them.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, Literal, URIRef

from kg.errors import KGError
from kg.rdf.namespaces import KG, KGR, PREFIXES
from kg.tabular import read_csv_text

#: Wikidata's property "ISO 3166-1 alpha-3 code".
ISO_ALPHA3 = URIRef(PREFIXES["wdt"] + "P298")
#: The source document of every state minted from the ISO 3166 table.
ISO_SOURCE = KGR["source-iso3166-1"]


@dataclass(frozen=True, order=True)
class Actor:
    """The actor an event code stands for.

    ``new`` actors are described by the import itself: their class
    (``kg:State`` or ``kg:Actor``), ``label``, and the ``source`` and
    ``quote`` of that description.
    """

    iri: str
    label: str
    new: bool = False
    state: bool = True
    source: str = ""
    quote: str = ""
    alt_labels: tuple[str, ...] = ()


def iso_states(codes: Iterable[str]) -> dict[str, Actor]:
    """The codes that are ISO 3166-1 alpha-3 codes, as new states.

    Examples
    --------
    >>> iso_states(["FRA", "EUR"])["FRA"].iri
    'https://w3id.org/kg-relations/id/state-fra'
    >>> "EUR" in iso_states(["EUR"])
    False
    """
    import pycountry

    found = {}
    for code in sorted(set(codes)):
        country = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
        if country is None:
            continue
        names = {field: getattr(country, field, None) for field in _NAME_FIELDS}
        label = state_label(**names)
        found[code] = Actor(str(KGR[f"state-{code.lower()}"]), label, new=True,
                            source=str(ISO_SOURCE),
                            quote="; ".join([f"alpha_3: {code}"] + [
                                f"{field}: {name}" for field, name in names.items() if name]),
                            alt_labels=tuple(sorted({n for n in names.values() if n} - {label})))
    return found


#: The names of a state in the ISO 3166 table of pycountry.
_NAME_FIELDS = ("name", "official_name", "common_name")


def state_label(name: str, official_name: str | None = None,
                common_name: str | None = None) -> str:
    """The label of a state of the ISO 3166 table: its common name, else,
    where its name is inverted around a comma (which would make a list of
    actors ambiguous), its official name without a leading "the", or the
    name turned the right way round; else its name.

    Examples
    --------
    >>> state_label("Iran, Islamic Republic of", "Islamic Republic of Iran", "Iran")
    'Iran'
    >>> state_label("Palestine, State of", "the State of Palestine")
    'State of Palestine'
    >>> state_label("France", "French Republic")
    'France'
    >>> state_label("Congo, The Democratic Republic of the")
    'Democratic Republic of the Congo'
    >>> state_label("Saint Helena, Ascension and Tristan da Cunha")
    'Saint Helena, Ascension and Tristan da Cunha'
    """
    if common_name:
        return common_name
    if "," in name and official_name and "," not in official_name:
        return official_name.removeprefix("the ")
    head, _, tail = name.partition(", ")
    if tail.endswith((" of", " of the")):  # "Congo, The Democratic Republic of the"
        return f"{tail.removeprefix('The ')} {head}"
    return name


def scenario_states(dataset, codes: Iterable[str], *,
                    ambiguous: dict[str, str] | None = None) -> dict[str, Actor]:
    """The codes that name a state of ``dataset`` (see the module text).

    A code that two states claim is an error: the scenario must say which
    (or, with ``ambiguous`` given, the error's text is kept there by code
    and the code left unmapped, for the caller to raise if it is used).
    """
    import pycountry

    if dataset is None:
        return {}
    states = set(dataset.subjects(RDF.type, KG.State))
    by_code: dict[str, set] = {}
    by_name: dict[str, set] = {}
    for state in states:
        for code in dataset.objects(state, ISO_ALPHA3):
            by_code.setdefault(str(code).upper(), set()).add(state)
        for prop in (RDFS.label, SKOS.altLabel):
            for name in dataset.objects(state, prop):
                by_name.setdefault(str(name).casefold(), set()).add(state)
    found = {}
    for code in sorted(set(codes)):
        matches = by_code.get(code, set())
        country = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
        if not matches and country is not None:
            names = {getattr(country, field, None) for field in _NAME_FIELDS}
            for name in sorted(n for n in names if n):
                matches |= by_name.get(name.casefold(), set())
        if len(matches) > 1:
            message = (f"actor code {code} matches {len(matches)} states of the scenario: "
                       f"{', '.join(sorted(map(str, matches)))}; map it with --actors")
            if ambiguous is None:
                raise KGError(message)
            ambiguous[code] = message
            continue
        if matches:
            state = next(iter(matches))
            found[code] = Actor(str(state), _label(dataset, state))
    return found


def read_actor_file(path: str | Path, dataset=None) -> dict[str, Actor]:
    """The rows ``code,actor`` of an actors file (a header row ``code,actor`` may
    come first). The actor is an IRI, a CURIE, the label of an actor of
    ``dataset``, an ISO 3166 state (its code or its name: mapped as its
    alpha-3 code would be) or, failing these, the label of a new actor.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "actors.csv"
    >>> _ = f.write_text("code,actor\\nEUR,kgr:avalon\\nAFR,Brigadoon League\\n")
    >>> found = read_actor_file(f)
    >>> found["EUR"].iri
    'https://w3id.org/kg-relations/id/avalon'
    >>> found["AFR"].iri.rsplit("/", 1)[-1], found["AFR"].label
    ('actor-brigadoon-league', 'Brigadoon League')
    >>> _ = f.write_text("UK,United Kingdom\\nFR,FRA\\n")
    >>> [actor.iri.rsplit("/", 1)[-1] for actor in read_actor_file(f).values()]
    ['state-gbr', 'state-fra']
    """
    file = str(path)
    text = read_csv_text(path)
    labels = _labels(dataset)
    found: dict[str, Actor] = {}
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or not "".join(row).strip():
            continue
        if number == 1 and [c.strip().lower() for c in row[:2]] == ["code", "actor"]:
            continue
        if len(row) != 2 or not row[0].strip() or not row[1].strip():
            raise KGError("a row is code,actor (an IRI, a CURIE or a label)", file=file,
                          line=number)
        code, name = row[0].strip().upper(), row[1].strip()
        if code in found:
            raise KGError(f"actor code {code} mapped twice", file=file, line=number)
        line = ",".join(row)
        iri = _iri(name)
        if iri is not None:
            known = dataset is not None and (URIRef(iri), None, None) in dataset
            label = _label(dataset, URIRef(iri)) if known else iri.rsplit("/", 1)[-1]
            found[code] = Actor(iri, label, new=not known, state=False, source=file, quote=line)
        elif name.casefold() in labels:
            actors = labels[name.casefold()]
            if len(actors) > 1:
                raise KGError(f"{name!r} is the label of {len(actors)} actors: give an IRI",
                              file=file, line=number)
            actor = next(iter(actors))
            found[code] = Actor(str(actor), _label(dataset, actor))
        elif (alpha_3 := _iso_alpha_3(name)) is not None:  # a state, as its code would map
            found[code] = (scenario_states(dataset, [alpha_3]) or iso_states([alpha_3]))[alpha_3]
        else:
            slug = "".join(c if c.isalnum() else "-" for c in name.casefold()).strip("-")
            slug = "-".join(part for part in slug.split("-") if part) or code.lower()
            found[code] = Actor(str(KGR[f"actor-{slug}"]), name, new=True, state=False,
                                source=file, quote=line)
    return found


def map_actors(codes: Iterable[str], *, dataset=None, actors_file=None) -> dict[str, Actor]:
    """Each code of ``codes`` that can be mapped, to its actor (first match wins:
    the actors file, the scenario's states, ISO 3166).

    Examples
    --------
    >>> mapped = map_actors(["FRA", "EUR"])
    >>> sorted(mapped), mapped["FRA"].label
    (['FRA'], 'France')
    """
    codes = sorted({c for c in codes if c})
    found = dict(read_actor_file(actors_file, dataset)) if actors_file else {}
    rest = [c for c in codes if c not in found]
    found.update(scenario_states(dataset, rest))
    rest = [c for c in rest if c not in found]
    found.update(iso_states(rest))
    return {code: found[code] for code in codes if code in found}


def mappable_actors(*, dataset=None, actors_file=None,
                    ambiguous: dict[str, str] | None = None) -> dict[str, Actor]:
    """Every code that can be mapped, to its actor: those of the actors file,
    the scenario's ISO codes (``wdt:P298``) and the ISO 3166 alpha-3 codes.

    For an import that maps codes as it reads them, before it knows which
    occur; each code maps as :func:`map_actors` maps it.

    Examples
    --------
    >>> actors = mappable_actors()
    >>> actors["FRA"].label, "EUR" in actors, len(actors) > 200
    ('France', False, True)
    """
    import pycountry

    codes = {country.alpha_3 for country in pycountry.countries}
    found = dict(read_actor_file(actors_file, dataset)) if actors_file else {}
    codes |= set(found)
    if dataset is not None:
        codes |= {str(code).upper() for code in dataset.objects(None, ISO_ALPHA3)}
    rest = sorted(c for c in codes if c not in found)
    found.update(scenario_states(dataset, rest, ambiguous=ambiguous))
    rest = [c for c in rest if c not in found and c not in (ambiguous or {})]
    found.update(iso_states(rest))
    return dict(sorted(found.items()))


def _iso_alpha_3(name: str) -> str | None:
    """The alpha-3 code of the ISO 3166 state that ``name`` is the alpha-3
    code or a name of (any case), else ``None``: not its alpha-2 or
    numeric code, which a short label such as "AU" would match by chance."""
    return _iso_names().get(name.strip().casefold())


@functools.cache
def _iso_names() -> dict[str, str]:
    import pycountry

    found: dict[str, str] = {}
    for country in pycountry.countries:
        for field in ("alpha_3", *_NAME_FIELDS):
            value = getattr(country, field, None)
            if value:
                found.setdefault(value.casefold(), country.alpha_3)
    return found


def _iri(name: str) -> str | None:
    if name.startswith(("http://", "https://", "urn:")):
        if any(c in name for c in ' <>"{}|\\^`'):
            raise KGError(f"not an IRI: {name!r}")
        return name
    prefix, colon, local = name.partition(":")
    if colon and prefix in PREFIXES and local and " " not in local:
        return PREFIXES[prefix] + local
    return None


def _labels(dataset) -> dict[str, set]:
    if dataset is None:
        return {}
    labels: dict[str, set] = {}
    for actor, label in dataset.subject_objects(RDFS.label):
        if isinstance(actor, URIRef) and isinstance(label, Literal):
            labels.setdefault(str(label).casefold(), set()).add(actor)
    return labels


def _label(dataset, node) -> str:
    if dataset is not None:
        labels = sorted(str(v) for v in dataset.objects(node, RDFS.label))
        if labels:
            return labels[0]
    return str(node).rsplit("/", 1)[-1].rsplit("#", 1)[-1]
