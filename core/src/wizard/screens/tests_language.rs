//! Every screen, built in English and in German from the same sample data: the German one says
//! none of the English words. The engine's and the maintenance's sentences come from real values
//! of every kind (`tests_engine`, `tests_maintenance`).

use serde_json::json;

use super::tests::{config, reads_back, summary};
use super::*;
use super::{tests_engine, tests_maintenance, tests_sign_in};
use crate::catalog::roles::known_roles;
use crate::config::{CLOUD_NAMES, Cloud};
use crate::maintenance::{
    AppCheck, Candidate, CheckedApp, Credential, Disconnected, Expiry, Finding, Maker, Retired,
    Rotated,
};
use crate::portal::admin_portal;
use crate::preview::{Count, Counted, Refusal, TenantPreview, Unknown};
use crate::registration::messages::{Ability, CertificateFiles, CertificateReport, OutcomeReport};
use crate::wizard::words::{DE, EN, Piece, fill, pieces};
use crate::wizard::{Fault, Language, Node, Screen, Step, Tag, Wizard, Words};

/// Fields German may share with English (`words::tests::SAME_IN_GERMAN`).
const SAME_IN_GERMAN: [&str; 3] = ["common.app", "permissions.onedrive", "portal.name"];

fn credential(name: &str) -> Credential {
    Credential {
        key_id: "9f0c0000-0000-4000-8000-000000000009".into(),
        display_name: name.into(),
        ends: "2026-01-01T00:00:00Z".into(),
        expiry: Expiry::Expired,
    }
}

fn app(maker: Maker) -> CheckedApp {
    CheckedApp {
        object_id: "o".into(),
        app_id: "22222222-3333-4444-8555-666666666666".into(),
        display_name: "Contoso {app} Backup".into(),
        unique_name: None,
        maker,
        principal_id: None,
        secrets: vec![credential("old secret")],
        certificates: vec![],
    }
}

fn check(app: Option<CheckedApp>, findings: Vec<Finding>) -> AppCheck {
    AppCheck {
        tenant_id: "t".into(),
        app_id: "22222222-3333-4444-8555-666666666666".into(),
        app,
        findings,
        round_trips: 2,
    }
}

fn outcome(verified: bool, discrepancies: Vec<String>) -> OutcomeReport {
    OutcomeReport {
        tenant_id: "t".into(),
        client_id: "c".into(),
        secret: "s3cret".into(),
        secret_expires: "2027-05-30".into(),
        certificate: Some(CertificateReport {
            key_id: "k".into(),
            display_name: "cert".into(),
            thumbprint_sha1: "AB".into(),
            thumbprint_sha256: "CD".into(),
            expires: "2027-05-30".into(),
            added: false,
            reasons: vec![],
        }),
        granted: vec!["Mail.ReadWrite".into()],
        roles: vec![],
        verified,
        discrepancies,
    }
}

fn in_screen(node: Node) -> Screen {
    Screen::new("part", "").with(node)
}

