"""A Spanish translation in the one build: its language, its links to the English page and back,
its own review status, and the notice readers see once the English page changes."""

import json

from pancreas_kb.domain import frontmatter, translation
from tests.sitebuilder import APPROVED, page

ENGLISH_BODY = "Stage 4 cancer has spread to other organs.\n\n## Treatment {#treatment}\n\nTreatment can help."
SPANISH_BODY = (
    "El cáncer en etapa 4 se ha extendido a otros órganos, como el hígado.\n\n"
    "## Tratamiento {#tratamiento}\n\nEl tratamiento puede ayudar."
)


def english(body: str = ENGLISH_BODY) -> str:
    return page("What it means", status="approved", body=body, **APPROVED)


def digest_of(text: str) -> str:
    parsed, _ = frontmatter.read("x", text)
    return translation.source_digest(parsed)


def spanish(recorded: str) -> str:
    return page(
        "Qué significa", body=SPANISH_BODY, translation_of="patients/what-it-means.md", translated_from=recorded
    )


def pages(english_text: str, recorded: str) -> dict[str, str]:
    return {
        "index.md": page("Home", audience="all"),
        "patients/what-it-means.md": english_text,
        "patients/first-steps.md": page("First steps", body="Call your care team."),
        "es/patients/what-it-means.md": spanish(recorded),
    }


def test_a_translation_is_built_once_in_its_own_language_and_links_both_ways(build_site):
    result = build_site(pages(english(), digest_of(english())))
    assert result.returncode == 0, result.log
    es = result.html("es/patients/what-it-means/index.html")
    en = result.html("patients/what-it-means/index.html")
    assert '<html lang="es"' in es and '<html lang="en"' in en
    # Both language versions are named, for search engines, in the sitemap (not in the pages).
    sitemap = result.html("sitemap.xml")
    es_url = "https://stage4-pancreas.github.io/knowledge-base/es/patients/what-it-means/"
    en_url = "https://stage4-pancreas.github.io/knowledge-base/patients/what-it-means/"
    entry = sitemap[sitemap.index(f"<loc>{en_url}</loc>") :].split("</url>")[0]
    assert f'<xhtml:link rel="alternate" hreflang="es" href="{es_url}"/>' in entry
    assert f'<xhtml:link rel="alternate" hreflang="en" href="{en_url}"/>' in entry
    assert f'<xhtml:link rel="alternate" hreflang="x-default" href="{en_url}"/>' in entry
    assert "hreflang" in sitemap[sitemap.index(f"<loc>{es_url}</loc>") :].split("</url>")[0]
    assert 'rel="alternate" hreflang' not in es + en
    # The switcher leads to the same page in the other language.
    assert '<a href="../../../patients/what-it-means/" hreflang="en" lang="en">English</a>' in es
    assert '<a href="../../es/patients/what-it-means/" hreflang="es" lang="es">Español</a>' in en
    # A page without a translation has neither.
    assert "kb-languages" not in result.html("patients/first-steps/index.html")
    assert 'hreflang="es"' not in result.html("patients/first-steps/index.html")
    # No English page is copied under /es/.
    assert sorted(p.name for p in (result.site / "es").rglob("index.html")) == ["index.html"]
    assert not (result.site / "es" / "patients" / "first-steps").exists()
    assert not (result.site / "es" / "index.html").exists()


def test_a_translation_speaks_spanish_and_is_not_reviewed_because_its_english_page_is(build_site):
    result = build_site(pages(english(), digest_of(english())))
    assert result.returncode == 0, result.log
    es = result.html("es/patients/what-it-means/index.html")
    assert 'data-review-status="submitted"' in es and "Clinically reviewed" not in es
    assert "Ningún médico ha revisado esta página todavía" in es
    assert 'Evidencia revisada <time datetime="2026-05-01">1 de mayo de 2026</time>' in es
    assert "Esta página es solo educativa" in es  # strings.es.yml
    assert 'aria-label="Navegación"' in es  # Material's own strings, in Spanish
    assert '<meta property="og:locale" content="es">' in es
    assert '"inLanguage": "es"' in es
    # The English nav leaves the Spanish page out, and the Spanish nav the English pages.
    assert "es/patients/what-it-means/" not in result.html("patients/first-steps/index.html").split("kb-languages")[0]
    assert "first-steps" not in es
    # Spanish glossary terms, Spanish search words and stop words.
    assert "<abbr" in es and "hígado" in es
    assert json.loads(es.split('id="kb-data">')[1].split("</script>")[0])["synonyms"] == "synonyms.es.json"
    assert (result.site / "pagefind" / "synonyms.es.json").is_file()
    assert "Buscar en las páginas en inglés" in es


