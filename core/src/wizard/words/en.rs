//! English: every word the wizard's screens say. Slots in `{braces}` are filled by the code.

use super::*;

pub const EN: Words = Words {
    steps: EN_STEPS,
    sign_in: EN_SIGN_IN,
    common: EN_COMMON,
    welcome: EN_WELCOME,
    who: EN_WHO,
    run: EN_RUN,
    check: EN_CHECK,
    busy: EN_BUSY,
    maintain: EN_MAINTAIN,
    manual: EN_MANUAL,
    extras: EN_EXTRAS,
    permissions: EN_PERMISSIONS,
    engine: EN_ENGINE,
    reasons: EN_REASONS,
    maintenance: EN_MAINTENANCE,
    portal: EN_PORTAL,
};

// Each group its own constant, so the first screen links only the groups it shows
// (`Language::page_words`); the worker links them all.
pub const EN_SIGN_IN: SignIn = SignIn {
    waiting: "Finish signing in in the Microsoft window. If you closed it, or cannot find it, start again: nothing has been created yet.",
    foreign: "A sign-in answer that was not for this page arrived (from another tab, or forged) and was ignored. Keep going in the Microsoft window.",
    restart: "Start sign-in again",
    cancel: "Cancel",
    checking: "Checking your sign-in and your roles…",
    popup_hint: "Nothing was created. Your browser only lets this page open a window right after a click.",
    sign_in_here: "Sign in in this tab instead",
    retry: "Sign in with Microsoft",
    sign_in_again: "Sign in again, or with another account",
};

pub const EN_STEPS: Steps = Steps {
    welcome: "Connect your tenant",
    signing_in: "Sign in",
    checking: "Checking your sign-in",
    working: "Working",
};

pub const EN_COMMON: Common = Common {
    copy: "Copy",
    copy_what: "Copy {what}",
    app: "App",
    credentials: "Credentials",
    tenant_id: "Tenant id",
    application_client_id: "Application (client) id",
    cancel: "Cancel",
    check: "Check",
    rotate: "Rotate",
    run_again: "Run it again",
    check_another: "Check another app",
    entra_admin_center: "Microsoft Entra admin center",
    record_download: "Download the record of what changed in your tenant (no secrets in it)",
};

pub const EN_WELCOME: Welcome = Welcome {
    title: "Connect “{app}” to your Microsoft 365 tenant",
    intro: "Your backup product needs an app in your tenant, with permissions to read what it \
            backs up. This page creates it from your browser, in a few clicks, and shows \
            exactly what it does. No password, token or secret passes through anyone's server.",
    receiver_file: "a settings file you download and give to your backup product",
    receiver_dashboard: "your backup product's dashboard at {origins}",
    origins_or: " or ",
    credentials_secret: "a client secret valid {days} days",
    credentials_secret_and_certificate: "a client secret valid {days} days, and a certificate \
                                         made in your browser",
    step_sign_in: "You sign in with your Microsoft work account, in a Microsoft window.",
    step_check: "This page checks that your account may grant admin consent, and shows the \
                 plan. Nothing is written before you confirm it.",
    step_create: "It creates the app “{app}” and its service principal, grants admin consent \
                  to the {count} permissions below, and adds {credentials}.",
    step_create_with_role: "It creates the app “{app}” and its service principal, grants \
                            admin consent to the {count} permissions below and the Exchange \
                            Administrator role, and adds {credentials}.",
    step_hand_over: "It reads everything back to check it, then gives the result to \
                     {receiver}.",
    what_happens: "What happens",
    who_can: "Who can do it",
    who_can_words: "A Global Administrator, or a Privileged Role Administrator: only they may \
                    grant admin consent to application permissions. An Application \
                    Administrator can create the app but not grant its permissions; this \
                    page then offers a link to send to a Global Administrator.",
    sign_in: "Sign in with Microsoft",
    other_paths: "Something else: check, rotate or remove an app, or do it by hand",
    path_check: "Check or repair an existing app",
    path_maintain: "Rotate or disconnect an app made here",
    path_manual: "Do it by hand in the Entra admin center",
    other_paths_note: "Checking reads only. Repairing, rotating and disconnecting show what \
                       they will change and wait for your confirmation. By hand, this page \
                       writes nothing.",
    what_app_gets: "What the backup app gets",
    fact_receiver: "Who receives the result",
    fact_protection: "Protection",
    fact_sign_in_at: "You sign in at",
    own_addresses: "your own sign-in and Graph addresses",
    sealed: "Sealed: encrypted to your backup server's key, only it can open it.",
    not_sealed: "Not encrypted: sent only to the address above, over HTTPS.",
    why_certificate: "Why a certificate: {why}",
    exchange_role: "The app also gets the Exchange Administrator role, which Exchange Online \
                    PowerShell needs to work without a user.",
    two_apps: "Microsoft's consent screen: why it names another app",
    two_apps_client: "You sign in to this page's own app, the onboarding app (client id \
                      {client_id}). Microsoft asks you to consent to what it needs to create \
                      the backup app as you, from your browser:",
    two_apps_untick: "Leave “Consent on behalf of your organization” unticked: your own \
                      consent is enough, and nobody else can then use the onboarding app.",
    two_apps_remove: "The onboarding app stays listed in your Enterprise applications. To \
                      remove it afterwards: Entra admin center › Enterprise applications › \
                      the onboarding app › Properties › Delete. The backup app is a separate \
                      app, created by you.",
    browser_only: "What never leaves your browser",
    browser_only_words: "Your sign-in's tokens stay in this page's memory and are dropped \
                         when you leave. The new secret and the certificate's private key go \
                         only to the receiver named above, once, and are then forgotten. \
                         Nothing is saved in the browser's storage.",
    talks_only: "It talks only to Microsoft: {sign_in} to sign you in, {graph} to create the \
                 app.",
};

