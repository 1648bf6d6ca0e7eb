//! Checking an existing app: which app (by id, or found by name), what is wrong with it, and
//! what this page can do about it (repair, rotate, disconnect).

use crate::maintenance::{AppCheck, Candidate, Maker, Remedy};
use crate::portal::AdminPortal;
use crate::registration::messages::SummaryReport;
use crate::wizard::Words;
use crate::wizard::view::parts::{
    actions, alert, button, code, facts, field, h2, link, name, p, secondary,
};
use crate::wizard::view::{Node, Screen, Tag};

use super::signed_in;

/// A labelled text field whose value the page sends with the next action (`data-field`).
fn maker_words(words: &Words, maker: Maker) -> &'static str {
    let words = &words.check;
    match maker {
        Maker::ThisProduct => words.by_this_product,
        Maker::AdoptedByThisProduct => words.adopted,
        Maker::SameNameByHand => words.same_name_by_hand,
        Maker::Other => words.not_made_here,
    }
}

/// Which app to check: its id, or the start of its name to search for. `problem` is the
/// maintenance's words (English).
pub fn check_form(
    words: &Words,
    summary: &SummaryReport,
    candidates: Option<&[Candidate]>,
    problem: Option<&str>,
) -> Screen {
    let w = &words.check;
    let mut screen = Screen::new("check", w.form_title).with(signed_in(words, summary));
    if let Some(problem) = problem {
        screen.push(alert("check-problem", problem));
    }
    screen.push(p(w.form_intro));
    screen.push(field(
        "check-app-id",
        words.common.application_client_id,
        Some(w.app_id_hint),
    ));
    screen.push(actions([button("check-run", "check", w.check_this_app)]));
    screen.push(field("check-name", w.find_label, Some(w.find_hint)));
    screen.push(actions([secondary("check-find", "find", w.find_apps)]));
    if let Some(candidates) = candidates {
        screen.push(h2(w.apps_found));
        if candidates.is_empty() {
            screen.push(p(w.none_found).id("check-none-found"));
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
                        .say(["), ", maker_words(words, c.maker), " "].concat())
                        .child(secondary(
                            &["check-", c.app_id.as_str()].concat(),
                            &["check:", c.app_id.as_str()].concat(),
                            words.common.check,
                        ))
                })),
        );
    }
    screen
}

/// What the check found, and the ways on.
pub fn check_result(
    words: &Words,
    summary: &SummaryReport,
    check: &AppCheck,
    portal: Option<&AdminPortal>,
) -> Screen {
    let w = &words.check;
    let mut screen = Screen::new("checked", w.result_title).with(signed_in(words, summary));
    let Some(app) = &check.app else {
        return screen
            .with(alert(
                "check-not-found",
                check
                    .findings
                    .first()
                    .map_or_else(|| w.no_such_app(&check.app_id), |f| f.says(words)),
            ))
            .with(actions([button(
                "check-again",
                "check-form",
                words.common.check_another,
            )]));
    };
    let mut rows = vec![
        (
            words.common.app.to_owned(),
            name(app.display_name.as_str()).id("check-app-name"),
        ),
        (
            words.common.application_client_id.to_owned(),
            code(app.app_id.as_str()),
        ),
        (
            w.made_by.to_owned(),
            Node::text(maker_words(words, app.maker)).id("check-maker"),
        ),
        (
            words.common.credentials.to_owned(),
            Node::text(w.credential_counts(app.secrets.len(), app.certificates.len())),
        ),
    ];
    if let Some(url) = portal.and_then(|portal| portal.app_overview(&app.app_id)) {
        rows.push((
            w.in_entra.to_owned(),
            link("check-app-link", &url, w.open_in_entra),
        ));
    }
    screen.push(facts(rows));
    if check.is_clean() {
        screen.push(p(w.clean).id("check-clean").class("verdict"));
    } else {
        screen.push(h2(w.what_is_wrong));
        screen.push(Node::element(Tag::Ul).id("check-findings").children(
            check.findings.iter().map(|finding| {
                let remedy = match finding.remedy() {
                    Remedy::Repair => "repair",
                    Remedy::Rotate => "rotate",
                    Remedy::Nothing => "none",
                };
                Node::element(Tag::Li)
                    .attr("data-remedy", remedy)
                    .say(finding.says(words))
            }),
        ));
    }
    let id = app.app_id.as_str();
    let mut buttons = Vec::new();
    // Repair hands this vendor a new secret of the app: only for an app this product made, or
    // one it would adopt anyway (its name); another product's app is repaired by hand.
    let repairable = app.maker != Maker::Other;
    if check.needs_repair() && repairable {
        buttons.push(button("check-repair", &["repair:", id].concat(), w.repair));
    }
    let ours = app.maker.is_this_product();
    if ours || check.needs_rotation() {
        buttons.push(secondary(
            "check-rotate",
            &["rotate:", id].concat(),
            w.rotate,
        ));
    }
    if ours {
        buttons.push(secondary(
            "check-disconnect",
            &["disconnect:", id].concat(),
            w.disconnect,
        ));
    }
    buttons.push(secondary(
        "check-again",
        "check-form",
        words.common.check_another,
    ));
    screen.push(actions(buttons));
    if check.needs_repair() && repairable {
        screen.push(p(w.repair_note));
    }
    screen
}
