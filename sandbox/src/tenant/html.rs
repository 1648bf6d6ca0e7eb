//! HTML escaping: seeded names are hostile on purpose.

pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\
<meta name=\"viewport\" content=\"width=device-width\"><style>body{{font-family:sans-serif;max-width:46em;margin:2em auto;padding:0 1em}}\
button{{display:block;margin:.4em 0;padding:.5em 1em;text-align:left;max-width:100%;overflow-wrap:anywhere}}\
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.2em .4em;overflow-wrap:anywhere}}</style></head><body>{}</body></html>",
        esc(title),
        body
    )
}