pub const EN_WHO: Who = Who {
    can_grant_all: "You can complete the registration, including admin consent.",
    can_create_not_grant: "You can create the app, but not grant its Microsoft Graph \
                           application permissions: that needs a Global Administrator or a \
                           Privileged Role Administrator. Sign in with such an account, or \
                           send this page to one.",
    roles_unreadable: "Microsoft Graph did not say which administrator roles your account \
                       holds, so this page cannot tell whether you can complete the \
                       registration. Sign in again to retry, or go on: a step your account \
                       may not do is refused and explained.",
    cannot_register: "Your account cannot do this: it needs a Global Administrator or a \
                      Privileged Role Administrator. Sign in with such an account, or send \
                      this page to one.",
    no_role: "no administrator role",
    tenant: "Tenant",
    primary_domain: "Primary domain",
    you: "You",
    your_roles: "Your roles",
    title: "Signed in",
    hand_over: "To hand this over, send a Global Administrator the link below: they open it, \
                sign in and finish. Nothing has been created yet.",
    other_account: "Sign in with another account",
    copy_link: "Copy a link for a Global Administrator",
};

pub const EN_RUN: Run = Run {
    reading_title: "Reading your tenant",
    reading: "Reading your tenant to make the plan. Nothing is written yet.",
    plan_title: "Check the plan",
    plan_intro: "This is what will be done in your tenant. Nothing is written until you \
                 confirm.",
    plan_permissions: "Permissions, and why the backup needs each",
    profile_now: "Permissions chosen: {profile}. The backup product also allows:",
    use_profile: "Use “{profile}” instead",
    create: "Create it",
    steps_done: "{done} of {total} steps done",
    round_trips: "{round_trips} round trips to Microsoft Graph; {waited} s spent waiting for \
                  Microsoft; {elapsed} s in all.",
    progress_title: "Creating the app",
    verified_title: "Registered and verified",
    differences_title: "Registered, with differences",
    the_tenant_id: "the tenant id",
    the_client_id: "the application (client) id",
    client_secret: "Client secret",
    the_client_secret: "the client secret",
    secret_expires: "Secret expires",
    certificate: "Certificate",
    thumbprint: "Thumbprint (SHA-1) {sha1}",
    expires: ", expires {date}",
    kept: " (kept from an earlier run)",
    download_pfx: "Download the certificate as .pfx (key and certificate)",
    pfx_password: "Its password, shown once: ",
    pem_files: "Or as PEM files: ",
    private_key_pem: "private key (unencrypted: keep it safe)",
    certificate_pem: "certificate",
    granted: "Permissions granted",
    verified: "Everything was read back from your tenant and matches the plan.",
    not_verified: "Some things did not read back as planned yet (listed below). Run it again \
                   in a minute: it fixes only what is missing.",
    keep_note: "Microsoft never shows the secret or the certificate's key again: this page \
                keeps them in memory only until the backup server has them, or until you \
                leave.",
    stopped_title: "The registration stopped",
};

