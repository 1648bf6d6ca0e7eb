//! Samples of what the maintenance paths say, so every finding and every error is on some
//! screen of `tests_language`.

use crate::catalog::PermissionKind;
use crate::config::CertificateReason;
use crate::maintenance::{Credential, Expiry, Finding, Lingering, MaintenanceError, PermissionRef};
use crate::registration::WaitReason;

fn permission(kind: PermissionKind) -> PermissionRef {
    PermissionRef {
        resource: "Microsoft Graph".into(),
        permission: "Mail.ReadWrite".into(),
        kind,
    }
}

fn credential(name: &str, expiry: Expiry) -> Credential {
    Credential {
        key_id: "9f0c0000-0000-4000-8000-000000000009".into(),
        display_name: name.into(),
        ends: "2026-01-01T00:00:00Z".into(),
        expiry,
    }
}

/// Every finding a check can make (but the app not being there, said on its own screen).
pub fn findings() -> Vec<Finding> {
    let soon = |days_left| Expiry::ExpiresSoon { days_left };
    vec![
        Finding::NoServicePrincipal,
        Finding::MissingFromRequested(permission(PermissionKind::Application)),
        Finding::ExtraRequested(permission(PermissionKind::Delegated)),
        Finding::NotConsented(permission(PermissionKind::Application)),
        Finding::ConsentedNotRequested(permission(PermissionKind::Delegated)),
        Finding::RoleMissing {
            role: "Exchange Administrator".into(),
        },
        Finding::Unavailable(permission(PermissionKind::Application)),
        Finding::SecretExpired(credential("old secret", Expiry::Expired)),
        Finding::SecretExpiresSoon(credential("", soon(0))),
        Finding::CertificateExpired(credential("", Expiry::Unknown)),
        Finding::CertificateExpiresSoon(credential("cert", soon(1))),
        Finding::CertificateExpiresSoon(credential("cert", soon(5))),
        Finding::CertificateMissing {
            reasons: vec![
                CertificateReason::SharePointAppOnly,
                CertificateReason::ExchangeManagement,
                CertificateReason::Requested,
            ],
        },
        Finding::NoCredential,
    ]
}

/// Every way a maintenance operation ends without its result.
pub fn errors() -> Vec<MaintenanceError> {
    let what = crate::wizard::words::EN_MAINTENANCE.doing_read_app;
    vec![
        MaintenanceError::NotAnAppId { given: "x".into() },
        MaintenanceError::EmptyName,
        MaintenanceError::AppNotFound {
            app_id: "a".into(),
            tenant_id: "t".into(),
        },
        MaintenanceError::NotOurs {
            display_name: "Contoso {app} Backup".into(),
            app_id: "a".into(),
        },
        MaintenanceError::NameMismatch {
            typed: "x".into(),
            display_name: "Contoso {app} Backup".into(),
        },
        MaintenanceError::NothingNew,
        MaintenanceError::OtherApp {
            expected: "a".into(),
            found: "b".into(),
        },
        MaintenanceError::NewCredentialMissing { key_id: "k".into() },
        MaintenanceError::CertificateUnreadable { key_id: "k".into() },
        MaintenanceError::StillThere {
            what: Lingering::App {
                name: "Contoso {app} Backup".into(),
            },
        },
        MaintenanceError::StillThere {
            what: Lingering::Principal {
                name: "Contoso {app} Backup".into(),
            },
        },
        MaintenanceError::StillThere {
            what: Lingering::Credential { key_id: "k".into() },
        },
        MaintenanceError::SignInExpired,
        MaintenanceError::MissingRole {
            what,
            message: "m".into(),
        },
        MaintenanceError::GaveUp {
            what,
            reason: WaitReason::Throttled,
        },
        MaintenanceError::Unreachable {
            what,
            detail: "d".into(),
        },
        MaintenanceError::Refused {
            what,
            status: 400,
            code: "c".into(),
            message: "m".into(),
        },
        MaintenanceError::UnexpectedAnswer { what, problem: "p" },
    ]
}
