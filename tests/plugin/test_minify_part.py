"""Our style sheets and scripts are served minified; every other file is served as it is."""

from types import SimpleNamespace

from pancreas_kb.plugin import minify


def test_the_served_css_and_js_lose_comments_and_spacing_and_nothing_else_changes(tmp_path):
    custom, site = tmp_path / "overrides", tmp_path / "site"
    sources = {
        "assets/css/site.css": '/* for editors */\nbody {\n  content: "é";\n}\n',
        "assets/js/app.js": "// for editors\nvar a = 1;\nfunction f ( ) { return a ; }\n",
        "assets/images/logo.svg": "<svg>  <!-- kept -->  </svg>\n",
        "assets/css/unpublished.css": "a { }\n",
    }
    for name, text in sources.items():
        (custom / name).parent.mkdir(parents=True, exist_ok=True)
        (custom / name).write_text(text, encoding="utf-8")
        if name != "assets/css/unpublished.css":
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(text, encoding="utf-8")
    (site / "assets" / "css" / "theme.css").write_text("/* the theme's */ a { }", encoding="utf-8")
    minify.on_post_build(SimpleNamespace(theme=SimpleNamespace(custom_dir=str(custom)), site_dir=str(site)))
    served = {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("*") if p.is_file()}
    assert served == {
        "assets/css/site.css": 'body{content:"é"}',
        "assets/js/app.js": "var a=1;function f(){return a;}",
        "assets/images/logo.svg": "<svg>  <!-- kept -->  </svg>\n",
        "assets/css/theme.css": "/* the theme's */ a { }",
    }
