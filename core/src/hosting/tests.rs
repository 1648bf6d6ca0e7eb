use super::recipes::{Deployment, render};
use super::*;
use crate::config;

fn config(extra: &str) -> Config {
    let origins = if extra.contains("handoffOrigins") {
        ""
    } else {
        r#", "handoffOrigins": []"#
    };
    let text = format!(
        r#"{{ "clientId": "3b5e8f21-6a4c-4d7e-9b12-c0f4a7d9e856", "appDisplayName": "Contoso Backup",
             "permissionProfile": "full-backup" {origins} {extra} }}"#
    );
    config::parse(&text).unwrap_or_else(|e| panic!("a test configuration: {e:?}"))
}

fn directive<'a>(csp: &'a str, name: &str) -> &'a str {
    csp.split("; ")
        .find(|d| d.split(' ').next() == Some(name))
        .unwrap_or_else(|| panic!("no {name} in {csp}"))
}

#[test]
fn the_policy_allows_only_this_origin_and_the_configured_microsoft_hosts() {
    let csp = content_security_policy(&config(""));
    assert_eq!(directive(&csp, "default-src"), "default-src 'none'");
    assert_eq!(
        directive(&csp, "script-src"),
        "script-src 'self' 'wasm-unsafe-eval'"
    );
    assert_eq!(
        directive(&csp, "connect-src"),
        "connect-src 'self' blob: https://login.microsoftonline.com https://graph.microsoft.com"
    );
    assert_eq!(directive(&csp, "img-src"), "img-src 'self' data:");
    assert_eq!(directive(&csp, "frame-ancestors"), "frame-ancestors 'none'");
    for directive_text in [
        "style-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
    ] {
        assert!(csp.split("; ").any(|d| d == directive_text), "{csp}");
    }
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"),
        "{csp}"
    );
}

#[test]
fn a_national_cloud_and_the_dashboards_and_logo_shape_the_policy() {
    let csp = content_security_policy(&config(
        r#", "cloud": "usGovHigh",
           "handoffOrigins": ["https://dash.contoso.com", "https://portal.contoso.com:8443"],
           "logoUrl": "https://cdn.contoso.com/brand/logo.svg""#,
    ));
    assert_eq!(
        directive(&csp, "connect-src"),
        "connect-src 'self' blob: https://login.microsoftonline.us https://graph.microsoft.us"
    );
    assert_eq!(
        directive(&csp, "frame-ancestors"),
        "frame-ancestors https://dash.contoso.com https://portal.contoso.com:8443"
    );
    assert_eq!(
        directive(&csp, "img-src"),
        "img-src 'self' data: https://cdn.contoso.com https://dash.contoso.com https://portal.contoso.com:8443"
    );
}

