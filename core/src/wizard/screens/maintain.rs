//! Looking after an app this product made: the apps found, rotating their credentials, and
//! disconnecting one after an explicit confirmation. Every path ends with a record of what
//! changed in the tenant, without secrets, for the admin's change log.

use crate::maintenance::{Candidate, CheckedApp, Disconnected, Retired};
use crate::registration::messages::SummaryReport;
use crate::wizard::view::parts::{
    actions, alert, button, code, h2, muted, name, p, secondary, text_list,
};
use crate::wizard::view::{Node, Screen, Tag};

use super::signed_in;

/// The change record as a file to download (a `blob:` URL the worker made), or nothing.
pub fn record_link(record_url: Option<&str>) -> Option<Node> {
    record_url.map(|url| {
        p("").child(
            Node::element(Tag::A)
                .id("record-download")
                .attr("href", url)
                .attr("download", "m365-registrar-change-record.txt")
                .say("Download the record of what changed in your tenant (no secrets in it)"),
        )
    })
}

/// The apps this backup product made in the tenant, each with what can be done to it.
pub fn apps_made_here(summary: &SummaryReport, apps: &[Candidate]) -> Screen {
    let mut screen =
        Screen::new("maintain", "Rotate or disconnect an app").with(signed_in(summary));
    if apps.is_empty() {
        return screen
            .with(
                p("No app made by this page for this backup product is in this tenant.")
                    .id("maintain-none"),
            )
            .with(actions([secondary(
                "maintain-check",
                "check-form",
                "Check an app by its id",
            )]));
    }
    screen.push(p(
        "Rotating adds a new client secret (and certificate) and hands them to the backup \
         product; the old ones are removed only once it has the new ones. Disconnecting deletes \
         the app, so the backup can no longer sign in.",
    ));
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
                            "Rotate",
                        ),
                        secondary(
                            &["disconnect-", id].concat(),
                            &["disconnect:", id].concat(),
                            "Disconnect",
                        ),
                        secondary(&["check-", id].concat(), &["check:", id].concat(), "Check"),
                    ]))
            })),
    );
    screen
}

/// Before deleting: what will go, and the app's name typed to confirm.
pub fn confirm_disconnect(
    summary: &SummaryReport,
    app: &CheckedApp,
    problem: Option<&str>,
) -> Screen {
    let mut screen = Screen::new("disconnect", "Disconnect the app").with(signed_in(summary));
    if let Some(problem) = problem {
        screen.push(alert("disconnect-problem", problem));
    }
    screen
        .with(
            p("This deletes the app registration ")
                .child(name(app.display_name.as_str()))
                .say(" (")
                .child(code(app.app_id.as_str()))
                .say(
                    ") and its enterprise application. The backup product can then no longer \
                     sign in to your tenant. Deleted apps can be restored for 30 days in the Entra \
                     admin center.",
                ),
        )
        .with(
            Node::element(Tag::P).children([
                Node::element(Tag::Label)
                    .attr("for", "disconnect-name")
                    .say("Type the app's name to confirm "),
                Node::element(Tag::Input)
                    .id("disconnect-name")
                    .attr("data-field", "disconnect-name")
                    .attr("type", "text"),
            ]),
        )
        .with(actions([
            button(
                "disconnect-confirm",
                &["disconnect-confirmed:", app.app_id.as_str()].concat(),
                "Delete the app",
            ),
            secondary(
                "disconnect-cancel",
                &["check:", app.app_id.as_str()].concat(),
                "Cancel",
            ),
        ]))
}

/// Rotating an app this product did not make: its name typed to confirm.
pub fn confirm_rotation(
    summary: &SummaryReport,
    app: &CheckedApp,
    problem: Option<&str>,
) -> Screen {
    let mut screen = Screen::new("rotate", "Rotate the app's credentials").with(signed_in(summary));
    if let Some(problem) = problem {
        screen.push(alert("rotate-problem", problem));
    }
    screen
        .with(
            p("This page did not make ")
                .child(name(app.display_name.as_str()))
                .say(
                    ": to add new credentials to it and later remove its old ones, type its name.",
                ),
        )
        .with(
            Node::element(Tag::P).children([
                Node::element(Tag::Label)
                    .attr("for", "rotate-name")
                    .say("The app's name "),
                Node::element(Tag::Input)
                    .id("rotate-name")
                    .attr("data-field", "rotate-name")
                    .attr("type", "text"),
            ]),
        )
        .with(actions([
            button(
                "rotate-confirm",
                &["rotate:", app.app_id.as_str()].concat(),
                "Rotate",
            ),
            secondary(
                "rotate-cancel",
                &["check:", app.app_id.as_str()].concat(),
                "Cancel",
            ),
        ]))
}

/// The app is gone.
pub fn disconnected(
    summary: &SummaryReport,
    gone: &Disconnected,
    record_url: Option<&str>,
) -> Screen {
    let mut screen = Screen::new("disconnected", "The app is disconnected")
        .with(signed_in(summary))
        .with(text_list(gone.describe()).id("disconnected-words"));
    if let Some(link) = record_link(record_url) {
        screen.push(link);
    }
    screen
}

/// Phase 2 of a rotation is done: the old credentials are gone.
pub fn retired(summary: &SummaryReport, retired: &Retired, record_url: Option<&str>) -> Screen {
    let mut lines: Vec<String> = retired
        .removed_secrets
        .iter()
        .map(|c| {
            format!(
                "Removed the old client secret {} ({}).",
                c.display_name, c.key_id
            )
        })
        .collect();
    lines.extend(retired.removed_certificates.iter().map(|c| {
        format!(
            "Removed the old certificate {} ({}).",
            c.display_name, c.key_id
        )
    }));
    if lines.is_empty() {
        lines.push("There was no old credential to remove.".to_owned());
    }
    let mut screen = Screen::new("retired", "Rotated: the old credentials are removed")
        .with(signed_in(summary))
        .with(text_list(lines).id("retired-words"))
        .with(muted(
            "Only the new secret and certificate, now with the backup product, work.",
        ));
    if let Some(link) = record_link(record_url) {
        screen.push(link);
    }
    screen
}

/// After phase 1, when no dashboard acknowledges: the admin says the backup product has the
/// new credentials, and only then are the old ones removed.
pub fn retire_prompt() -> Node {
    Node::element(Tag::Div).id("rotate-retire").children([
        h2("Remove the old credentials"),
        p(
            "Once the backup product works with the new secret and certificate, remove the old \
           ones. Until then both work.",
        ),
        actions([button(
            "rotate-retire-old",
            "retire-old",
            "The backup product has the new ones: remove the old",
        )]),
    ])
}
