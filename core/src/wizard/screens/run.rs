//! The registration's steps after sign-in: the plan to confirm, the progress, the result, or why
//! it stopped. Each keeps who signed in at its top.

use crate::catalog::RequestedPermission;
use crate::registration::messages::{
    CertificateFiles, OutcomeReport, ProgressReport, SummaryReport,
};
use crate::wizard::view::parts::{alert, button, code, copy, facts, muted, p, text_list};
use crate::wizard::view::{Node, Screen, Tag};

use super::{permission_groups, signed_in};

/// Reading the tenant to make the plan.
pub fn reading(summary: &SummaryReport) -> Screen {
    Screen::new("reading", "Reading your tenant")
        .with(signed_in(summary))
        .with(
            p("Reading your tenant to make the plan. Nothing is written yet.")
                .id("registration-reading"),
        )
}

/// The plan, before anything is written.
pub fn plan(
    summary: &SummaryReport,
    lines: &[String],
    permissions: &[RequestedPermission],
) -> Screen {
    Screen::new("plan", "Check the plan")
        .with(signed_in(summary))
        .with(Node::element(Tag::Div).id("plan-details").children([
            p("This is what will be done in your tenant. Nothing is written until you confirm."),
            text_list(lines.iter().cloned()).id("plan-steps"),
            Node::element(Tag::H2).say("Permissions, and why the backup needs each"),
            permission_groups("plan-permissions", permissions),
            button("confirm-registration", "confirm", "Create it"),
        ]))
}

/// Each step's state, a progress bar, the round trips and the time spent.
fn progress_part(report: &ProgressReport, elapsed_seconds: u64) -> Node {
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
        .unwrap_or_else(|| format!("{done} of {total} steps done"));
    Node::element(Tag::Div).id("progress").children([
        Node::element(Tag::Progress)
            .id("progress-bar")
            .attr("max", total.to_string())
            .attr("value", done.to_string())
            .attr("aria-label", format!("{done} of {total} steps done")),
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
        muted(format!(
            "{} round trips to Microsoft Graph; {} s spent waiting for Microsoft; {} s in all.",
            report.round_trips, report.waited_seconds, elapsed_seconds
        ))
        .id("progress-summary"),
    ])
}

pub fn progress(summary: &SummaryReport, report: &ProgressReport, elapsed_seconds: u64) -> Screen {
    Screen::new("running", "Creating the app")
        .with(signed_in(summary))
        .with(progress_part(report, elapsed_seconds))
}

/// What was created and checked, with the values the backup server needs. Parts marked
/// `data-secret` are dropped from the page once the backup server has them.
pub fn result(
    summary: &SummaryReport,
    report: &ProgressReport,
    elapsed_seconds: u64,
    outcome: &OutcomeReport,
    files: Option<&CertificateFiles>,
) -> Screen {
    let title = if outcome.verified {
        "Registered and verified"
    } else {
        "Registered, with differences"
    };
    let mut rows = vec![
        (
            "Tenant id".to_owned(),
            Node::element(Tag::Span).children([
                code(outcome.tenant_id.as_str()).id("result-tenant-id"),
                Node::text(" "),
                copy("copy-tenant-id", "result-tenant-id", "the tenant id"),
            ]),
        ),
        (
            "Application (client) id".to_owned(),
            Node::element(Tag::Span).children([
                code(outcome.client_id.as_str()).id("result-client-id"),
                Node::text(" "),
                copy(
                    "copy-client-id",
                    "result-client-id",
                    "the application (client) id",
                ),
            ]),
        ),
    ];
    let mut secret_rows = Vec::new();
    if !outcome.secret.is_empty() {
        secret_rows.push(
            facts([
                (
                    "Client secret".to_owned(),
                    Node::element(Tag::Span).children([
                        Node::element(Tag::Input)
                            .id("result-secret")
                            .attr("readonly", "")
                            .attr("aria-label", "Client secret")
                            .attr("value", outcome.secret.as_str()),
                        Node::text(" "),
                        copy("copy-secret", "result-secret", "the client secret"),
                    ]),
                ),
                (
                    "Secret expires".to_owned(),
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
            .say("Thumbprint (SHA-1) ")
            .child(code(certificate.thumbprint_sha1.as_str()).id("result-certificate-thumbprint"));
        if !certificate.thumbprint_sha256.is_empty() {
            value = value.say(", SHA-256 ").child(
                code(certificate.thumbprint_sha256.as_str()).id("result-certificate-sha256"),
            );
        }
        value = value.say([", expires ", certificate.expires.as_str()].concat());
        if !certificate.added {
            value = value.say(" (kept from an earlier run)");
        }
        rows.push(("Certificate".to_owned(), value));
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
                            .say("Download the certificate as .pfx (key and certificate)"),
                    ),
                    p("").children([
                        Node::element(Tag::Label)
                            .attr("for", "result-pfx-password")
                            .say("Its password, shown once: "),
                        Node::element(Tag::Input)
                            .id("result-pfx-password")
                            .attr("readonly", "")
                            .attr("value", files.pfx_password.as_str()),
                    ]),
                    p("Or as PEM files: ").children([
                        Node::element(Tag::A)
                            .id("result-key-pem")
                            .attr("href", files.private_key_pem_url.as_str())
                            .attr("download", "backup-app-key.pem")
                            .say("private key (unencrypted: keep it safe)"),
                        Node::text(", "),
                        Node::element(Tag::A)
                            .id("result-certificate-pem")
                            .attr("href", files.certificate_pem_url.as_str())
                            .attr("download", "backup-app-certificate.pem")
                            .say("certificate"),
                    ]),
                ]),
        );
    }
    rows.push((
        "Permissions granted".to_owned(),
        text_list(outcome.granted.iter().cloned()).id("result-granted"),
    ));
    let verified_words = if outcome.verified {
        "Everything was read back from your tenant and matches the plan."
    } else {
        "Some things did not read back as planned yet (listed below). Run it again in a minute: \
         it fixes only what is missing."
    };
    let mut result = Node::element(Tag::Div)
        .id("result-details")
        .attr("data-verified", if outcome.verified { "yes" } else { "no" })
        .child(p(verified_words).id("result-verified"))
        .child(text_list(outcome.discrepancies.iter().cloned()).id("result-discrepancies"))
        .child(facts(rows).id("result-facts"))
        .children(secret_rows);
    if !outcome.verified {
        result = result.child(button("registration-retry", "run-again", "Run it again"));
    }
    result = result.child(muted(
        "Microsoft never shows the secret or the certificate's key again: this page keeps them \
         in memory only until the backup server has them, or until you leave.",
    ));
    Screen::new("result", title)
        .with(signed_in(summary))
        .with(result)
        .with(progress_part(report, elapsed_seconds))
}

/// The run stopped: why, what the tenant holds now, and a way to run it again.
pub fn stopped(
    summary: &SummaryReport,
    report: &ProgressReport,
    elapsed_seconds: u64,
    message: &str,
    in_tenant: &str,
) -> Screen {
    Screen::new("stopped", "The registration stopped")
        .with(signed_in(summary))
        .with(
            alert("registration-stopped", message)
                .child(p(in_tenant).id("registration-in-tenant"))
                .child(button("registration-retry", "run-again", "Run it again")),
        )
        .with(progress_part(report, elapsed_seconds))
}