#[test]
fn a_logo_beside_the_page_needs_no_other_origin() {
    let csp = content_security_policy(&config(r#", "logoUrl": "brand/logo.svg""#));
    assert_eq!(directive(&csp, "img-src"), "img-src 'self' data:");
}

#[test]
fn each_file_is_cached_as_its_name_allows() {
    for file in ["", "index.html", "redirect.html"] {
        assert_eq!(caching(file), Caching::NoStore, "{file:?}");
    }
    assert_eq!(caching("config.json"), Caching::Configuration);
    assert_eq!(
        Caching::Configuration.cache_control(),
        "private, max-age=0, stale-while-revalidate=3600"
    );
    for file in [
        "app-943bb111c79f6c34.css",
        "m365-registrar-e5ef37ad4277ef46.js",
        "m365-registrar-e5ef37ad4277ef46_bg.wasm",
        "app-loader-0123456789abcdef.js",
        "m365-registrar-742f94e6f20467a_bg.wasm",
        "words-de-0f5a949ede89ee66.json",
        crate::wizard::words::GERMAN_PAGE_WORDS_FILE,
    ] {
        assert_eq!(caching(file), Caching::Immutable, "{file}");
    }
    for file in [
        "registration-worker.js",
        "registration-worker_bg.wasm",
        "relay.html",
        "redirect.js",
        "app-943BB111C79F6C34.css",
        "-943bb111c79f6c34.css",
        "app-943bb111c79.css",
        "sub/index.html",
    ] {
        assert_eq!(caching(file), Caching::Revalidate, "{file}");
    }
}

#[test]
fn each_file_has_its_type_and_every_header() {
    let hosting = Hosting::new(&config(""));
    let headers = hosting.headers_for("m365-registrar-e5ef37ad4277ef46_bg.wasm");
    let names: Vec<&str> = headers.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        names,
        [
            "Content-Security-Policy",
            "Strict-Transport-Security",
            "X-Content-Type-Options",
            "Referrer-Policy",
            "Content-Type",
            "Cache-Control"
        ]
    );
    assert!(headers.contains(&("Content-Type", "application/wasm".into())));
    assert_eq!(content_type(""), Some("text/html; charset=utf-8"));
    assert_eq!(
        content_type("relay.js"),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(content_type("LICENSE"), None);
    assert!(!names.contains(&"Cross-Origin-Opener-Policy"));
}

fn deployment(path: &str) -> Deployment {
    Deployment {
        path: path.into(),
        // As `hosting` lists a build: config.json among its files.
        files: vec![
            "index.html".into(),
            "app-943bb111c79f6c34.css".into(),
            "config.json".into(),
            "registration-worker.js".into(),
        ],
        root: "/srv/www".into(),
    }
}

#[test]
fn every_recipe_carries_the_policy_and_each_kind_of_caching() {
    let hosting = Hosting::new(&config(
        r#", "handoffOrigins": ["https://dash.contoso.com"]"#,
    ));
    for (name, _) in recipes::RECIPES {
        let text = render(name, &hosting, &deployment("/registrar/"))
            .unwrap_or_else(|| panic!("no recipe {name}"));
        for needed in [
            hosting.csp(),
            "no-store",
            "no-cache",
            "private, max-age=0, stale-while-revalidate=3600",
            "public, max-age=31536000, immutable",
            "/registrar/",
        ] {
            assert!(text.contains(needed), "{name} lacks {needed}:\n{text}");
        }
        assert!(!text.contains("Cross-Origin-Opener-Policy"), "{name}");
    }
    let compression = [
        ("nginx", "gzip_static on;"),
        ("caddy", "precompressed br gzip"),
    ];
    for (name, needed) in compression {
        let text = render(name, &hosting, &deployment("/")).unwrap_or_default();
        assert!(text.contains(needed), "{name} lacks {needed}:\n{text}");
    }
    assert_eq!(render("apache", &hosting, &deployment("/")), None);
}

#[test]
fn the_headers_file_names_each_cache_control_once_per_file() {
    let hosting = Hosting::new(&config(""));
    let text = render("headers", &hosting, &deployment("/")).unwrap_or_default();
    assert!(
        text.contains(
            "/app-943bb111c79f6c34.css\n  Cache-Control: public, max-age=31536000, immutable\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("/index.html\n  Cache-Control: no-store\n"),
        "{text}"
    );
    assert!(text.contains("\n/\n  Cache-Control: no-store\n"), "{text}");
    assert!(
        text.contains("/registration-worker.js\n  Cache-Control: no-cache\n"),
        "{text}"
    );
    // The rule for every file carries no Cache-Control, which would be joined to each file's.
    let common = text.split("\n/").next().unwrap_or_default();
    assert!(!common.contains("Cache-Control"), "{common}");
}

#[test]
fn the_bucket_gets_index_html_last() {
    let text = render(
        "s3-cloudfront",
        &Hosting::new(&config("")),
        &deployment("/registrar/"),
    )
    .unwrap_or_default();
    let uploads: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("aws s3 cp"))
        .collect();
    assert_eq!(uploads.len(), 4, "{text}");
    assert!(
        uploads[3].contains("'s3://YOUR-BUCKET/registrar/index.html'"),
        "{text}"
    );
    assert!(
        uploads[0].contains("--content-type 'text/css; charset=utf-8'"),
        "{text}"
    );
}

#[test]
fn a_deployment_path_is_a_plain_folder() {
    assert_eq!(Deployment::normalise_path(""), Ok("/".into()));
    assert_eq!(Deployment::normalise_path("/"), Ok("/".into()));
    assert_eq!(
        Deployment::normalise_path("registrar"),
        Ok("/registrar/".into())
    );
    assert_eq!(Deployment::normalise_path("/a/b/"), Ok("/a/b/".into()));
    for bad in ["/../etc/", "/a b/", "/a//b/", "/a\"/", "/x;y/", "/./"] {
        let error = Deployment::normalise_path(bad).expect_err(bad);
        assert!(error.contains("/registrar/"), "{error}");
    }
}

fn served(headers: &[(&str, &str)]) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn a_file_served_as_computed_has_no_problem_whatever_the_case_of_names() {
    let hosting = Hosting::new(&config(""));
    let mut sent: Vec<(String, String)> = hosting
        .headers_for("index.html")
        .into_iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), v))
        .collect();
    sent.retain(|(n, _)| n != "content-type");
    sent.push(("content-type".into(), "text/html".into()));
    assert_eq!(
        check::problems(&hosting, "index.html", 200, &sent),
        Vec::<String>::new()
    );
}

