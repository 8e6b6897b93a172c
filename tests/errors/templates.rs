//! Template mistakes, as `annals build` reports them: the template's file,
//! line and column, the page being rendered and what failed.

use std::path::Path;

use super::common::break_build;
use super::one;

#[test]
fn template_syntax_errors_point_at_the_file_line_and_column() {
    assert_eq!(
        break_build(&[("templates/event.html", "<p>\n{{ event.title }\n</p>")]),
        one("templates/event.html:2:16: expected `}}` to end the `{{ … }}` here")
    );
    assert_eq!(
        break_build(&[(
            "templates/event.html",
            "{% extends \"base.html\" %}\n{% block main %}\n  {% for tag in event.tags %}\n    {{ tag.name }}\n{% endblock main %}\n"
        )]),
        one(
            "templates/event.html:3:3: `{% for %}` opened on line 3 is never closed: add `{% endfor %}`"
        )
    );
    assert_eq!(
        break_build(&[("templates/event.html", "{% extends \"layout.html\" %}\n")]),
        one(
            "templates/event.html:1:13: extends \"layout.html\", which is neither in templates/ nor built in"
        )
    );
}

#[test]
fn template_render_errors_name_the_file_the_page_and_what_failed() {
    assert_eq!(
        break_build(&[(
            "templates/event.html",
            "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ event.titel }}</h1>\n{% endblock main %}\n"
        )]),
        one(
            "templates/event.html:3:8: while rendering events/good.html: no variable `event.titel` here: check its spelling, or test it first with `{% if event.titel %}` if some pages lack it"
        )
    );
    assert_eq!(
        break_build(&[(
            "templates/base.html",
            "<!doctype html>\n<title>{{ site.title | shout }}</title>\n{% block main %}{% endblock main %}\n"
        )]),
        one("templates/base.html:2:24: while rendering index.html: there is no filter `shout`")
    );
    assert_eq!(
        break_build(&[(
            "templates/event.html",
            "{{ event.title | truncate(length=\"a\") }}"
        )]),
        one(
            "templates/event.html:1:18: while rendering events/good.html: filter `truncate` failed: Filter `truncate` received an incorrect type for arg `length`: got `\"a\"` but expected a usize"
        )
    );
}

#[test]
fn render_errors_in_built_in_templates_name_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let macros = std::fs::read_to_string(root.join("templates/macros.html")).unwrap();
    let start = macros.find("{% macro axis(").unwrap();
    let end = macros.find("{% endmacro axis %}").unwrap() + "{% endmacro axis %}".len();
    let without_axis = format!("{}{}", &macros[..start], &macros[end..]);
    let index = std::fs::read_to_string(root.join("templates/index.html")).unwrap();
    let (line, text) = (1..)
        .zip(index.lines())
        .find(|(_, text)| text.contains("m::axis"))
        .unwrap();
    let column = text.find("m::axis").unwrap() + 1;
    assert_eq!(
        break_build(&[("templates/macros.html", &without_axis)]),
        one(&format!(
            "built-in index.html:{line}:{column}: while rendering index.html: no macro `axis` in the file imported as `m`"
        ))
    );
}
