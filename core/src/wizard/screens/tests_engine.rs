//! Samples of what the engine says, built from real engine values so every sentence it has is
//! on some screen of `tests_language`: a plan that reaches every line, the progress in every
//! state, every stop and every difference a final check can find.

use serde_json::{Value, json};

use crate::auth::ConsentAbility;
use crate::catalog::PermissionKind;
use crate::config::{CertificateReason, Config};
use crate::registration::certificate::{CertificateWhy, KeyCredential};
use crate::registration::facts::{Facts, ResourcePrincipal, SecretRule};
use crate::registration::messages::ProgressReport;
use crate::registration::plan::{ExtraGrant, PlannedRole, StaleSecret, compute};
use crate::registration::{
    AppSummary, CertificateProblem, Checked, Discrepancy, InTenant, MissingPermission, NoAnswer,
    Plan, Progress, RegistrationRequest, Step, StepState, Stop, Unreadable, WaitReason,
};
use crate::wizard::words::Engine;

fn app() -> AppSummary {
    AppSummary {
        object_id: "o-1".into(),
        app_id: "22222222-3333-4444-8555-666666666666".into(),
        display_name: "Contoso {app} Backup".into(),
    }
}

/// The tenant offers every permission `config` asks for.
fn facts(request: &RegistrationRequest) -> Facts {
    let mut resources: Vec<Value> = Vec::new();
    for (n, p) in request.permissions.iter().enumerate() {
        let id = format!("00000000-0000-4000-8000-{n:012}");
        let entry = json!({ "id": id, "value": p.value });
        let app_id = p.resource.app_id();
        let at = match resources.iter().position(|r| r["appId"] == app_id) {
            Some(at) => at,
            None => {
                resources.push(json!({
                    "id": format!("sp-{n}"), "appId": app_id,
                    "displayName": p.resource.display_name(),
                    "appRoles": [], "oauth2PermissionScopes": [],
                }));
                resources.len() - 1
            }
        };
        let list = match p.kind {
            PermissionKind::Application => "appRoles",
            PermissionKind::Delegated => "oauth2PermissionScopes",
        };
        if let Some(list) = resources[at][list].as_array_mut() {
            list.push(entry);
        }
    }
    Facts {
        resources: resources.iter().map(ResourcePrincipal::from_json).collect(),
        secrets: SecretRule::Allowed,
        ..Facts::unknown()
    }
}

/// A plan for `config` with every kind of line in it.
pub fn plan(config: &Config) -> Plan {
    let request = RegistrationRequest::for_tenant(config, "t", ConsentAbility::CanGrantAll, [1; 8]);
    let mut plan = compute(&request, &facts(&request), 1_795_000_000_000)
        .unwrap_or_else(|stop| panic!("no plan: {stop}"));
    plan.left_alone.push(app());
    plan.extra_grants.push(ExtraGrant {
        id: "x".into(),
        resource: "Microsoft Graph".into(),
        permissions: vec!["Directory.ReadWrite.All".into()],
        kind: PermissionKind::Application,
    });
    let exchange = crate::catalog::roles::EXCHANGE_ADMINISTRATOR;
    plan.roles.push(PlannedRole {
        template_id: exchange.template_id.into(),
        display_name: exchange.display_name.into(),
        reason: crate::wizard::words::EN_REASONS
            .role_exchange_administrator
            .into(),
        exists: false,
    });
    plan.secret.shortened_to_policy_max = true;
    plan.secret.policy_unknown = true;
    plan.stale_secrets.push(StaleSecret {
        key_id: "k".into(),
        display_name: "M365Registrar secret run0".into(),
    });
    plan.certificates.push(KeyCredential::from_json(&json!({
        "keyId": "k2", "displayName": "CN=Contoso", "endDateTime": "2027-01-01T00:00:00Z",
    })));
    plan.needs_privileged_admin = true;
    plan
}

/// The same plan with the lines a repair, a kept certificate and a forbidden secret say.
pub fn other_plan(config: &Config) -> Plan {
    let mut plan = plan(config);
    plan.app = crate::registration::AppAction::Adopt(app());
    plan.secret.forbidden = true;
    plan.certificate = None;
    // Every reason a certificate can have, each said in the language.
    plan.certificate_reasons = vec![
        CertificateWhy::Configured(CertificateReason::SharePointAppOnly),
        CertificateWhy::Configured(CertificateReason::ExchangeManagement),
        CertificateWhy::Configured(CertificateReason::Requested),
        CertificateWhy::SecretsForbidden,
        CertificateWhy::Asked,
    ];
    if let Some(role) = plan.roles.first_mut() {
        role.exists = true;
    }
    plan.application_grants
        .iter_mut()
        .for_each(|g| g.exists = true);
    plan
}

/// The progress with every state, in `words`.
pub fn progress(words: &Engine) -> ProgressReport {
    let mut progress = Progress::new();
    let states = [
        StepState::Done,
        StepState::Running,
        StepState::Waiting {
            seconds: 3,
            reason: WaitReason::Throttled,
        },
        StepState::Waiting {
            seconds: 2,
            reason: WaitReason::Replication,
        },
        StepState::Waiting {
            seconds: 1,
            reason: WaitReason::NoAnswer,
        },
        StepState::Skipped,
        StepState::Failed,
        StepState::Pending,
    ];
    for (step, state) in Step::ALL.into_iter().zip(states) {
        progress.steps.iter_mut().for_each(|entry| {
            if entry.0 == step {
                entry.1 = state.clone();
            }
        });
    }
    ProgressReport::from_progress_in(&progress, words)
}

