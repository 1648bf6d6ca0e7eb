//! The registration's steps after sign-in: the plan to confirm, the progress, the result, or why
//! it stopped. Each keeps who signed in at its top.

use crate::catalog::{Profile, RequestedPermission};
use crate::config::Config;
use crate::registration::messages::{
    CertificateFiles, OutcomeReport, ProgressReport, SummaryReport,
};
use crate::wizard::Words;
use crate::wizard::view::parts::{
    actions, alert, button, code, copy, facts, muted, p, secondary, text_list,
};
use crate::wizard::view::{Node, Screen, Tag};
use crate::wizard::words::fill_nodes;

use super::{permission_groups, signed_in};

/// Reading the tenant to make the plan.
pub fn reading(words: &Words, summary: &SummaryReport) -> Screen {
    let w = &words.run;
    Screen::new("reading", w.reading_title)
        .with(signed_in(words, summary))
        .with(p(w.reading).id("registration-reading"))
}

/// The plan, before anything is written, with the engine's lines (`Plan::describe_in`).
pub fn plan(
    words: &Words,
    summary: &SummaryReport,
    lines: &[String],
    permissions: &[RequestedPermission],
    profiles: &ProfileChoice,
) -> Screen {
    let w = &words.run;
    let mut details = Node::element(Tag::Div).id("plan-details").children([
        p(w.plan_intro),
        text_list(lines.iter().cloned()).id("plan-steps"),
        Node::element(Tag::H2).say(w.plan_permissions),
    ]);
    if let (Some(now), false) = (profiles.current, profiles.others.is_empty()) {
        details = details.child(Node::element(Tag::Div).id("plan-profiles").children([
            p(w.profile_now(now.title)),
            actions(profiles.others.iter().map(|profile| {
                secondary(
                    &["plan-profile-", profile.id].concat(),
                    &["profile:", profile.id].concat(),
                    w.use_profile(profile.title),
                )
            })),
        ]));
    }
    Screen::new("plan", w.plan_title)
        .with(signed_in(words, summary))
        .with(details.children([
            permission_groups(
                &words.permissions,
                &words.reasons,
                "plan-permissions",
                permissions,
            ),
            button("confirm-registration", "confirm", w.create),
        ]))
}

/// The profiles the admin may choose between on the plan: the one planned, and the others the
/// configuration allows (`allowedProfiles`) when no dashboard chose one.
#[derive(Debug, Clone, Default)]
pub struct ProfileChoice {
    pub current: Option<&'static Profile>,
    pub others: Vec<&'static Profile>,
}

impl ProfileChoice {
    /// What `file` (`config.json`) lets the admin switch to from the profile `running` plans
    /// with; nothing when the dashboard's start chose the profile (`chosen_by_dashboard`): the
    /// vendor decided. Custom permissions stay with the profile they extend.
    pub fn of(file: &Config, running: &Config, chosen_by_dashboard: bool) -> ProfileChoice {
        let current = running.permission_profile;
        let others = if chosen_by_dashboard || !file.custom_permissions.is_empty() {
            Vec::new()
        } else {
            let mut all: Vec<&'static Profile> = file.allowed_profiles.clone();
            all.extend(file.permission_profile);
            all.retain(|p| Some(p.id) != current.map(|c| c.id));
            all.sort_by_key(|p| p.id);
            all.dedup_by_key(|p| p.id);
            all
        };
        ProfileChoice { current, others }
    }
}

/// Each step's state, a progress bar, the round trips and the time spent. The steps' labels
/// and states are the engine's (English).
fn progress_part(words: &Words, report: &ProgressReport, elapsed_seconds: u64) -> Node {
    let w = &words.run;
    let total = report.steps.len();
    let done = report
        .steps
        .iter()
        .filter(|s| s.class == "done" || s.class == "skipped")
        .count();
    let now = report
        .steps
        .iter()
        .find(|s| s.class == "running" || s.class == "waiting" || s.class == "failed")
        .map(|s| [s.label.as_str(), ": ", s.state.as_str()].concat())
        .unwrap_or_else(|| w.steps_done(done, total));
    Node::element(Tag::Div).id("progress").children([
        Node::element(Tag::Progress)
            .id("progress-bar")
            .attr("max", total.to_string())
            .attr("value", done.to_string())
            .attr("aria-label", w.steps_done(done, total)),
        Node::element(Tag::Ol).children(report.steps.iter().map(|step| {
            Node::element(Tag::Li)
                .attr("data-step", step.key.as_str())
                .class(&step.class)
                .say([step.label.as_str(), ": ", step.state.as_str()].concat())
        })),
        // What the page's live region reads out as the run moves on.
        muted(now)
            .id("progress-now")
            .attr("data-announce", "polite"),
        muted(w.round_trips(report.round_trips, report.waited_seconds, elapsed_seconds))
            .id("progress-summary"),
    ])
}

pub fn progress(
    words: &Words,
    summary: &SummaryReport,
    report: &ProgressReport,
    elapsed_seconds: u64,
) -> Screen {
    // What moves first; who signed in below it, so a phone shows the progress at once.
    Screen::new("running", words.run.progress_title)
        .with(progress_part(words, report, elapsed_seconds))
        .with(signed_in(words, summary))
}

