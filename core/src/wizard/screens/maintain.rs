//! Looking after an app this product made: the apps found, rotating their credentials, and
//! disconnecting one after an explicit confirmation. Every path ends with a record of what
//! changed in the tenant, without secrets, for the admin's change log.

use crate::maintenance::{Candidate, CheckedApp, Credential, Disconnected, Retired};
use crate::registration::messages::SummaryReport;
use crate::wizard::Words;
use crate::wizard::view::parts::{
    actions, alert, button, code, field, h2, muted, name, p, secondary, text_list,
};
use crate::wizard::view::{Node, Screen, Tag};
use crate::wizard::words::fill_nodes;

use super::signed_in;

/// The change record as a file to download (a `blob:` URL the worker made), or nothing.
pub fn record_link(words: &Words, record: Option<&RecordFile>) -> Option<Node> {
    record.map(|record| {
        p("").child(
            Node::element(Tag::A)
                .id("record-download")
                .attr("href", record.url.as_str())
                // The page makes its own file of it when clicked: the worker's ends with the
                // hand-off, the record must not (it holds no secret).
                .attr("data-text", record.text.as_str())
                .attr("download", "m365-registrar-change-record.txt")
                .say(words.common.record_download),
        )
    })
}

/// The change record: its text, and the worker's `blob:` URL of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordFile {
    pub url: String,
    pub text: String,
}

/// The apps this backup product made in the tenant, each with what can be done to it.
pub fn apps_made_here(words: &Words, summary: &SummaryReport, apps: &[Candidate]) -> Screen {
    let w = &words.maintain;
    let mut screen = Screen::new("maintain", w.title).with(signed_in(words, summary));
    if apps.is_empty() {
        return screen
            .with(p(w.none).id("maintain-none"))
            .with(actions([secondary(
                "maintain-check",
                "check-form",
                w.check_by_id,
            )]));
    }
    screen.push(p(w.intro));
    screen.push(
        Node::element(Tag::Ul)
            .id("maintain-apps")
            .children(apps.iter().map(|app| {
                let id = app.app_id.as_str();
                Node::element(Tag::Li)
                    .attr("data-app-id", id)
                    .child(name(app.display_name.as_str()))
                    .say(" (")
                    .child(code(id))
                    .say(")")
                    .child(actions([
                        secondary(
                            &["rotate-", id].concat(),
                            &["rotate:", id].concat(),
                            words.common.rotate,
                        ),
                        secondary(
                            &["disconnect-", id].concat(),
                            &["disconnect:", id].concat(),
                            w.disconnect,
                        ),
                        secondary(
                            &["check-", id].concat(),
                            &["check:", id].concat(),
                            words.common.check,
                        ),
                    ]))
            })),
    );
    screen
}

/// What an explicit confirmation by the app's name is for.
struct ByName {
    /// `disconnect` or `rotate`: the step, and the start of every id on it.
    kind: &'static str,
    title: &'static str,
    explanation: Node,
    label: &'static str,
    confirm_action: String,
    confirm_label: &'static str,
}

/// A step the admin confirms by typing the app's name, or cancels back to its check.
fn confirm_by_name(
    words: &Words,
    summary: &SummaryReport,
    app: &CheckedApp,
    problem: Option<&str>,
    by: ByName,
) -> Screen {
    let id = |part: &str| [by.kind, "-", part].concat();
    let mut screen = Screen::new(by.kind, by.title).with(signed_in(words, summary));
    if let Some(problem) = problem {
        screen.push(alert(&id("problem"), problem));
    }
    screen
        .with(by.explanation)
        .with(field(&id("name"), by.label, None))
        .with(actions([
            button(&id("confirm"), &by.confirm_action, by.confirm_label),
            secondary(
                &id("cancel"),
                &["check:", app.app_id.as_str()].concat(),
                words.common.cancel,
            ),
        ]))
}