pub const EN_CHECK: Check = Check {
    by_this_product: "made by this page for this backup product",
    adopted: "registered by hand, since repaired by this page",
    same_name_by_hand: "registered by hand, with this backup product's name",
    not_made_here: "not made by this page",
    form_title: "Check an existing app",
    form_intro: "This reads the app and compares it with what the backup product needs. It \
                 changes nothing unless you then choose to repair it.",
    app_id_hint: "A GUID, from the app's Overview page in the Entra admin center.",
    check_this_app: "Check this app",
    find_label: "Or find it by the start of its name",
    find_hint: "For example “Contoso Backup”.",
    find_apps: "Find apps",
    apps_found: "Apps found",
    none_found: "No app's name starts that way.",
    result_title: "What the check found",
    no_such_app: "No app with application id {app_id} in this tenant.",
    made_by: "Made by",
    credential_counts: "{secrets} client secret(s), {certificates} certificate(s)",
    in_entra: "In Entra",
    open_in_entra: "Open it in the Entra admin center",
    clean: "Nothing is missing: the app has every permission the backup needs, consented, \
            and a working credential.",
    what_is_wrong: "What is wrong",
    repair: "Repair it",
    rotate: "Rotate its secret and certificate",
    disconnect: "Disconnect it",
    repair_note: "Repair shows its plan first, like a new registration: it adds only what is \
                  missing, removes only what is extra, and writes nothing before you \
                  confirm.",
};

pub const EN_BUSY: Busy = Busy {
    reading_app_title: "Reading the app",
    reading_app: "Reading the app from your tenant. Nothing is changed.",
    finding_title: "Looking for apps",
    finding: "Looking for apps in your tenant. Nothing is changed.",
    disconnecting_title: "Disconnecting",
    disconnecting: "Deleting the app and its enterprise application…",
    retiring_title: "Removing the old credentials",
    retiring: "Removing the old secret and certificate…",
};

pub const EN_MAINTAIN: Maintain = Maintain {
    title: "Rotate or disconnect an app",
    none: "No app made by this page for this backup product is in this tenant.",
    check_by_id: "Check an app by its id",
    intro: "Rotating adds a new client secret (and certificate) and hands them to the backup \
            product; the old ones are removed only once it has the new ones. Disconnecting \
            deletes the app, so the backup can no longer sign in.",
    disconnect: "Disconnect",
    disconnect_title: "Disconnect the app",
    disconnect_what: "This deletes the app registration {app} ({id}) and its enterprise \
                      application. The backup product can then no longer sign in to your \
                      tenant. Deleted apps can be restored for 30 days in the Entra admin \
                      center.",
    type_name: "Type the app's name to confirm",
    delete: "Delete the app",
    rotate_title: "Rotate the app's credentials",
    not_made_here: "This page did not make {app}: to add new credentials to it and later \
                    remove its old ones, type its name.",
    app_name: "The app's name",
    disconnected_title: "The app is disconnected",
    removed_secret: "Removed the old client secret {name} ({id}).",
    removed_certificate: "Removed the old certificate {name} ({id}).",
    nothing_removed: "There was no old credential to remove.",
    retired_title: "Rotated: the old credentials are removed",
    only_new_work: "Only the new secret and certificate, now with the backup product, work.",
    retire_heading: "Remove the old credentials",
    retire_words: "Once the backup product works with the new secret and certificate, \
                   remove the old ones. Until then both work.",
    retire_button: "The backup product has the new ones: remove the old",
    retire_waiting: "The old secret and certificate are removed as soon as the backup product confirms it has the new ones. Until then both work.",
};

pub const EN_MANUAL: Manual = Manual {
    title: "Register the app by hand",
    intro: "Nothing is written by this page on this path: you make the app yourself in the \
            Entra admin center, as below, then let this page check it (read only). The app \
            to make: {app}.",
    manifest_heading: "The permissions as a manifest",
    manifest_how: "Instead of adding each permission by hand: open the app's Manifest, \
                   replace “requiredResourceAccess” with this, save, then grant admin \
                   consent.",
    the_manifest: "the manifest",
    left_out: "Not in the manifest, because their ids differ from tenant to tenant: add these \
               by name on the API permissions page.",
    then_check: "Then check it",
    then_check_words: "Sign in and give this page the new app's application (client) id: it \
                       reads the app and says what is missing, extra or not consented, \
                       without changing anything unless you ask.",
    sign_in_and_check: "Sign in and check the app",
};