def test_search_keeps_one_index_per_language(build_site):
    result = build_site(pages(english(), digest_of(english())))
    assert result.returncode == 0, result.log
    entry = json.loads((result.site / "pagefind" / "pagefind-entry.json").read_text())
    assert {"en", "es"} <= set(entry["languages"])
    assert entry["languages"]["es"]["page_count"] == 1


def test_did_you_mean_offers_words_of_the_pages_own_language(build_site):
    result = build_site(pages(english(), digest_of(english())))
    assert result.returncode == 0, result.log
    es = result.html("es/patients/what-it-means/index.html")
    assert json.loads(es.split('id="kb-data">')[1].split("</script>")[0])["vocabulary"] == "vocabulary.es.json"
    spanish_words = json.loads((result.site / "pagefind" / "vocabulary.es.json").read_text(encoding="utf-8"))
    english_words = json.loads((result.site / "pagefind" / "vocabulary.json").read_text(encoding="utf-8"))
    assert "tratamiento" in spanish_words and "tratamiento" not in english_words
    assert "treatment" in english_words and "treatment" not in spanish_words


def test_a_change_to_the_english_page_shows_the_notice_on_the_translation(build_site):
    recorded = digest_of(english())
    current = build_site(pages(english(), recorded))
    assert current.returncode == 0, current.log
    assert "kb-translation-outdated" not in current.html("es/patients/what-it-means/index.html")

    changed = english(ENGLISH_BODY.replace("Treatment can help.", "Treatment can help you live longer."))
    result = build_site(pages(changed, recorded))
    assert result.returncode == 0, result.log
    es = result.html("es/patients/what-it-means/index.html")
    assert "La página en inglés cambió después de que se tradujo esta página" in es
    assert '<a href="../../../patients/what-it-means/" hreflang="en" lang="en">Lea la página en inglés</a>' in es
    assert "kb-translation-outdated" not in result.html("patients/what-it-means/index.html")


def test_a_review_date_changed_in_english_is_not_a_change_to_translate(build_site):
    recorded = digest_of(english())
    later = page("What it means", status="approved", body=ENGLISH_BODY, **{**APPROVED, "next_review": "2027-01-01"})
    result = build_site(pages(later, recorded))
    assert result.returncode == 0, result.log
    assert "kb-translation-outdated" not in result.html("es/patients/what-it-means/index.html")


def test_translation_front_matter_is_checked_by_the_build(build_site):
    result = build_site(
        {
            "index.md": page("Home", audience="all"),
            "patients/what-it-means.md": english(),
            "es/patients/what-it-means.md": page("Qué significa", body=SPANISH_BODY),
            "es/patients/other.md": page(
                "Otra", body=SPANISH_BODY, translation_of="patients/what-it-means.md", translated_from="sha256:abc"
            ),
        }
    )
    assert result.returncode != 0
    assert "docs/es/patients/what-it-means.md:1: front-matter-translation: translation_of: missing" in result.log
    assert "docs/es/patients/other.md:7: front-matter-type: translated_from: not a digest" in result.log


def test_a_spanish_icon_array_is_described_in_spanish(build_site):
    recorded = digest_of(english())
    sources = pages(english(), recorded)
    figure = '\n\n<figure class="kb-icon-array" markdown>\nCerca de 3 de cada 100 personas.\n</figure>\n'
    sources["es/patients/what-it-means.md"] = page(
        "Qué significa",
        body=SPANISH_BODY + figure,
        translation_of="patients/what-it-means.md",
        translated_from=recorded,
    )
    result = build_site(sources)
    assert result.returncode == 0, result.log
    es = result.html("es/patients/what-it-means/index.html")
    assert 'aria-label="Una cuadrícula de 100 personas: 3 dibujadas en color, 97 dibujadas solo con el contorno."' in es