/// Every screen the wizard builds, with sample data that reaches each branch.
fn every_screen(words: &'static Words) -> Vec<(&'static str, Screen)> {
    let full = config(
        "Contoso Backup",
        json!({"handoffOrigins": [], "permissionProfile": "full-backup"}),
    );
    let plain = config("Contoso Backup", json!({}));
    let choosy = config("Contoso Backup", json!({"allowedProfiles": ["read-only"]}));
    let stuck = summary(Ability::CanCreateButNotGrant);
    let able = summary(Ability::CanGrantAll);
    let unreadable = summary(Ability::RolesUnreadable);
    let permissions = full.requested_permissions();
    let files = CertificateFiles {
        pfx_url: "blob:https://app.example/1".into(),
        pfx_password: "pw".into(),
        private_key_pem_url: "blob:https://app.example/2".into(),
        certificate_pem_url: "blob:https://app.example/3".into(),
    };
    let candidates = vec![Candidate {
        object_id: "o".into(),
        app_id: "22222222-3333-4444-8555-666666666666".into(),
        display_name: "Contoso Backup".into(),
        maker: Maker::SameNameByHand,
    }];
    let broken = check(
        Some(app(Maker::ThisProduct)),
        vec![Finding::NoServicePrincipal, Finding::NoCredential],
    );
    let clean = check(Some(app(Maker::AdoptedByThisProduct)), vec![]);
    let missing = check(None, vec![]);
    let portal = admin_portal(Cloud::Global);
    let gone = Disconnected {
        tenant_id: "t".into(),
        app_object_id: "o".into(),
        app_id: "a".into(),
        app_name: "Contoso Backup".into(),
        principal_id: None,
        round_trips: 3,
    };
    let rotated = Rotated {
        tenant_id: "t".into(),
        app_object_id: "o".into(),
        app_id: "a".into(),
        app_name: "Contoso Backup".into(),
        new_secret: None,
        new_certificate: None,
        retire_secrets: vec![],
        retire_certificates: vec![],
    };
    let retired_some = Retired {
        rotated: rotated.clone(),
        removed_secrets: vec![credential("old secret")],
        removed_certificates: vec![credential("old certificate")],
        round_trips: 2,
    };
    let retired_none = Retired {
        rotated,
        removed_secrets: vec![],
        removed_certificates: vec![],
        round_trips: 2,
    };
    let preview = TenantPreview {
        users: Count::Known(10),
        groups: Count::Unknown(Unknown::NoAnswer),
        mailboxes: Count::Known(9),
        sites: Count::Known(2),
    };
    let record = RecordFile {
        url: "blob:https://app.example/r".into(),
        text: "2026-11-30 connect: added the app".into(),
    };
    // Every role this product knows, under "Your roles".
    let mut all_roles = summary(Ability::CanGrantAll);
    all_roles.roles = known_roles()
        .map(|role| role.display_name.to_owned())
        .to_vec();
    let b = &words.busy;
    let engine = &words.engine;
    let sample_progress = || tests_engine::progress(engine);
    let mut screens = vec![
        ("welcome full", welcome_in(&full, words.page())),
        ("welcome plain", welcome_in(&plain, words.page())),
        ("waiting", waiting(words.page(), true, None)),
        (
            "waiting, window blocked",
            waiting(
                words.page(),
                false,
                Some("https://login.microsoftonline.com/"),
            ),
        ),
        ("checking", checking(words.page(), None)),
        (
            "sign-in failed",
            Screen::new("welcome", "x").with(sign_in_failed(words.page(), "", true)),
        ),
        ("who stuck", who(words, &stuck)),
        ("who able", who(words, &able)),
        ("who unreadable", who(words, &unreadable)),
        ("who every role", who(words, &all_roles)),
        ("reading", reading(words, &able)),
        (
            "plan",
            plan(
                words,
                &able,
                &tests_engine::plan(&full).describe_in(words),
                &permissions,
                &ProfileChoice::of(&choosy, &choosy, false),
            ),
        ),
        (
            "plan repair",
            plan(
                words,
                &able,
                &tests_engine::other_plan(&full).describe_in(words),
                &permissions,
                &ProfileChoice::default(),
            ),
        ),
        ("progress", progress(words, &able, &sample_progress(), 5)),
        (
            "result verified",
            result(
                words,
                &able,
                &sample_progress(),
                5,
                &outcome(true, vec![]),
                Some(&files),
            ),
        ),
        (
            "result differences",
            result(
                words,
                &able,
                &sample_progress(),
                5,
                &outcome(false, tests_engine::discrepancies(words)),
                None,
            ),
        ),
        (
            "check form",
            check_form(words, &able, Some(&candidates), Some("p")),
        ),
        ("check form none", check_form(words, &able, Some(&[]), None)),
        (
            "check broken",
            check_result(words, &able, &broken, portal.as_ref()),
        ),
        ("check clean", check_result(words, &able, &clean, None)),
        ("check missing", check_result(words, &able, &missing, None)),
        ("maintain", apps_made_here(words, &able, &candidates_ours())),
        ("maintain none", apps_made_here(words, &able, &[])),
        (
            "disconnect",
            confirm_disconnect(words, &able, &app(Maker::ThisProduct), Some("p")),
        ),
        (
            "rotate",
            confirm_rotation(words, &able, &app(Maker::Other), None),
        ),
        (
            "disconnected",
            disconnected(words, &able, &gone, Some(&record)),
        ),
        (
            "retired",
            retired(words, &able, &retired_some, Some(&record)),
        ),
        ("retired none", retired(words, &able, &retired_none, None)),
        ("retire prompt", in_screen(retire_prompt(words, false))),
        ("retire waiting", in_screen(retire_prompt(words, true))),
        ("manual", manual(words, &full)),
        (
            "busy",
            busy(words, &able, b.reading_app_title, b.reading_app),
        ),
        ("preview", in_screen(tenant_preview(words, &preview))),
    ];
    let before_writing = [
        (
            fill(engine.start_unusable, &[("problem", "p")]),
            engine.nothing_written,
        ),
        (
            fill(engine.browser_certificate, &[("problem", "p")]),
            engine.nothing_written,
        ),
    ];
    for (message, in_tenant) in before_writing {
        let report = sample_progress();
        let screen = stopped(words, &able, &report, 5, &message, in_tenant);
        screens.push(("stopped before writing", screen));
    }
    for (stop, held) in tests_engine::stops() {
        let (message, in_tenant) = (stop.says(engine), held.says(engine));
        let report = sample_progress();
        let screen = stopped(words, &able, &report, 5, &message, &in_tenant);
        screens.push(("stopped", screen));
    }
    let every_finding = check(Some(app(Maker::Other)), tests_maintenance::findings());
    screens.push((
        "check findings",
        check_result(words, &able, &every_finding, None),
    ));
    let not_found = crate::maintenance::Finding::AppNotFound {
        app_id: "a".into(),
        tenant_id: "t".into(),
    };
    screens.push((
        "check not found",
        check_result(words, &able, &check(None, vec![not_found]), None),
    ));
    let page = words.page();
    let sign_in = page.sign_in;
    let failures = tests_sign_in::errors()
        .into_iter()
        .map(|error| error.says(words));
    let page_failures = [
        sign_in.popup_blocked,
        sign_in.unsupported,
        sign_in.window_closed,
        sign_in.dashboard_cancelled,
        sign_in.no_randomness,
        sign_in.no_address,
        sign_in.cannot_start,
    ]
    .map(str::to_owned);
    for message in failures.chain(page_failures) {
        let failed = sign_in_failed(page, &message, true);
        screens.push(("sign-in failure", Screen::new("welcome", "x").with(failed)));
    }
    for error in tests_maintenance::errors() {
        let problem = error.says(words);
        screens.push((
            "maintenance error",
            check_form(words, &able, None, Some(&problem)),
        ));
    }
    for (title, says) in [
        (b.finding_title, b.finding),
        (b.disconnecting_title, b.disconnecting),
        (b.retiring_title, b.retiring),
    ] {
        screens.push(("busy others", busy(words, &able, title, says)));
    }
    for cloud in CLOUD_NAMES {
        let config = config("Contoso Backup", json!({ "cloud": cloud }));
        screens.push(("welcome in a cloud", welcome_in(&config, words.page())));
    }
    for why in unknown_counts() {
        let preview = TenantPreview {
            users: Count::Unknown(why),
            ..preview.clone()
        };
        screens.push((
            "preview unknown",
            in_screen(tenant_preview(words, &preview)),
        ));
    }
    for fault in faults() {
        let said = Node::element(Tag::P).say(fault.says(&words.faults));
        screens.push(("fault", in_screen(said)));
    }
    if let Some(links) = portal
        .as_ref()
        .and_then(|portal| admin_links(words, portal, "22222222-3333-4444-8555-666666666666"))
    {
        screens.push(("admin links", in_screen(links)));
    }
    for step in [
        Step::Welcome,
        Step::SigningIn,
        Step::Checking,
        Step::Working,
    ] {
        let wizard = Wizard {
            step,
            ..Wizard::default()
        };
        screens.push((
            "tab title",
            Screen::new("tab", wizard.title_in(&words.steps)),
        ));
    }
    screens
}