pub const EN_EXTRAS: Extras = Extras {
    preview_heading: "What the backup will see",
    unknown: "unknown: {why}",
    preview_note: "Read with your sign-in, just now. Mailboxes are an upper estimate: shared \
                   and room mailboxes count too.",
    users: "Users",
    groups: "Groups",
    mailboxes: "Mailboxes",
    sites: "SharePoint sites",
    see_it_in: "See it in the {portal}",
    link_overview: "The app registration",
    link_permissions: "Its API permissions and consent",
    link_credentials: "Its certificates and secrets",
};

pub const EN_PERMISSIONS: Permissions = Permissions {
    discovery: "Finding what to back up",
    mail: "Mail",
    calendars: "Calendars",
    contacts: "Contacts",
    onedrive: "OneDrive",
    sharepoint: "SharePoint and Teams files",
    other: "Other",
    application: "application (used by the backup without a user)",
    delegated: "delegated (used on behalf of a signed-in user)",
};

pub const EN_ENGINE: Engine = Engine {
    step_discover: "Read your tenant",
    step_confirm: "Confirm the plan",
    step_app: "App registration",
    step_service_principal: "Enterprise application (service principal)",
    step_secret: "Client secret",
    step_application_grants: "Application permissions (admin consent)",
    step_delegated_grants: "Delegated permissions (admin consent)",
    step_directory_roles: "Directory roles",
    step_verify: "Check everything",
    state_pending: "to do",
    state_running: "working",
    state_waiting: "waiting {seconds} s: {reason}",
    state_done: "done",
    state_skipped: "not needed",
    state_failed: "stopped",
    wait_throttled: "Microsoft Graph asked us to slow down",
    wait_replication: "what was just created is not visible everywhere in Microsoft's directory yet",
    wait_no_answer: "a request got no answer",
    kind_application: "application permission",
    kind_delegated: "delegated permission",
    resume: "Run the registration again (sign in again if asked): it finds what exists and finishes without creating anything twice.",
    permissions_missing: "Your tenant does not offer every permission the app needs, so nothing was created:",
    permission_api_missing: "{permission} ({kind}): the API {api} is not in your tenant",
    permission_not_offered: "{permission} ({kind}) of {api}: not offered by that API in your tenant",
    permissions_missing_then: "Ask the vendor which permissions your tenant needs, or whether the service is licensed in it.",
    several_apps: "Several app registrations already have this name, and we will not guess which one is the backup app:",
    several_apps_line: "{app} (application id {app_id}, object id {object_id})",
    several_apps_then: "Delete the ones that are not used (Entra admin center, App registrations) and run the registration again; the one left is repaired and reused.",
    app_gone: "The app registration with application id {app_id} (object id {object_id}) is no longer in your tenant, so nothing was written. Check the app again: if it was deleted by mistake, restore it from \"Deleted applications\" in the Entra admin center (App registrations) within 30 days.",
    cannot_register: "Your account has none of the roles needed to register the app. Sign in as a Global Administrator or Privileged Role Administrator (activate an eligible role in Privileged Identity Management first).",
    certificate: "The certificate could not be added: {problem}. Nothing was written. {resume}",
    certificate_refused: "Your tenant's app management policy refused the certificate ({message}). Ask your administrator which certificates the policy allows.",
    secret_refused: "Your tenant's app management policy refused the client secret ({message}). Ask your administrator which secrets the policy allows.",
    missing_role_grant: "Your account may create the app but not grant it its permissions ({step}). Ask a Global Administrator or Privileged Role Administrator to sign in here and run the registration: it finds the app and finishes.",
    missing_role: "Your account is not allowed to do this step ({step}). Sign in as a Global Administrator or Privileged Role Administrator and run the registration again.",
    gave_up: "We stopped at \"{step}\" because {reason} for longer than we wait. {resume}",
    unreachable: "Microsoft Graph could not be reached at \"{step}\" ({detail}). Check your network connection. {resume}",
    sign_in_expired: "Your sign-in has expired or was not accepted by Microsoft Graph. Sign in again. {resume}",
    refused: "Microsoft Graph refused \"{step}\" ({status} {code}: {message}). {resume} If it happens again, contact the vendor's support with this message.",
    unexpected_answer: "Microsoft Graph's answer at \"{step}\" could not be used: {problem}. {resume}",
    nothing_created: "Nothing was created in your tenant.",
    in_tenant_app: "In your tenant now: the app registration \"{app}\" (application id {app_id})",
    in_tenant_principal: ", its enterprise application",
    in_tenant_grants: ", {in_place} of {planned} permissions granted",
    in_tenant_certificate: ". A certificate was sent with the app; its private key was only in this page, so a later run adds another",
    in_tenant_secret: ". A client secret was added; no one has its value, and a run an hour or more from now removes it",
    differs_requested: "The app's list of requested permissions is not as planned.",
    differs_secret: "The new client secret is not listed on the app yet.",
    differs_certificate: "The certificate with thumbprint {thumbprint} is not listed on the app.",
    differs_grant_missing: "{permission} ({api}) is not granted yet.",
    differs_grant_extra: "{permission} ({api}) is still granted though it is not needed.",
    differs_role: "The {role} role is not assigned yet.",
    differs_not_checked: "{what} could not be read back in the time the run may wait: not checked.",
    plan_create: "Create the app registration \"{app}\" (this organization only).",
    plan_update: "Update the app registration \"{app}\" (application id {app_id}) made by an earlier run.",
    plan_adopt: "Repair the app registration \"{app}\" (application id {app_id}) registered by hand, and mark it so later runs find it.",
    plan_leave_alone: "Leave alone the other app \"{app}\" (application id {app_id}).",
    plan_requested: "Its list of requested permissions: {add} to add, {remove} to remove.",
    plan_service_principal: "Create its enterprise application (service principal).",
    plan_grant_application: "Grant {permission} ({api}, application): {reason}",
    plan_keep_application: "Keep {permission} ({api}, application): {reason}",
    plan_grant_delegated: "Grant {permission} ({api}, delegated, for all users): {reason}",
    plan_change_delegated: "Change to {permission} ({api}, delegated, for all users): {reason}",
    plan_keep_delegated: "Keep {permission} ({api}, delegated, for all users): {reason}",
    plan_remove_extra: "Remove {permissions} ({api}, {kind}): not needed.",
    plan_assign_role: "Assign the {role} role: {reason}",
    plan_keep_role: "Keep the {role} role: {reason}",
    plan_no_secret: "No client secret: your tenant's policy forbids them; the app signs in with its certificate only.",
    plan_secret: "Add a client secret valid {days} days.",
    plan_secret_shortened: "Add a client secret valid {days} days (your tenant's policy allows at most that; {asked} were asked for).",
    plan_policy_unknown: "Your tenant's app management policy could not be read; if it limits secrets, the run will say so.",
    plan_certificate: "Add a certificate valid {days} days, made in your browser: its private key stays here and goes only into the file for the backup server. {reasons}",
    plan_certificate_shortened: "Add a certificate valid {days} days (your tenant's policy allows at most that; {asked} were asked for), made in your browser: its private key stays here and goes only into the file for the backup server. {reasons}",
    plan_certificate_kept: "Keep the certificate an earlier run added (the backup server has its key). {reasons}",
    plan_keep_certificate: "Keep the certificate \"{name}\" (thumbprint {thumbprint}, valid until {until}).",
    plan_remove_stale_secret: "Remove the secret \"{name}\" left by a run that did not finish (no one has its value).",
    plan_needs_privileged: "Your account can create the app but not grant Microsoft Graph application permissions: the run will stop there, and a Global Administrator or Privileged Role Administrator can sign in here to finish.",
};