/// Every way a run stops, each with what the tenant holds.
pub fn stops() -> Vec<(Stop, InTenant)> {
    let missing = |resource_missing| MissingPermission {
        resource: "Office 365 SharePoint Online".into(),
        value: "Sites.FullControl.All".into(),
        kind: PermissionKind::Application,
        resource_missing,
    };
    let everything = InTenant {
        app: Some(app()),
        principal_id: Some("sp".into()),
        secret_added: true,
        certificate_added: true,
        grants_in_place: 3,
        grants_planned: 9,
    };
    let mut stops = vec![
        Stop::PermissionsMissing(vec![missing(true), missing(false)]),
        Stop::SeveralApps(vec![app(), app()]),
        Stop::AppGone {
            object_id: "o".into(),
            app_id: "a".into(),
        },
        Stop::CannotRegister,
        Stop::CertificateRefused {
            message: "m".into(),
        },
        Stop::SecretRefused {
            message: "m".into(),
        },
        Stop::MissingRole {
            step: Step::ApplicationGrants,
            message: "m".into(),
        },
        Stop::MissingRole {
            step: Step::App,
            message: "m".into(),
        },
        Stop::GaveUp {
            step: Step::Secret,
            reason: WaitReason::Replication,
        },
        Stop::SignInExpired,
        Stop::Refused {
            step: Step::DirectoryRoles,
            status: 400,
            code: "c".into(),
            message: "m".into(),
        },
    ];
    // Every kind of detail the engine puts in a stop: each must be said in the language.
    stops.extend(CERTIFICATE_PROBLEMS.map(|problem| Stop::Certificate { problem }));
    stops.extend(
        [
            NoAnswer::AfterTries,
            NoAnswer::InTime,
            NoAnswer::Browser("NetworkError".into()),
        ]
        .map(|detail| Stop::Unreachable {
            step: Step::Verify,
            detail,
        }),
    );
    stops.extend(UNREADABLE.map(|problem| Stop::UnexpectedAnswer {
        step: Step::ServicePrincipal,
        problem,
    }));
    stops
        .into_iter()
        .enumerate()
        .map(|(n, stop)| {
            let held = if n % 2 == 0 {
                everything.clone()
            } else {
                InTenant::default()
            };
            (stop, held)
        })
        .collect()
}

/// Every difference a final check can report.
pub fn discrepancies(words: &crate::wizard::Words) -> Vec<String> {
    [
        Discrepancy::ResourceAccess,
        Discrepancy::SecretMissing,
        Discrepancy::CertificateMissing {
            thumbprint: "AB".into(),
        },
        Discrepancy::GrantMissing {
            resource: "Microsoft Graph".into(),
            permission: "Mail.Read".into(),
        },
        Discrepancy::GrantExtra {
            resource: "Microsoft Graph".into(),
            permission: "Mail.Read".into(),
        },
        Discrepancy::RoleMissing {
            role: "Exchange Administrator".into(),
        },
    ]
    .into_iter()
    .chain(CHECKED.map(|what| Discrepancy::NotChecked { what }))
    .map(|d| d.says(words))
    .collect()
}

/// Every certificate problem (`listed` fails to compile until a new one is added here).
const CERTIFICATE_PROBLEMS: [CertificateProblem; 5] = [
    CertificateProblem::NoneMade,
    CertificateProblem::NoneInPlan,
    CertificateProblem::NotCertificate,
    CertificateProblem::LongerThanPlan,
    CertificateProblem::ExistingUnreadable,
];

const UNREADABLE: [Unreadable; 8] = [
    Unreadable::NoPlan,
    Unreadable::AppUnknown,
    Unreadable::PrincipalUnknown,
    Unreadable::AppOrSecretUnknown,
    Unreadable::NoResults,
    Unreadable::TooManyPages,
    Unreadable::PageElsewhere,
    Unreadable::NoSecret,
];

const CHECKED: [Checked; 5] = [
    Checked::App,
    Checked::ServicePrincipal,
    Checked::ApplicationPermissions,
    Checked::DelegatedPermissions,
    Checked::DirectoryRoles,
];

/// Fails to compile when a kind is added and not listed above.
#[allow(dead_code)]
fn listed(problem: CertificateProblem, unreadable: Unreadable, checked: Checked) {
    use CertificateProblem as C;
    use Checked as K;
    use Unreadable as U;
    match problem {
        C::NoneMade | C::NoneInPlan | C::NotCertificate | C::LongerThanPlan => {}
        C::ExistingUnreadable => {}
    }
    match unreadable {
        U::NoPlan | U::AppUnknown | U::PrincipalUnknown | U::AppOrSecretUnknown => {}
        U::NoResults | U::TooManyPages | U::PageElsewhere | U::NoSecret => {}
    }
    match checked {
        K::App | K::ServicePrincipal | K::ApplicationPermissions => {}
        K::DelegatedPermissions | K::DirectoryRoles => {}
    }
}
