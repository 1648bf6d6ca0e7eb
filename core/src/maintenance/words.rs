//! Every sentence the admin reads about a check, in the admin's language: the words are the
//! wizard's `Maintenance` group (`wizard::words`); this file puts the findings' facts in their
//! slots. `Display` says them in English.

use core::fmt;

use super::app::{Credential, Expiry};
use super::check::AppCheck;
use super::findings::{Finding, PermissionRef};
use crate::registration::words::kind;
use crate::wizard::words::{EN, Maintenance, Words, fill, isolated, plain};

impl PermissionRef {
    /// "Mail.ReadWrite (Microsoft Graph, application permission)".
    pub fn says(&self, words: &Words) -> String {
        [
            self.permission.as_str(),
            " (",
            &self.resource,
            ", ",
            kind(self.kind, &words.engine),
            ")",
        ]
        .concat()
    }
}

impl fmt::Display for PermissionRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&plain(&self.says(&EN)))
    }
}

/// "The client secret "x" (key id …)", the subject of a sentence on its expiry.
fn credential(w: &Maintenance, secret: bool, c: &Credential) -> String {
    let template = match (secret, c.display_name.is_empty()) {
        (true, false) => w.secret_named,
        (true, true) => w.secret_unnamed,
        (false, false) => w.certificate_named,
        (false, true) => w.certificate_unnamed,
    };
    fill(
        template,
        &[("name", &c.display_name), ("key_id", &c.key_id)],
    )
}

fn expired(w: &Maintenance, secret: bool, c: &Credential) -> String {
    fill(
        w.expired,
        &[
            ("credential", &credential(w, secret, c)),
            ("date", &c.ends),
            ("rotate", w.rotate),
        ],
    )
}

fn expires(w: &Maintenance, secret: bool, c: &Credential) -> String {
    let date = ("date", c.ends.as_str());
    let when = match c.expiry {
        Expiry::ExpiresSoon { days_left: 0 } => fill(w.when_today, &[date]),
        Expiry::ExpiresSoon { days_left: 1 } => fill(w.when_tomorrow, &[date]),
        Expiry::ExpiresSoon { days_left } | Expiry::Valid { days_left } => {
            fill(w.when_days, &[("days", &days_left.to_string()), date])
        }
        Expiry::Expired | Expiry::Unknown => fill(w.when_on, &[date]),
    };
    fill(
        w.expires,
        &[
            ("credential", &credential(w, secret, c)),
            ("when", &when),
            ("rotate", w.rotate),
        ],
    )
}

impl Finding {
    /// What is wrong, and what fixes it.
    pub fn says(&self, words: &Words) -> String {
        let w = &words.maintenance;
        let permission =
            |template, p: &PermissionRef| fill(template, &[("permission", &p.says(words))]);
        match self {
            Finding::AppNotFound { app_id, tenant_id } => fill(
                w.app_not_found,
                &[("app_id", app_id), ("tenant_id", tenant_id)],
            ),
            Finding::NoServicePrincipal => w.no_service_principal.to_owned(),
            Finding::MissingFromRequested(p) => permission(w.missing_from_requested, p),
            Finding::ExtraRequested(p) => permission(w.extra_requested, p),
            Finding::NotConsented(p) => permission(w.not_consented, p),
            Finding::ConsentedNotRequested(p) => permission(w.consented_not_requested, p),
            Finding::RoleMissing { role } => fill(
                w.role_missing,
                &[("role", crate::catalog::roles::role_name(role, &words.roles))],
            ),
            Finding::Unavailable(p) => permission(w.unavailable, p),
            Finding::SecretExpired(c) => expired(w, true, c),
            Finding::SecretExpiresSoon(c) => expires(w, true, c),
            Finding::CertificateExpired(c) => expired(w, false, c),
            Finding::CertificateExpiresSoon(c) => expires(w, false, c),
            Finding::CertificateMissing { reasons } => {
                let said: Vec<&str> = reasons.iter().map(|r| r.says(&words.reasons)).collect();
                fill(w.certificate_missing, &[("reasons", &said.join(" "))])
            }
            Finding::NoCredential => w.no_credential.to_owned(),
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&plain(&self.says(&EN)))
    }
}

impl AppCheck {
    /// The check as sentences, in English: which app, who made it, then each finding (or
    /// that all is well).
    pub fn describe(&self) -> Vec<String> {
        let lines = self.describe_in(&EN);
        lines.iter().map(|line| plain(line)).collect()
    }

    /// The check as sentences in the language of `words`.
    pub fn describe_in(&self, words: &Words) -> Vec<String> {
        let w = &words.maintenance;
        let mut lines = Vec::new();
        if let Some(app) = &self.app {
            let maker = match app.maker {
                super::Maker::ThisProduct => w.maker_this,
                super::Maker::AdoptedByThisProduct => w.maker_adopted,
                super::Maker::SameNameByHand => w.maker_same_name,
                super::Maker::Other => w.maker_other,
            };
            lines.push(fill(
                w.check_app,
                &[
                    ("app", &isolated(&app.display_name)),
                    ("app_id", &app.app_id),
                    ("maker", maker),
                ],
            ));
        }
        lines.extend(self.findings.iter().map(|finding| finding.says(words)));
        if self.is_clean() {
            lines.push(w.check_clean.to_owned());
        }
        lines
    }
}