pub const EN_REASONS: Reasons = Reasons {
    exchange_manage_as_app: "Run Exchange Online PowerShell without a user, e.g. to read archive and retention settings.",
    graph_user_read_all: "List every user to find the mailboxes and OneDrives to back up.",
    graph_user_read_write_all: "Read and update every user's profile (asked for by products that restore user properties).",
    graph_group_read_all: "List Microsoft 365 groups to find their shared mailboxes and team sites.",
    graph_directory_read_all: "Read the whole directory to discover users, groups and their relationships.",
    graph_directory_read_write_all: "Read and write the whole directory (asked for by products that restore directory objects).",
    graph_mail_read: "Read every mailbox to back it up; nothing is written back.",
    graph_mail_read_write: "Read every mailbox to back it up, and write to restore messages and folders.",
    graph_calendars_read: "Back up every calendar; nothing is written back.",
    graph_calendars_read_write: "Back up calendars and restore deleted or changed events.",
    graph_contacts_read: "Back up personal contacts; nothing is written back.",
    graph_contacts_read_write: "Back up personal contacts and restore them.",
    graph_files_read_all: "Back up every OneDrive; nothing is written back.",
    graph_files_read_write_all: "Back up every OneDrive and restore files and versions into it.",
    graph_sites_read_all: "Back up the documents and list items of every SharePoint site; nothing is written back.",
    graph_sites_read_write_all: "Back up and restore documents and list items in every SharePoint site.",
    graph_sites_full_control_all: "Back up SharePoint sites with their permissions, and restore them.",
    graph_delegated_user_read: "Sign a user in to the backup product and read their own profile.",
    graph_delegated_user_read_all: "Let a signed-in operator list users in the backup product.",
    graph_delegated_directory_read_all: "Let a signed-in operator browse the directory in the backup product.",
    graph_delegated_directory_read_write_all: "Let a signed-in operator change directory data from the backup product.",
    graph_delegated_sites_read_write_all: "Let a signed-in operator read and restore SharePoint items they can access.",
    sharepoint_sites_full_control_all: "Use SharePoint's own API for what Graph cannot back up, such as list and site settings.",
    sharepoint_sites_manage_all: "Create and delete lists and libraries through SharePoint's own API when restoring.",
    sharepoint_sites_read_all: "Read documents and list items through SharePoint's own API.",
    sharepoint_sites_read_write_all: "Read and restore documents and list items through SharePoint's own API.",
    sharepoint_user_read_all: "Read SharePoint user profiles to back them up.",
    sharepoint_user_read_write_all: "Read and restore SharePoint user profiles.",
    sharepoint_delegated_allsites_full_control: "Let a signed-in operator manage any site they control from the backup product.",
    sharepoint_delegated_allsites_manage: "Let a signed-in operator restore lists and libraries they can manage.",
    sharepoint_delegated_allsites_read: "Let a signed-in operator browse site content they can read.",
    sharepoint_delegated_allsites_write: "Let a signed-in operator restore documents and items they can edit.",
    sharepoint_delegated_myfiles_read: "Let a signed-in user browse their own OneDrive backups.",
    sharepoint_delegated_myfiles_write: "Let a signed-in user restore files into their own OneDrive.",
    scope_openid: "Sign you in and learn which tenant you belong to (ID token).",
    scope_profile: "Show your name, so you can check the right account is signed in.",
    scope_application_read_write_all: "Create the backup app's registration and service principal, and add its secret or certificate.",
    scope_app_role_assignment_read_write_all: "Grant the backup app its application permissions (admin consent) without the portal.",
    scope_delegated_permission_grant_read_write_all: "Grant the backup app's delegated permissions for the whole organization.",
    scope_user_read: "Read your profile, your organization's name and domains, and your admin roles, to check you can grant consent.",
    scope_policy_read_all: "Read your tenant's app management policy, so the secret's lifetime respects it (or a certificate is used).",
    scope_role_management_read_write_directory: "Give the backup app the Exchange Administrator role that Exchange Online PowerShell app-only access requires.",
    scope_preview_users: "Count your users and mailboxes, to show what the backup will see (only if the backup product turned the preview on).",
    scope_preview_groups: "Count your groups and teams, for the same preview.",
    scope_preview_sites: "Count your SharePoint sites, for the same preview.",
    certificate_sharepoint: "SharePoint's own API refuses client secrets for apps without a user since ACS retired (April 2026): it needs a certificate.",
    certificate_exchange: "Exchange Online PowerShell signs apps in with a certificate, not a client secret.",
    certificate_requested: "The backup product asks for one: a certificate is safer than a secret, since its private key never travels to Microsoft.",
    role_exchange_administrator: "Exchange Online PowerShell app-only access runs cmdlets with the rights of a directory role; this one covers mailbox and retention settings.",
};

