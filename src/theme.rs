//! The built-in theme: this repository's `templates/` and `static/`,
//! embedded in the binary.
//!
//! A chronology with no templates or assets of its own builds with these; a
//! site's own file of the same name replaces the built-in one. There is one
//! copy of each file: the one in this repository.

/// Built-in templates, by name.
pub const TEMPLATES: [(&str, &str); 15] = [
    ("macros.html", include_str!("../templates/macros.html")),
    ("meta.html", include_str!("../templates/meta.html")),
    ("base.html", include_str!("../templates/base.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("event.html", include_str!("../templates/event.html")),
    ("tag.html", include_str!("../templates/tag.html")),
    ("tags.html", include_str!("../templates/tags.html")),
    ("actor.html", include_str!("../templates/actor.html")),
    ("actors.html", include_str!("../templates/actors.html")),
    ("pair.html", include_str!("../templates/pair.html")),
    ("line.html", include_str!("../templates/line.html")),
    ("page.html", include_str!("../templates/page.html")),
    ("era.html", include_str!("../templates/era.html")),
    ("sources.html", include_str!("../templates/sources.html")),
    ("404.html", include_str!("../templates/404.html")),
];

/// Built-in assets, by path in the output.
pub const ASSETS: [(&str, &[u8]); 4] = [
    ("style.css", include_bytes!("../static/style.css")),
    ("favicon.svg", include_bytes!("../static/favicon.svg")),
    ("annals.js", include_bytes!("../static/annals.js")),
    ("search.js", include_bytes!("../static/search.js")),
];