/// The headers `hosting` computes for `file`, as a server that follows them sends them.
fn sent_as_computed(hosting: &Hosting, file: &str) -> Vec<(String, String)> {
    hosting
        .headers_for(file)
        .into_iter()
        .map(|(n, v)| (n.to_owned(), v))
        .collect()
}

#[test]
fn a_module_sent_uncompressed_is_a_problem_and_compressed_is_not() {
    let hosting = Hosting::new(&config(""));
    let module = "m365-registrar-742f94e6f20467a_bg.wasm";
    let headers = sent_as_computed(&hosting, module);
    let whole = check::problems(&hosting, module, 200, &headers);
    assert_eq!(whole.len(), 1, "{whole:#?}");
    assert!(
        whole[0].starts_with(&format!("{module}: sent uncompressed")),
        "{whole:?}"
    );
    for encoding in ["gzip", "br", "BR"] {
        let mut compressed = headers.clone();
        compressed.push(("content-encoding".into(), encoding.into()));
        assert_eq!(
            check::problems(&hosting, module, 200, &compressed),
            Vec::<String>::new(),
            "{encoding}"
        );
    }
    // A script is small next to the module: the host decides.
    let glue = "m365-registrar-742f94e6f20467a.js";
    assert_eq!(
        check::problems(&hosting, glue, 200, &sent_as_computed(&hosting, glue)),
        Vec::<String>::new()
    );
}

#[test]
fn the_configuration_may_be_kept_shorter_but_not_longer() {
    let hosting = Hosting::new(&config(""));
    let with_caching = |value: &str| {
        let mut headers = sent_as_computed(&hosting, "config.json");
        headers.retain(|(n, _)| n != "Cache-Control");
        headers.push(("Cache-Control".into(), value.into()));
        check::problems(&hosting, "config.json", 200, &headers)
    };
    for value in [
        "private, max-age=0, stale-while-revalidate=3600",
        "no-store",
        "no-cache",
    ] {
        assert_eq!(with_caching(value), Vec::<String>::new(), "{value}");
    }
    for value in [
        "max-age=600",
        "public, max-age=0, stale-while-revalidate=3600",
    ] {
        let problems = with_caching(value);
        assert_eq!(problems.len(), 1, "{value}: {problems:?}");
        assert!(
            problems[0].starts_with("config.json: Cache-Control is"),
            "{problems:?}"
        );
    }
}

#[test]
fn each_wrong_header_is_named_with_what_to_send() {
    let hosting = Hosting::new(&config(""));
    let sent = served(&[
        ("Content-Type", "application/octet-stream"),
        ("Cache-Control", "max-age=600"),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Strict-Transport-Security", "max-age=63072000"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]);
    let problems = check::problems(
        &hosting,
        "m365-registrar-742f94e6f20467a_bg.wasm",
        200,
        &sent,
    );
    assert_eq!(problems.len(), 5, "{problems:#?}");
    assert!(
        problems[0].contains("Content-Security-Policy is missing; send \"default-src 'none'"),
        "{problems:#?}"
    );
    assert!(
        problems[1]
            .contains("Content-Type is \"application/octet-stream\"; send \"application/wasm\""),
        "{problems:#?}"
    );
    assert!(
        problems[2].contains("Cache-Control is sent 2 times"),
        "{problems:#?}"
    );
    assert!(
        problems[3].contains("sent uncompressed") && problems[3].contains("gzip_static on;"),
        "{problems:#?}"
    );
    assert!(
        problems[4].contains("Cross-Origin-Opener-Policy is \"same-origin\"; send none"),
        "{problems:#?}"
    );
    let missing = check::problems(&hosting, "", 404, &[]);
    assert_eq!(
        missing,
        [
            "the folder itself: answered HTTP 404; upload it beside index.html (or fix the server's folder)"
        ]
    );
}

#[test]
fn a_host_may_be_told_to_let_more_origins_frame_the_app() {
    let strict = Hosting::new(&config(""));
    let wider = strict
        .clone()
        .also_framed_by(&["http://dash.localhost:8400".into()]);
    assert_eq!(
        directive(wider.csp(), "frame-ancestors"),
        "frame-ancestors http://dash.localhost:8400"
    );
    let both = Hosting::new(&config(
        r#", "handoffOrigins": ["https://dash.contoso.com"]"#,
    ))
    .also_framed_by(&["http://dash.localhost:8400".into()]);
    assert_eq!(
        directive(both.csp(), "frame-ancestors"),
        "frame-ancestors https://dash.contoso.com http://dash.localhost:8400"
    );
    assert_eq!(strict.clone().also_framed_by(&[]), strict);
}