pub const EN_MAINTENANCE: Maintenance = Maintenance {
    secret_named: "The client secret \"{name}\" (key id {key_id})",
    secret_unnamed: "The client secret (key id {key_id})",
    certificate_named: "The certificate \"{name}\" (key id {key_id})",
    certificate_unnamed: "The certificate (key id {key_id})",
    expired: "{credential} expired on {date}: nothing can sign in with it. {rotate}",
    expires: "{credential} expires {when}. {rotate}",
    when_today: "today ({date})",
    when_tomorrow: "tomorrow ({date})",
    when_days: "in {days} days ({date})",
    when_on: "on {date}",
    rotate: "Rotating the credentials adds a new one for the backup server and, once it has it, removes the old ones.",
    app_not_found: "No app with application id {app_id} in tenant {tenant_id}. Check the id (Entra admin center, App registrations, \"Application (client) ID\") or search for the app by its name.",
    no_service_principal: "The app has no enterprise application (service principal), so none of its permissions can be granted. Repair creates it and grants them.",
    missing_from_requested: "{permission} is needed by the profile but missing from the app's list of requested permissions. Repair adds it.",
    extra_requested: "{permission} is in the app's list of requested permissions but the profile does not need it. Repair removes it.",
    not_consented: "{permission} is needed by the profile but has no admin consent, so the backup cannot use it. Repair grants it.",
    consented_not_requested: "{permission} is granted to the app though the profile does not need it. Repair revokes it.",
    role_missing: "The app does not hold the {role} role the profile needs. Repair assigns it.",
    unavailable: "{permission} is needed by the profile but your tenant does not offer it, so no repair can grant it. Ask the vendor, or check that the service is licensed in your tenant.",
    certificate_missing: "The app has no valid certificate, and the profile needs one: {reasons} Rotating the credentials adds one.",
    no_credential: "The app has no valid secret or certificate: the backup server cannot sign in. Rotating the credentials adds a new one.",
    maker_this: "made by M365 Registrar",
    maker_adopted: "registered by hand and repaired by M365 Registrar",
    maker_same_name: "registered by hand, with the name M365 Registrar uses",
    maker_other: "not made by M365 Registrar",
    check_app: "The app \"{app}\" (application id {app_id}), {maker}.",
    check_clean: "Everything is as the profile wants: nothing to repair.",
    disconnected: "The app registration \"{app}\" (application id {app_id}) and its enterprise application were deleted: the backup can no longer sign in to your tenant.",
    disconnected_restore: "Deleted apps stay in Entra's \"Deleted applications\" for 30 days and can be restored there, with their permissions (Entra admin center, App registrations, Deleted applications; {doc}). After 30 days they are gone for good.",
    again: "Nothing is done twice if you try again.",
    not_an_app_id: "\"{given}\" is not an application (client) id. Copy it from the Entra admin center (App registrations, the app, \"Application (client) ID\"): it looks like 3b5e8f21-6a4c-4d7e-9b12-c0f4a7d9e856.",
    empty_name: "Type the start of the app's name to search for it.",
    error_app_not_found: "No app with application id {app_id} in tenant {tenant_id}. Check the id, or search by the app's name; if it was deleted, it can be restored from \"Deleted applications\" in the Entra admin center within 30 days.",
    not_ours: "The app \"{app}\" (application id {app_id}) was not made by M365 Registrar, so nothing was changed. If you are sure, type its name to confirm.",
    name_mismatch: "\"{typed}\" is not the app's name, so nothing was changed. Type \"{app}\" exactly to confirm.",
    nothing_new: "The rotation added no new secret or certificate, so no old one is removed. Run the rotation again.",
    other_app: "The credentials handed over belong to application id {found}, not to {expected}, so no old one is removed. Run the rotation again.",
    new_credential_missing: "The new credential (key id {key_id}) is not on the app, so no old one was removed: the backup server would be left without one. Run the rotation again.",
    certificate_unreadable: "The certificate with key id {key_id} could not be read with its public key, and removing the old certificates would remove it too, so nothing was changed. Remove the old certificates in the Entra admin center (App registrations, Certificates & secrets).",
    still_there_app: "The app registration \"{app}\"",
    still_there_principal: "The enterprise application of \"{app}\"",
    still_there_credential: "The old credential with key id {key_id}",
    still_there: "{what} is still listed after waiting for Microsoft's directory to catch up. Check again in a few minutes; if it is still there, remove it in the Entra admin center.",
    sign_in_expired: "Your sign-in has expired or was not accepted by Microsoft Graph. Sign in again and try again. {again}",
    missing_role: "Your account is not allowed to {what} ({message}). Sign in as a Global Administrator, Privileged Role Administrator, Application Administrator or Cloud Application Administrator and try again.",
    gave_up: "We stopped trying to {what} because {reason} for longer than we wait. Try again in a few minutes. {again}",
    unreachable: "Microsoft Graph could not be reached to {what} ({detail}). Check your network connection and try again. {again}",
    refused: "Microsoft Graph refused to {what} ({status} {code}: {message}). Try again; if it happens again, contact the vendor's support with this message.",
    unexpected_answer: "Microsoft Graph's answer when we tried to {what} could not be used: {problem}. Try again. {again}",
    doing_compare: "compare the app with the profile",
    doing_read_app: "read the app registration",
    doing_read_resources: "read the permissions your tenant's APIs offer",
    doing_read_principal: "read the app's enterprise application",
    doing_read_assignments: "read the app's application permissions",
    doing_read_delegated: "read the app's delegated permissions",
    doing_read_roles: "read the app's directory roles",
    doing_delete: "delete the app registration",
    doing_check_app_gone: "check the app registration is gone",
    doing_check_principal_gone: "check the enterprise application is gone",
    doing_read_credentials: "read the app's secrets and certificates",
    doing_remove_secret: "remove an old client secret",
    doing_remove_certificates: "remove the old certificates",
    doing_check_removed: "check the old credentials are gone",
    doing_search: "search for apps by name",
};

