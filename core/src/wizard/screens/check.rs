//! Checking an existing app: which app (by id, or found by name), what is wrong with it, and
//! what this page can do about it (repair, rotate, disconnect).

use crate::maintenance::{AppCheck, Candidate, Maker, Remedy};
use crate::portal::AdminPortal;
use crate::registration::messages::SummaryReport;
use crate::wizard::view::parts::{
    actions, alert, button, code, facts, h2, link, name, p, secondary,
};
use crate::wizard::view::{Node, Screen, Tag};

use super::signed_in;

/// A labelled text field whose value the page sends with the next action (`data-field`).
fn field(id: &str, label: &str, hint: &str) -> Node {
    Node::element(Tag::P).children([
        Node::element(Tag::Label).attr("for", id).say(label),
        Node::element(Tag::Input)
            .id(id)
            .attr("data-field", id)
            .attr("type", "text")
            .attr("aria-describedby", [id, "-hint"].concat()),
        Node::element(Tag::Span)
            .id(&[id, "-hint"].concat())
            .class("muted")
            .say(hint),
    ])
}

fn maker_words(maker: Maker) -> &'static str {
    match maker {
        Maker::ThisProduct => "made by this page for this backup product",
        Maker::AdoptedByThisProduct => "registered by hand, since repaired by this page",
        Maker::SameNameByHand => "registered by hand, with this backup product's name",
        Maker::Other => "not made by this page",
    }
}

/// Which app to check: its id, or the start of its name to search for.
pub fn check_form(
    summary: &SummaryReport,
    candidates: Option<&[Candidate]>,
    problem: Option<&str>,
) -> Screen {
    let mut screen = Screen::new("check", "Check an existing app").with(signed_in(summary));
    if let Some(problem) = problem {
        screen.push(alert("check-problem", problem));
    }
    screen.push(p(
        "This reads the app and compares it with what the backup product needs. It changes \
         nothing unless you then choose to repair it.",
    ));
    screen.push(field(
        "check-app-id",
        "Application (client) id ",
        " A GUID, from the app's Overview page in the Entra admin center.",
    ));
    screen.push(actions([button("check-run", "check", "Check this app")]));
    screen.push(field(
        "check-name",
        "Or find it by the start of its name ",
        " For example “Contoso Backup”.",
    ));
    screen.push(actions([secondary("check-find", "find", "Find apps")]));
    if let Some(candidates) = candidates {
        screen.push(h2("Apps found"));
        if candidates.is_empty() {
            screen.push(p("No app's name starts that way.").id("check-none-found"));
        }
        screen.push(
            Node::element(Tag::Ul)
                .id("check-candidates")
                .children(candidates.iter().map(|c| {
                    Node::element(Tag::Li)
                        .attr("data-app-id", c.app_id.as_str())
                        .child(name(c.display_name.as_str()))
                        .say(" (")
                        .child(code(c.app_id.as_str()))
                        .say(["), ", maker_words(c.maker), " "].concat())
                        .child(secondary(
                            &["check-", c.app_id.as_str()].concat(),
                            &["check:", c.app_id.as_str()].concat(),
                            "Check",
                        ))
                })),
        );
    }
    screen
}

/// What the check found, and the ways on.
pub fn check_result(
    summary: &SummaryReport,
    check: &AppCheck,
    portal: Option<&AdminPortal>,
) -> Screen {
    let mut screen = Screen::new("checked", "What the check found").with(signed_in(summary));
    let Some(app) = &check.app else {
        return screen
            .with(alert(
                "check-not-found",
                check.findings.first().map_or_else(
                    || {
                        format!(
                            "No app with application id {} in this tenant.",
                            check.app_id
                        )
                    },
                    |f| f.to_string(),
                ),
            ))
            .with(actions([button(
                "check-again",
                "check-form",
                "Check another app",
            )]));
    };
    let mut rows = vec![
        (
            "App".to_owned(),
            name(app.display_name.as_str()).id("check-app-name"),
        ),
        (
            "Application (client) id".to_owned(),
            code(app.app_id.as_str()),
        ),
        (
            "Made by".to_owned(),
            Node::text(maker_words(app.maker)).id("check-maker"),
        ),
        (
            "Credentials".to_owned(),
            Node::text(format!(
                "{} client secret(s), {} certificate(s)",
                app.secrets.len(),
                app.certificates.len()
            )),
        ),
    ];
    if let Some(url) = portal.and_then(|portal| portal.app_overview(&app.app_id)) {
        rows.push((
            "In Entra".to_owned(),
            link("check-app-link", &url, "Open it in the Entra admin center"),
        ));
    }
    screen.push(facts(rows));
    if check.is_clean() {
        screen.push(
            p(
                "Nothing is missing: the app has every permission the backup needs, consented, \
               and a working credential.",
            )
            .id("check-clean")
            .class("verdict"),
        );
    } else {
        screen.push(h2("What is wrong"));
        screen.push(Node::element(Tag::Ul).id("check-findings").children(
            check.findings.iter().map(|finding| {
                let remedy = match finding.remedy() {
                    Remedy::Repair => "repair",
                    Remedy::Rotate => "rotate",
                    Remedy::Nothing => "none",
                };
                Node::element(Tag::Li)
                    .attr("data-remedy", remedy)
                    .say(finding.to_string())
            }),
        ));
    }
    let id = app.app_id.as_str();
    let mut buttons = Vec::new();
    if check.needs_repair() {
        buttons.push(button(
            "check-repair",
            &["repair:", id].concat(),
            "Repair it",
        ));
    }
    let ours = app.maker.is_this_product();
    if ours || check.needs_rotation() {
        buttons.push(secondary(
            "check-rotate",
            &["rotate:", id].concat(),
            "Rotate its secret and certificate",
        ));
    }
    if ours {
        buttons.push(secondary(
            "check-disconnect",
            &["disconnect:", id].concat(),
            "Disconnect it",
        ));
    }
    buttons.push(secondary("check-again", "check-form", "Check another app"));
    screen.push(actions(buttons));
    if check.needs_repair() {
        screen.push(p(
            "Repair shows its plan first, like a new registration: it adds only what is \
             missing, removes only what is extra, and writes nothing before you confirm.",
        ));
    }
    screen
}