/// What was created and checked, with the values the backup server needs. Parts marked
/// `data-secret` are dropped from the page once the backup server has them.
pub fn result(
    words: &Words,
    summary: &SummaryReport,
    report: &ProgressReport,
    elapsed_seconds: u64,
    outcome: &OutcomeReport,
    files: Option<&CertificateFiles>,
) -> Screen {
    let w = &words.run;
    let title = if outcome.verified {
        w.verified_title
    } else {
        w.differences_title
    };
    let mut rows = vec![
        (
            words.common.tenant_id.to_owned(),
            Node::element(Tag::Span).children([
                code(outcome.tenant_id.as_str()).id("result-tenant-id"),
                Node::text(" "),
                copy(words, "copy-tenant-id", "result-tenant-id", w.the_tenant_id),
            ]),
        ),
        (
            words.common.application_client_id.to_owned(),
            Node::element(Tag::Span).children([
                code(outcome.client_id.as_str()).id("result-client-id"),
                Node::text(" "),
                copy(words, "copy-client-id", "result-client-id", w.the_client_id),
            ]),
        ),
    ];
    let mut secret_rows = Vec::new();
    if !outcome.secret.is_empty() {
        secret_rows.push(
            facts([
                (
                    w.client_secret.to_owned(),
                    Node::element(Tag::Span).children([
                        Node::element(Tag::Input)
                            .id("result-secret")
                            .attr("readonly", "")
                            .attr("aria-label", w.client_secret)
                            .attr("value", outcome.secret.as_str()),
                        Node::text(" "),
                        copy(words, "copy-secret", "result-secret", w.the_client_secret),
                    ]),
                ),
                (
                    w.secret_expires.to_owned(),
                    Node::element(Tag::Span)
                        .id("result-secret-expires")
                        .say(outcome.secret_expires.as_str()),
                ),
            ])
            .attr("data-secret", "yes"),
        );
    }
    if let Some(certificate) = &outcome.certificate {
        let mut value = Node::element(Tag::Span)
            .id("result-certificate")
            .children(fill_nodes(
                w.thumbprint,
                &[(
                    "sha1",
                    code(certificate.thumbprint_sha1.as_str()).id("result-certificate-thumbprint"),
                )],
            ));
        if !certificate.thumbprint_sha256.is_empty() {
            value = value.say(", SHA-256 ").child(
                code(certificate.thumbprint_sha256.as_str()).id("result-certificate-sha256"),
            );
        }
        value = value.say(w.expires(&certificate.expires));
        if !certificate.added {
            value = value.say(w.kept);
        }
        rows.push((w.certificate.to_owned(), value));
    }
    if let Some(files) = files {
        secret_rows.push(
            Node::element(Tag::Div)
                .id("result-certificate-files")
                .attr("data-secret", "yes")
                .children([
                    p("").child(
                        Node::element(Tag::A)
                            .id("result-pfx")
                            .attr("href", files.pfx_url.as_str())
                            .attr("download", "backup-app-certificate.pfx")
                            .say(w.download_pfx),
                    ),
                    p("").children([
                        Node::element(Tag::Label)
                            .attr("for", "result-pfx-password")
                            .say(w.pfx_password),
                        Node::element(Tag::Input)
                            .id("result-pfx-password")
                            .attr("readonly", "")
                            .attr("value", files.pfx_password.as_str()),
                    ]),
                    p(w.pem_files).children([
                        Node::element(Tag::A)
                            .id("result-key-pem")
                            .attr("href", files.private_key_pem_url.as_str())
                            .attr("download", "backup-app-key.pem")
                            .say(w.private_key_pem),
                        Node::text(", "),
                        Node::element(Tag::A)
                            .id("result-certificate-pem")
                            .attr("href", files.certificate_pem_url.as_str())
                            .attr("download", "backup-app-certificate.pem")
                            .say(w.certificate_pem),
                    ]),
                ]),
        );
    }
    rows.push((
        w.granted.to_owned(),
        text_list(outcome.granted.iter().cloned()).id("result-granted"),
    ));
    let verified_words = if outcome.verified {
        w.verified
    } else {
        w.not_verified
    };
    let mut result = Node::element(Tag::Div)
        .id("result-details")
        .attr("data-verified", if outcome.verified { "yes" } else { "no" })
        .child(p(verified_words).id("result-verified"))
        .child(text_list(outcome.discrepancies.iter().cloned()).id("result-discrepancies"))
        .child(facts(rows).id("result-facts"))
        .children(secret_rows);
    if !outcome.verified {
        result = result.child(button(
            "registration-retry",
            "run-again",
            words.common.run_again,
        ));
    }
    result = result.child(muted(w.keep_note));
    // The values the admin came for first (above the fold on a phone), then how it went.
    Screen::new("result", title)
        .with(result)
        .with(progress_part(words, report, elapsed_seconds))
        .with(signed_in(words, summary))
}

/// The run stopped: why, what the tenant holds now (the engine's words, `Stop::says`), and a
/// way to run it again.
pub fn stopped(
    words: &Words,
    summary: &SummaryReport,
    report: &ProgressReport,
    elapsed_seconds: u64,
    message: &str,
    in_tenant: &str,
) -> Screen {
    Screen::new("stopped", words.run.stopped_title)
        .with(
            alert("registration-stopped", message)
                .child(p(in_tenant).id("registration-in-tenant"))
                .child(button(
                    "registration-retry",
                    "run-again",
                    words.common.run_again,
                )),
        )
        .with(progress_part(words, report, elapsed_seconds))
        .with(signed_in(words, summary))
}
