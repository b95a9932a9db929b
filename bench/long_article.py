#!/usr/bin/env python3
"""Writes a site whose `seeds/` holds ONE long article of about SIZE megabytes.

    bench/long_article.py 5.8 /tmp/long-5.8            # then: briefing build --root /tmp/long-5.8
    bench/long_article.py 2.9 /tmp/run-on --run-on     # the same words without a full stop

The text is what a pasted hearing transcript or report looks like to the extractor at its
worst: every line a capitalised news sentence of about 14 words, full of names (people,
places, organisations drawn from thousands of combinations), dates and reporting verbs, so
the one article yields tens of thousands of actors and events. Seeded: the same SIZE gives
the same bytes. With --run-on the lines end in "and" instead of a full stop: the whole
article is one sentence, the odd case in which everything listed per sentence is huge.
"""

import pathlib
import random
import sys

FIRST = """Nicolas Juan Maria Elena Carlos Ana Luis Sofia Pedro Lucia Diego Carmen Jorge Isabel
Miguel Rosa Pablo Teresa Andres Laura Felipe Marta Ricardo Paula Hugo Clara Ivan Julia Oscar
Irene Tomas Alicia Mateo Daniela Rafael Beatriz Simon Lorena Emilio Gloria Victor Natalia
Ramon Silvia Marco Elisa Bruno Carla Dario Nadia Samuel Olga Esteban Ines Gustavo Adriana
Leon Mariana Fabio Veronica""".split()
LAST = """Maduro Guaido Lopez Rodriguez Cabello Padrino Ramos Borges Capriles Machado Arreaza
Saab Rosales Ledezma Guevara Marquez Chavez Torres Herrera Medina Castillo Vargas Rojas Silva
Mendoza Ortega Navarro Paredes Fuentes Salazar Cordero Molina Aguilar Delgado Romero Campos
Pineda Estrada Bravo Cardenas Soto Quintero Montilla Suarez Villegas Pacheco Lozano Arias
Benitez Carrillo Duarte Escobar Franco Gallardo Ibarra Leal Miranda Nunez Olivares Peralta
Quiroga Rivas Sandoval Trujillo Urdaneta Valero Zambrano Acosta Blanco Cedeno""".split()
PLACES = """Caracas Maracaibo Valencia Barquisimeto Maracay Ciudad Bolivar Cumana Merida
Barinas Maturin Bogota Lima Quito Havana Brasilia Santiago Panama Madrid Washington Moscow
Beijing Geneva Brussels Lisbon Oslo Ottawa Mexico Buenos Aires Montevideo Asuncion""".split()
ORG_HEAD = """National Central Supreme Electoral Federal Regional Popular United Democratic
Bolivarian Andean Pacific Atlantic Southern Northern""".split()
ORG_TAIL = """Assembly Council Court Commission Bank Party Front Alliance Union Guard Ministry
Authority Agency Institute Tribunal""".split()
VERBS = """said announced voted rejected denied confirmed warned promised demanded accused
praised criticised welcomed condemned""".split()
DAYS = """Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
MONTHS = """January February March April May June July August September October November
December""".split()
FILLER = """the talks on oil output were suspended after the vote in the capital and officials
expected new measures before the end of the month while the opposition called for an early
election""".split()


def person(rng):
    if rng.random() < 0.4:
        return rng.choice(LAST)
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def organisation(rng):
    return f"the {rng.choice(ORG_HEAD)} {rng.choice(ORG_HEAD)} {rng.choice(ORG_TAIL)}"


def when(rng):
    if rng.random() < 0.5:
        return f"on {rng.choice(DAYS)}"
    return f"on {rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2015, 2019)}"


def line(rng):
    words = [person(rng), person(rng), rng.choice(PLACES), rng.choice(VERBS), when(rng),
             organisation(rng)]
    words += rng.sample(FILLER, 4)
    return " ".join(words) + "."


def main():
    args = [a for a in sys.argv[1:] if a != "--run-on"]
    run_on = len(args) < len(sys.argv) - 1
    if len(args) != 2:
        sys.exit(__doc__)
    size, root = float(args[0]), pathlib.Path(args[1])
    rng = random.Random(f"long-article-{size}")
    lines, total = [], 0
    while total < size * 1_000_000:
        text = line(rng)
        if run_on:
            text = text[:-1] + " and"
        lines.append(text[0].upper() + text[1:])
        total += len(text) + 1
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    front = '+++\ntitle = "A very long transcript"\ndate = 2019-05-02\n+++\n\n'
    (root / "seeds" / "long-transcript.md").write_text(front + "\n".join(lines) + "\n",
                                                       encoding="utf-8")


if __name__ == "__main__":
    main()