pub const EN_PORTAL: Portal = Portal {
    sign_in_at: "Sign in to the {portal} ({home}) as at least a Cloud Application Administrator.",
    sign_in_custom: "Sign in to your cloud's Microsoft Entra admin center as at least a Cloud Application Administrator.",
    your_organization: "your organization",
    register_title: "Register an application",
    browse_registrations: "Browse to Entra ID, then App registrations, and select New registration.",
    name: "Name: {app}",
    account_types: "Supported account types: Accounts in this organizational directory only (Single tenant).",
    redirect_empty: "Redirect URI: leave it empty.",
    select_register: "Select Register.",
    api_title: "API permissions: {api}",
    open_api_permissions: "Open API permissions and select Add a permission.",
    find_graph: "Choose Microsoft APIs, then Microsoft Graph.",
    find_sharepoint: "Choose Microsoft APIs, then SharePoint.",
    find_exchange: "Choose APIs my organization uses, then search for {api}.",
    select_application: "Select Application permissions and tick each of these:",
    select_delegated: "Select Delegated permissions and tick each of these:",
    permission_line: "{api}: {permission} ({kind}). Why: {reason}",
    kind_application: "Application permission",
    kind_delegated: "Delegated permission",
    select_add_permissions: "Select Add permissions.",
    consent_title: "Grant admin consent",
    consent_check: "Still on API permissions, check that the list shows exactly the permissions above.",
    consent_select: "Select \"Grant admin consent for {tenant}\", then Yes.",
    consent_status: "Every permission's status then reads \"Granted for {tenant}\".",
    consent_who: "Granting Microsoft Graph application permissions needs a Global Administrator or a Privileged Role Administrator.",
    secret_title: "Add a client secret",
    secret_open: "Open Certificates & secrets, tab Client secrets, and select New client secret.",
    description: "Description: {app}",
    secret_expires: "Expires: {days} days (choose Custom and an end date {days} days from today if the list does not offer it).",
    secret_copy: "Select Add, then copy the secret's Value at once: it is shown only now.",
    certificate_title: "Upload the certificate",
    certificate_open: "Open Certificates & secrets, tab Certificates, and select Upload certificate.",
    certificate_file: "Choose the certificate file (.cer, .pem or .crt) the backup product gave you: only its public part, never a private key.",
    select_add: "Select Add.",
    why: "Why: {reason}",
    role_title: "Give the app the {role} role",
    role_browse: "Browse to Entra ID, then Roles & admins, and open {role}.",
    role_add: "Select Add assignments, then select the members link.",
    role_search: "Search for {app} (the app, not a user), select it and confirm.",
    role_active: "Make the assignment Active and permanent, and assign it.",
    role_who: "Assigning a directory role needs a Global Administrator or a Privileged Role Administrator.",
    ids_title: "Copy the ids",
    ids_overview: "Open Overview.",
    ids_copy: "Copy the Directory (tenant) ID and the Application (client) ID.",
    ids_give: "Give them, with the client secret's value, to the backup product.",
};