/// Every reason a count can be unknown, with every kind of refusal.
fn unknown_counts() -> Vec<Unknown> {
    let refused = [
        Refusal::MissingPermission,
        Refusal::SignInExpired,
        Refusal::Throttled,
        Refusal::Other,
    ]
    .map(|refusal| Unknown::Refused {
        counted: Counted::Mailboxes,
        refusal,
        reference: "HTTP 403".into(),
    });
    let mut every = vec![
        Unknown::Unreachable {
            counted: Counted::Sites,
            detail: "NetworkError".into(),
        },
        Unknown::NotANumber(Counted::Groups),
        Unknown::SitesUnreadable,
        Unknown::SitesElsewhere { so_far: 40 },
        Unknown::NoAnswer,
        Unknown::BatchIncomplete,
        Unknown::TooManySites { so_far: 2000 },
    ];
    every.extend(refused);
    every
}

/// Every fault of the page the worker reports.
fn faults() -> Vec<Fault> {
    vec![
        Fault::UnreadableCommand,
        Fault::NoConfiguration,
        Fault::LostConfiguration,
        Fault::UnknownButton,
        Fault::SignInFirst,
        Fault::CheckBeforeDisconnect,
        Fault::NoPlan,
        Fault::SettingsFile {
            reason: "OperationError".into(),
        },
        Fault::CertificateFiles,
    ]
}