/// Before deleting: what will go, and the app's name typed to confirm.
pub fn confirm_disconnect(
    words: &Words,
    summary: &SummaryReport,
    app: &CheckedApp,
    problem: Option<&str>,
) -> Screen {
    let w = &words.maintain;
    let explanation = Node::element(Tag::P).children(fill_nodes(
        w.disconnect_what,
        &[
            ("app", name(app.display_name.as_str())),
            ("id", code(app.app_id.as_str())),
        ],
    ));
    let by = ByName {
        kind: "disconnect",
        title: w.disconnect_title,
        explanation,
        label: w.type_name,
        confirm_action: ["disconnect-confirmed:", app.app_id.as_str()].concat(),
        confirm_label: w.delete,
    };
    confirm_by_name(words, summary, app, problem, by)
}

/// Rotating an app this product did not make: its name typed to confirm.
pub fn confirm_rotation(
    words: &Words,
    summary: &SummaryReport,
    app: &CheckedApp,
    problem: Option<&str>,
) -> Screen {
    let w = &words.maintain;
    let explanation = Node::element(Tag::P).children(fill_nodes(
        w.not_made_here,
        &[("app", name(app.display_name.as_str()))],
    ));
    let by = ByName {
        kind: "rotate",
        title: w.rotate_title,
        explanation,
        label: w.app_name,
        confirm_action: ["rotate:", app.app_id.as_str()].concat(),
        confirm_label: words.common.rotate,
    };
    confirm_by_name(words, summary, app, problem, by)
}

/// The app is gone: what was removed is the maintenance's words (English).
pub fn disconnected(
    words: &Words,
    summary: &SummaryReport,
    gone: &Disconnected,
    record: Option<&RecordFile>,
) -> Screen {
    let mut screen = Screen::new("disconnected", words.maintain.disconnected_title)
        .with(signed_in(words, summary))
        .with(text_list(gone.describe_in(&words.maintenance)).id("disconnected-words"));
    if let Some(link) = record_link(words, record) {
        screen.push(link);
    }
    screen
}

/// Phase 2 of a rotation is done: the old credentials are gone.
pub fn retired(
    words: &Words,
    summary: &SummaryReport,
    retired: &Retired,
    record: Option<&RecordFile>,
) -> Screen {
    let w = &words.maintain;
    // A credential's display name is anyone's text (an app owner sets it): isolated, so a
    // right-to-left override in it cannot reorder the id after it.
    let line = |template: &str, credential: &Credential| {
        Node::element(Tag::Li).children(fill_nodes(
            template,
            &[
                ("name", name(credential.display_name.as_str())),
                ("id", code(credential.key_id.as_str())),
            ],
        ))
    };
    let mut lines: Vec<Node> = retired
        .removed_secrets
        .iter()
        .map(|c| line(w.removed_secret, c))
        .collect();
    lines.extend(
        retired
            .removed_certificates
            .iter()
            .map(|c| line(w.removed_certificate, c)),
    );
    if lines.is_empty() {
        lines.push(Node::element(Tag::Li).say(w.nothing_removed));
    }
    let mut screen = Screen::new("retired", w.retired_title)
        .with(signed_in(words, summary))
        .with(Node::element(Tag::Ul).id("retired-words").children(lines))
        .with(muted(w.only_new_work));
    if let Some(link) = record_link(words, record) {
        screen.push(link);
    }
    screen
}

/// After phase 1, when no dashboard acknowledges: the admin says the backup product has the
/// new credentials, and only then are the old ones removed.
pub fn retire_prompt(words: &Words, dashboard: bool) -> Node {
    let w = &words.maintain;
    // With a dashboard its acknowledgement decides: no button, only what will happen.
    if dashboard {
        return p(w.retire_waiting).id("rotate-awaiting");
    }
    Node::element(Tag::Div).id("rotate-retire").children([
        h2(w.retire_heading),
        p(w.retire_words),
        actions([button("rotate-retire-old", "retire-old", w.retire_button)]),
    ])
}
