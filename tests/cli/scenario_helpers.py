"""A teacher's small scenario, for the CLI tests that read a scenario of one's own."""

from __future__ import annotations

# Enough for queries (not a complete pressure for `kg validate`): France under
# an Avalon tariff; a label with an accent; an alternative label with an
# article; two labels that share a word; a quote longer than any terminal.
MY_SCENARIO = """
@prefix kg:      <https://w3id.org/kg-relations/ontology#> .
@prefix kgc:     <https://w3id.org/kg-relations/concept/> .
@prefix kgr:     <https://w3id.org/kg-relations/id/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

kgr:graph-my-scenario {
  kgr:source-lesson a kg:SourceDocument ; dcterms:title "A lesson plan" .
  kgr:avalon a kg:State ; rdfs:label "Avalon"@en ;
      prov:wasDerivedFrom kgr:source-lesson ; kg:quote "Avalon" .
  kgr:france a kg:State ; rdfs:label "France"@en ; skos:altLabel "the French Republic"@en ;
      prov:wasDerivedFrom kgr:source-lesson ; kg:quote "France" .
  kgr:elysee a kg:GovernmentAdministration ; rdfs:label "Élysée Palace"@en ;
      prov:wasDerivedFrom kgr:source-lesson ; kg:quote "the Élysée" .
  kgr:north-borduria a kg:State ; rdfs:label "North Borduria"@en ;
      prov:wasDerivedFrom kgr:source-lesson ; kg:quote "North Borduria" .
  kgr:south-borduria a kg:State ; rdfs:label "South Borduria"@en ;
      prov:wasDerivedFrom kgr:source-lesson ; kg:quote "South Borduria" .
  kgr:pressure-avalon-tariffs-on-france a kg:Pressure ;
      kg:fromActor kgr:avalon ; kg:toActor kgr:france ; kg:instrument kgc:tariff ;
      prov:wasDerivedFrom kgr:source-lesson ;
      kg:quote "QUOTE" .
}
"""
LONG_QUOTE = ("Avalon raised its tariffs on French wine to punish Paris for its vote, a measure "
              "the minister called long overdue and the opposition called reckless")
MY_SCENARIO = MY_SCENARIO.replace("QUOTE", LONG_QUOTE)
SHIPPED = "reading the shipped scenario summit-2025 (give PATHS to read your own)\n"


def write_scenario(folder) -> str:
    """``folder/my-scenario/`` holding :data:`MY_SCENARIO`, as a path with a slash."""
    scenario = folder / "my-scenario"
    scenario.mkdir()
    (scenario / "lesson.trig").write_text(MY_SCENARIO, encoding="utf-8")
    return f"{scenario}/"