fn candidates_ours() -> Vec<Candidate> {
    vec![Candidate {
        object_id: "o".into(),
        app_id: "22222222-3333-4444-8555-666666666666".into(),
        display_name: "Contoso Backup".into(),
        maker: Maker::ThisProduct,
    }]
}

/// What a reader hears: the texts and the `aria-label`s.
fn said(screen: &Screen) -> String {
    fn collect(node: &Node, out: &mut String) {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Element { children, .. } => {
                if let Some(label) = node.attribute("aria-label") {
                    out.push('\n');
                    out.push_str(label);
                    out.push('\n');
                }
                children.iter().for_each(|child| collect(child, out));
            }
        }
    }
    let mut out = screen.title.clone();
    for node in &screen.body {
        out.push('\n');
        collect(node, &mut out);
    }
    out
}

/// English's sentences and phrases longer than 12 characters, template slots cut out.
fn english_phrases() -> Vec<(String, &'static str)> {
    EN.entries()
        .into_iter()
        .filter(|(field, _)| !SAME_IN_GERMAN.contains(&field.as_str()))
        .flat_map(|(field, words)| {
            pieces(words)
                .into_iter()
                .filter_map(|piece| match piece {
                    Piece::Text(text) if text.trim().chars().count() > 12 => Some(text.trim()),
                    _ => None,
                })
                .map(move |text| (field.clone(), text))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn german_screens_say_no_english_sentence() {
    let phrases = english_phrases();
    let english = every_screen(&EN);
    let german = every_screen(Language::German.words());
    assert_eq!(english.len(), german.len());
    for ((name, en), (_, de)) in english.iter().zip(&german) {
        reads_back(de);
        let (en_said, de_said) = (said(en), said(de));
        // The check can see English: each English screen says some of it (a tab's title,
        // shorter than the phrases, is compared whole).
        assert!(
            phrases.iter().any(|(_, phrase)| en_said.contains(phrase))
                || (en.body.is_empty() && en.title != de.title),
            "{name}: no English phrase found in the English screen"
        );
        for (field, phrase) in &phrases {
            assert!(
                !de_said.contains(phrase),
                "{name}: the German screen says {field}: “{phrase}”\n{de_said}"
            );
        }
        for english in [" the ", " your ", " you ", " is ", " to ", " and "] {
            assert!(
                !de_said.contains(english),
                "{name}: “{english}” in\n{de_said}"
            );
        }
        // Same structure: what the page acts on does not depend on the language.
        assert_eq!(en.step, de.step, "{name}");
    }
}

#[test]
fn german_screens_use_microsofts_german_names() {
    let german = every_screen(&DE);
    let all: String = german.iter().map(|(_, screen)| said(screen)).collect();
    for term in [
        "Microsoft Entra Admin Center",
        "Unternehmensanwendungen",
        "Administratorzustimmung",
        "Geheimer Clientschlüssel",
        "Zertifikate & Geheimnisse",
        "API-Berechtigungen",
        "Globalen Administrator",
        "Globaler Administrator",
        "Administrator für privilegierte Rollen",
        "Anwendungsadministrator",
        "Cloudanwendungsadministrator",
        "Exchange-Administrator",
        "Im Namen Ihrer Organisation zustimmen",
    ] {
        assert!(all.contains(term), "{term} missing");
    }
}

#[test]
fn the_welcome_names_the_cloud_in_the_admins_language() {
    for name in CLOUD_NAMES {
        let config = config("Contoso Backup", json!({ "cloud": name }));
        let cloud = Cloud::from_name(name).unwrap_or(Cloud::Custom);
        let (en, de) = (cloud.says(&EN.welcome), cloud.says(&DE.welcome));
        let (Some(en), Some(de)) = (en, de) else {
            panic!("{name} has no name");
        };
        let said = welcome_in(&config, DE.page()).words();
        assert!(said.contains(&format!("({de})")), "{name}: {said}");
        assert!(!said.contains(&format!("({en})")), "{name}: {said}");
    }
}

#[test]
fn the_english_wrappers_say_what_they_always_said() {
    let config = config("Contoso Backup", json!({}));
    assert_eq!(
        welcome(&config),
        welcome_in(&config, crate::wizard::words::EN_PAGE)
    );
    assert_eq!(
        verdict(crate::auth::ConsentAbility::CanGrantAll),
        "You can complete the registration, including admin consent."
    );
    assert_eq!(Wizard::default().title(), "Connect your tenant");
}

#[test]
fn a_tenants_name_is_shown_as_typed_in_every_language() {
    for language in Language::ALL {
        let words = language.words();
        let screen = confirm_disconnect(
            words,
            &summary(Ability::CanGrantAll),
            &app(Maker::Other),
            None,
        );
        assert!(
            screen.words().contains("Contoso {app} Backup"),
            "{language:?}: {}",
            screen.words()
        );
    }
}

#[test]
fn no_screen_shows_an_unfilled_slot() {
    for language in crate::wizard::Language::ALL {
        for (name, screen) in every_screen(language.words()) {
            // The sample app's name holds a slot on purpose: a value is never a template.
            let json = screen
                .to_json()
                .to_string()
                .replace("Contoso {app} Backup", "");
            let mut rest = json.as_str();
            while let Some(open) = rest.find('{') {
                let after = &rest[open + 1..];
                let name_end = after
                    .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
                    .unwrap_or(after.len());
                assert!(
                    !(name_end > 0 && after[name_end..].starts_with('}')),
                    "{name} ({language:?}) shows the slot {{{}}}",
                    &after[..name_end]
                );
                rest = after;
            }
        }
    }
}

#[test]
fn names_inside_the_engines_and_the_maintenances_sentences_are_isolated() {
    // A right-to-left override in a name must not reorder the words after it: every name the
    // engine or the maintenance puts in a sentence is a `bdi` of text on the screen.
    let hostile = "Contoso \u{202e}evil";
    for language in Language::ALL {
        let words = language.words();
        let mut config = config(hostile, json!({}));
        config.app_display_name = hostile.into();
        let lines = tests_engine::plan(&config).describe_in(words);
        let shown = plan(
            words,
            &summary(Ability::CanGrantAll),
            &lines,
            &[],
            &ProfileChoice::default(),
        );
        let error = crate::maintenance::MaintenanceError::NotOurs {
            display_name: hostile.into(),
            app_id: "a".into(),
        };
        let refused = check_form(
            words,
            &summary(Ability::CanGrantAll),
            None,
            Some(&error.says(words)),
        );
        for screen in [shown, refused] {
            reads_back(&screen);
            let (mut isolated, mut loose) = (0, Vec::new());
            for node in &screen.body {
                count_names(node, false, &mut isolated, &mut loose);
            }
            assert!(loose.is_empty(), "{language:?}: not isolated: {loose:?}");
            // The signed-in tenant's name, and the sentence's.
            assert!(isolated >= 2, "{language:?}: {isolated}");
            let json = screen.to_json().to_string();
            assert!(
                !json.contains('\u{2068}') && !json.contains('\u{2069}'),
                "{json}"
            );
        }
    }
}

/// Counts the texts holding the hostile name: those that are a `bdi`'s whole text, and the
/// others.
fn count_names(node: &Node, in_bdi: bool, isolated: &mut usize, loose: &mut Vec<String>) {
    match node {
        Node::Text(text) if text.contains('\u{202e}') => {
            if in_bdi && text.as_str() == "Contoso \u{202e}evil" {
                *isolated += 1;
            } else {
                loose.push(text.clone());
            }
        }
        Node::Text(_) => {}
        Node::Element { tag, children, .. } => children
            .iter()
            .for_each(|child| count_names(child, *tag == Tag::Bdi, isolated, loose)),
    }
}
