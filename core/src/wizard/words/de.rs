//! Deutsch: jedes Wort der Schritte des Assistenten, in der Sie-Form. Platzhalter in
//! `{Klammern}` füllt der Code.
//!
//! Microsoft's own German UI terms where the portal and the consent screen have them, so the
//! admin finds what the page names: "Microsoft Entra Admin Center", "App-Registrierungen",
//! "Unternehmensanwendungen", "API-Berechtigungen", "Zertifikate & Geheimnisse", "Geheimer
//! Clientschlüssel", "Administratorzustimmung erteilen", "Im Namen Ihrer Organisation
//! zustimmen", and the role names "Globaler Administrator", "Administrator für privilegierte
//! Rollen", "Anwendungsadministrator", "Exchange-Administrator" (Microsoft Learn in German,
//! <https://learn.microsoft.com/de-de/entra/identity/role-based-access-control/permissions-reference>
//! and <https://learn.microsoft.com/de-de/entra/identity-platform/quickstart-register-app>).
//! "Mandant" is Microsoft's German for tenant.

use super::*;

pub const DE: Words = Words {
    steps: DE_STEPS,
    sign_in: DE_SIGN_IN,
    common: DE_COMMON,
    welcome: DE_WELCOME,
    who: DE_WHO,
    run: DE_RUN,
    check: DE_CHECK,
    busy: DE_BUSY,
    maintain: DE_MAINTAIN,
    manual: DE_MANUAL,
    extras: DE_EXTRAS,
    permissions: DE_PERMISSIONS,
    engine: DE_ENGINE,
    reasons: DE_REASONS,
    maintenance: DE_MAINTENANCE,
    portal: DE_PORTAL,
    sign_in_failures: DE_SIGN_IN_FAILURES,
    hand_off: DE_HAND_OFF,
    preview: DE_PREVIEW,
    roles: DE_ROLES,
    faults: DE_FAULTS,
};

// Each group its own constant: the page fetches its own groups as a file when it speaks German
// (`file.rs`), the worker links them all.
pub const DE_SIGN_IN: SignIn = SignIn {
    waiting: "Schließen Sie die Anmeldung im Microsoft-Fenster ab. Wenn Sie es geschlossen haben oder nicht finden, beginnen Sie neu: Es wurde noch nichts angelegt.",
    foreign: "Eine Anmeldeantwort, die nicht für diese Seite bestimmt war (aus einem anderen Tab oder gefälscht), ist eingegangen und wurde ignoriert. Fahren Sie im Microsoft-Fenster oder -Tab fort.",
    restart: "Anmeldung neu beginnen",
    cancel: "Abbrechen",
    checking: "Ihre Anmeldung und Ihre Rollen werden geprüft…",
    popup_hint: "Es wurde nichts angelegt. Ihr Browser lässt diese Seite ein Fenster nur direkt nach einem Klick öffnen.",
    blocked_new_tab: "Ihr Browser hat das Anmeldefenster blockiert. Öffnen Sie die Microsoft-Anmeldung stattdessen in einem neuen Tab: Diese Seite wartet darauf, und Sie kehren danach hierher zurück. Oder lassen Sie Pop-ups für diese Website zu (das Symbol für blockierte Fenster rechts in der Adressleiste) und beginnen Sie erneut.",
    new_tab: "Microsoft-Anmeldung in einem neuen Tab öffnen",
    retry: "Mit Microsoft anmelden",
    sign_in_again: "Erneut oder mit einem anderen Konto anmelden",
    set_up_wrongly: "Diese Seite ist falsch eingerichtet ({setting}: {problem}). Der Anbieter, der diese Seite bereitstellt, muss seine Einrichtung korrigieren; bitte informieren Sie ihn.",
    cannot_start: "Die Anmeldung konnte nicht beginnen. Laden Sie die Seite neu und versuchen Sie es erneut; wenn es wieder passiert, informieren Sie den Anbieter, der diese Seite bereitstellt.",
    popup_blocked: "Ihr Browser hat das Anmeldefenster blockiert. Lassen Sie Pop-ups für diese Website zu (das Symbol für blockierte Fenster rechts in der Adressleiste) und klicken Sie dann erneut auf „Mit Microsoft anmelden“.",
    unsupported: "Dieser Browser kann die Anmeldung nicht an diese Seite zurückgeben. Verwenden Sie einen aktuellen Edge, Chrome, Firefox oder Safari.",
    window_closed: "Das Anmeldefenster wurde geschlossen, bevor Sie fertig waren. Es wurde nichts angelegt. Klicken Sie auf „Mit Microsoft anmelden“, um neu zu beginnen.",
    dashboard_cancelled: "Das Dashboard hat diese Registrierung abgebrochen. In Ihrem Mandanten wurde nichts angelegt.",
    no_randomness: "Dieser Browser hat keine sicheren Zufallszahlen geliefert (WebCrypto), daher ist die Anmeldung hier nicht sicher. Verwenden Sie einen aktuellen Browser über HTTPS.",
    no_address: "Diese Seite kann ihre eigene Adresse nicht ermitteln; laden Sie sie neu.",
};

pub const DE_STEPS: Steps = Steps {
    welcome: "Mandanten verbinden",
    signing_in: "Anmelden",
    checking: "Anmeldung wird geprüft",
    working: "In Arbeit",
};

pub const DE_COMMON: Common = Common {
    copy: "Kopieren",
    copy_what: "{what} kopieren",
    app: "App",
    credentials: "Anmeldeinformationen",
    tenant_id: "Mandanten-ID",
    application_client_id: "Anwendungs-ID (Client-ID)",
    cancel: "Abbrechen",
    check: "Prüfen",
    rotate: "Erneuern",
    run_again: "Erneut ausführen",
    check_another: "Andere App prüfen",
    entra_admin_center: "Microsoft Entra Admin Center",
    record_download: "Protokoll der Änderungen in Ihrem Mandanten herunterladen (ohne \
                      Geheimnisse)",
    page_stopped: "Diese Seite ist wegen eines Fehlers in ihrem Code stehen geblieben. Laden Sie sie neu und \
                   melden Sie sich erneut an; lief gerade eine Registrierung, führen Sie sie erneut \
                   aus: Sie ändert nur, was fehlt.",
};

pub const DE_WELCOME: Welcome = Welcome {
    title: "„{app}“ mit Ihrem Microsoft 365-Mandanten verbinden",
    intro: "Ihr Backup-Produkt benötigt eine App in Ihrem Mandanten, mit Berechtigungen zum \
            Lesen dessen, was es sichert. Diese Seite erstellt sie mit wenigen Klicks aus \
            Ihrem Browser und zeigt genau, was sie tut. Kein Kennwort, Token oder Geheimnis \
            läuft über den Server eines Dritten.",
    receiver_file: "eine Einstellungsdatei, die Sie herunterladen und Ihrem Backup-Produkt \
                    übergeben",
    receiver_dashboard: "das Dashboard Ihres Backup-Produkts unter {origins}",
    origins_or: " oder ",
    credentials_secret: "einen geheimen Clientschlüssel, {days} Tage gültig",
    credentials_secret_and_certificate: "einen geheimen Clientschlüssel, {days} Tage gültig, \
                                         und ein in Ihrem Browser erstelltes Zertifikat",
    step_sign_in: "Sie melden sich in einem Microsoft-Fenster mit Ihrem Microsoft-Geschäftskonto \
                   an.",
    step_check: "Diese Seite prüft, ob Ihr Konto die Administratorzustimmung erteilen darf, \
                 und zeigt den Plan. Bevor Sie ihn bestätigen, wird nichts geschrieben.",
    step_create: "Die Seite erstellt die App „{app}“ und ihren Dienstprinzipal, erteilt die \
                  Administratorzustimmung für die {count} unten aufgeführten Berechtigungen \
                  und fügt {credentials} hinzu.",
    step_create_with_role: "Die Seite erstellt die App „{app}“ und ihren Dienstprinzipal, \
                            erteilt die Administratorzustimmung für die {count} unten aufgeführten \
                            Berechtigungen und die Rolle „Exchange-Administrator“ und fügt \
                            {credentials} hinzu.",
    step_hand_over: "Anschließend liest sie alles zur Kontrolle zurück und übergibt das Ergebnis an \
                     {receiver}.",
    what_happens: "Was geschieht",
    who_can: "Wer das tun kann",
    who_can_words: "Ein Globaler Administrator oder ein Administrator für privilegierte \
                    Rollen: Nur diese dürfen die Administratorzustimmung für \
                    Anwendungsberechtigungen erteilen. Ein Anwendungsadministrator kann die \
                    App erstellen, ihre Berechtigungen aber nicht erteilen; diese Seite \
                    bietet dann einen Link an, den Sie einem Globalen Administrator senden.",
    sign_in: "Mit Microsoft anmelden",
    other_paths: "Etwas anderes: eine App prüfen, erneuern oder entfernen, oder alles von Hand \
                  erledigen",
    path_check: "Eine vorhandene App prüfen oder reparieren",
    path_maintain: "Eine hier erstellte App erneuern oder trennen",
    path_manual: "Von Hand im Entra Admin Center erledigen",
    other_paths_note: "Prüfen liest nur. Reparieren, Erneuern und Trennen zeigen vorher, was \
                       sie ändern, und warten auf Ihre Bestätigung. Von Hand schreibt diese \
                       Seite nichts.",
    what_app_gets: "Was die Backup-App erhält",
    fact_receiver: "Wer das Ergebnis erhält",
    fact_protection: "Schutz",
    fact_sign_in_at: "Sie melden sich an bei",
    own_addresses: "Ihren eigenen Anmelde- und Graph-Adressen",
    cloud_global: "weltweit",
    cloud_us_gov_high: "US-Regierung GCC High",
    cloud_us_gov_dod: "US-Regierung DoD",
    cloud_china: "China, betrieben von 21Vianet",
    sealed: "Versiegelt: verschlüsselt für den Schlüssel Ihres Backup-Servers, nur er kann es \
             öffnen.",
    not_sealed: "Nicht verschlüsselt: nur an die oben genannte Adresse gesendet, über HTTPS.",
    why_certificate: "Warum ein Zertifikat: {why}",
    exchange_role: "Die App erhält außerdem die Rolle „Exchange-Administrator“, die Exchange \
                    Online PowerShell braucht, um ohne Benutzer zu arbeiten.",
    two_apps: "Der Zustimmungsbildschirm von Microsoft: warum er eine andere App nennt",
    two_apps_client: "Sie melden sich bei der eigenen App dieser Seite an, der \
                      Onboarding-App (Client-ID {client_id}). Microsoft bittet Sie um \
                      Zustimmung zu dem, was sie braucht, um die Backup-App in Ihrem Namen \
                      aus Ihrem Browser zu erstellen:",
    two_apps_untick: "Lassen Sie „Im Namen Ihrer Organisation zustimmen“ deaktiviert: Ihre \
                      eigene Zustimmung genügt, und niemand sonst kann die Onboarding-App \
                      dann verwenden.",
    two_apps_remove: "Die Onboarding-App bleibt in Ihren Unternehmensanwendungen aufgeführt. \
                      So entfernen Sie sie danach: Microsoft Entra Admin Center › \
                      Unternehmensanwendungen › die Onboarding-App › Eigenschaften › \
                      Löschen. Die Backup-App ist eine eigene App, von Ihnen erstellt.",
    browser_only: "Was Ihren Browser nie verlässt",
    browser_only_words: "Die Token Ihrer Anmeldung bleiben im Speicher dieser Seite und \
                         werden verworfen, wenn Sie sie verlassen. Der neue geheime \
                         Clientschlüssel und der private Schlüssel des Zertifikats gehen \
                         einmal, nur an den oben genannten Empfänger, und werden dann \
                         vergessen. Nichts wird im Speicher des Browsers abgelegt.",
    talks_only: "Die Seite spricht nur mit Microsoft: mit {sign_in} zur Anmeldung, mit {graph} zum \
                 Erstellen der App.",
};

pub const DE_WHO: Who = Who {
    can_grant_all: "Sie können die Registrierung abschließen, einschließlich der \
                    Administratorzustimmung.",
    can_create_not_grant: "Sie können die App erstellen, ihr aber keine \
                           Microsoft Graph-Anwendungsberechtigungen erteilen: Dazu braucht \
                           es einen Globalen Administrator oder einen Administrator für \
                           privilegierte Rollen. Melden Sie sich mit einem solchen Konto an, \
                           oder senden Sie diese Seite an eine solche Person.",
    roles_unreadable: "Microsoft Graph hat nicht mitgeteilt, welche Administratorrollen Ihr \
                       Konto hat; daher kann diese Seite nicht sagen, ob Sie die \
                       Registrierung abschließen können. Melden Sie sich erneut an, oder \
                       fahren Sie fort: Ein Schritt, den Ihr Konto nicht ausführen darf, \
                       wird abgelehnt und erklärt.",
    cannot_register: "Ihr Konto kann das nicht: Dazu braucht es einen Globalen \
                      Administrator oder einen Administrator für privilegierte Rollen. \
                      Melden Sie sich mit einem solchen Konto an, oder senden Sie diese Seite \
                      an eine solche Person.",
    no_role: "keine Administratorrolle",
    tenant: "Mandant",
    primary_domain: "Primäre Domäne",
    you: "Sie",
    your_roles: "Ihre Rollen",
    title: "Angemeldet",
    hand_over: "Zum Übergeben senden Sie einem Globalen Administrator den Link unten: Er \
                öffnet ihn, meldet sich an und schließt ab. Bisher wurde nichts erstellt.",
    other_account: "Mit einem anderen Konto anmelden",
    copy_link: "Link für einen Globalen Administrator kopieren",
};

pub const DE_RUN: Run = Run {
    reading_title: "Ihr Mandant wird gelesen",
    reading: "Ihr Mandant wird gelesen, um den Plan zu erstellen. Noch wird nichts \
              geschrieben.",
    plan_title: "Plan prüfen",
    plan_intro: "Das wird in Ihrem Mandanten ausgeführt. Bevor Sie bestätigen, wird nichts \
                 geschrieben.",
    plan_permissions: "Berechtigungen, und warum das Backup jede braucht",
    profile_now: "Gewählte Berechtigungen: {profile}. Das Backup-Produkt erlaubt auch:",
    use_profile: "Stattdessen „{profile}“ verwenden",
    create: "Erstellen",
    steps_done: "{done} von {total} Schritten erledigt",
    round_trips: "{round_trips} Anfragen an Microsoft Graph; {waited} s Warten auf \
                  Microsoft; {elapsed} s insgesamt.",
    progress_title: "Die App wird erstellt",
    verified_title: "Registriert und überprüft",
    differences_title: "Registriert, mit Abweichungen",
    the_tenant_id: "die Mandanten-ID",
    the_client_id: "die Anwendungs-ID (Client-ID)",
    client_secret: "Geheimer Clientschlüssel",
    the_client_secret: "den geheimen Clientschlüssel",
    secret_expires: "Schlüssel läuft ab am",
    certificate: "Zertifikat",
    thumbprint: "Fingerabdruck (SHA-1) {sha1}",
    expires: ", läuft ab am {date}",
    kept: " (aus einem früheren Durchlauf beibehalten)",
    download_pfx: "Zertifikat als .pfx herunterladen (Schlüssel und Zertifikat)",
    pfx_password: "Sein Kennwort, nur einmal angezeigt: ",
    pem_files: "Oder als PEM-Dateien: ",
    private_key_pem: "privater Schlüssel (unverschlüsselt: sicher aufbewahren)",
    certificate_pem: "Zertifikat",
    granted: "Erteilte Berechtigungen",
    verified: "Alles wurde aus Ihrem Mandanten zurückgelesen und entspricht dem Plan.",
    not_verified: "Einiges ließ sich noch nicht wie geplant zurücklesen (unten aufgeführt). \
                   Führen Sie es in einer Minute erneut aus: Es ergänzt nur, was fehlt.",
    keep_note: "Microsoft zeigt den geheimen Clientschlüssel und den Schlüssel des \
                Zertifikats nie wieder an: Diese Seite hält sie nur im Speicher, bis der \
                Backup-Server sie hat oder Sie die Seite verlassen.",
    stopped_title: "Die Registrierung wurde angehalten",
};

pub const DE_CHECK: Check = Check {
    by_this_product: "von dieser Seite für dieses Backup-Produkt erstellt",
    adopted: "von Hand registriert, seitdem von dieser Seite repariert",
    same_name_by_hand: "von Hand registriert, mit dem Namen dieses Backup-Produkts",
    not_made_here: "nicht von dieser Seite erstellt",
    form_title: "Eine vorhandene App prüfen",
    form_intro: "Dies liest die App und vergleicht sie mit dem, was das Backup-Produkt \
                 braucht. Es ändert nichts, außer Sie entscheiden sich danach für eine \
                 Reparatur.",
    app_id_hint: "Eine GUID, von der Übersichtsseite der App im Microsoft Entra Admin Center.",
    check_this_app: "Diese App prüfen",
    find_label: "Oder suchen Sie sie über den Anfang ihres Namens",
    find_hint: "Zum Beispiel „Contoso Backup“.",
    find_apps: "Apps suchen",
    apps_found: "Gefundene Apps",
    none_found: "Kein App-Name beginnt so.",
    result_title: "Ergebnis der Prüfung",
    no_such_app: "In diesem Mandanten gibt es keine App mit der Anwendungs-ID {app_id}.",
    made_by: "Herkunft",
    credential_counts: "Geheime Clientschlüssel: {secrets}, Zertifikate: {certificates}",
    in_entra: "Im Entra Admin Center",
    open_in_entra: "Im Microsoft Entra Admin Center öffnen",
    clean: "Es fehlt nichts: Die App hat jede Berechtigung, die das Backup braucht, mit \
            Zustimmung, und funktionierende Anmeldeinformationen.",
    what_is_wrong: "Was nicht stimmt",
    repair: "Reparieren",
    rotate: "Geheimen Clientschlüssel und Zertifikat erneuern",
    disconnect: "Trennen",
    repair_note: "Die Reparatur zeigt zuerst ihren Plan, wie eine neue Registrierung: Sie \
                  ergänzt nur, was fehlt, entfernt nur, was zu viel ist, und schreibt nichts, \
                  bevor Sie bestätigen.",
};

pub const DE_BUSY: Busy = Busy {
    reading_app_title: "Die App wird gelesen",
    reading_app: "Die App wird aus Ihrem Mandanten gelesen. Es wird nichts geändert.",
    finding_title: "Apps werden gesucht",
    finding: "In Ihrem Mandanten wird nach Apps gesucht. Es wird nichts geändert.",
    disconnecting_title: "Wird getrennt",
    disconnecting: "Die App und ihre Unternehmensanwendung werden gelöscht…",
    retiring_title: "Die alten Anmeldeinformationen werden entfernt",
    retiring: "Der alte geheime Clientschlüssel und das alte Zertifikat werden entfernt…",
};

pub const DE_MAINTAIN: Maintain = Maintain {
    title: "Eine App erneuern oder trennen",
    none: "In diesem Mandanten gibt es keine App, die diese Seite für dieses Backup-Produkt \
           erstellt hat.",
    check_by_id: "Eine App über ihre ID prüfen",
    intro: "Erneuern fügt einen neuen geheimen Clientschlüssel (und ein Zertifikat) hinzu und \
            übergibt sie dem Backup-Produkt; die alten werden erst entfernt, wenn es die \
            neuen hat. Trennen löscht die App, sodass sich das Backup nicht mehr anmelden \
            kann.",
    disconnect: "Trennen",
    disconnect_title: "App trennen",
    disconnect_what: "Dies löscht die App-Registrierung {app} ({id}) und ihre \
                      Unternehmensanwendung. Das Backup-Produkt kann sich dann nicht mehr \
                      bei Ihrem Mandanten anmelden. Gelöschte Apps lassen sich 30 Tage lang \
                      im Microsoft Entra Admin Center wiederherstellen.",
    type_name: "Geben Sie zur Bestätigung den Namen der App ein",
    delete: "App löschen",
    rotate_title: "Anmeldeinformationen der App erneuern",
    not_made_here: "Diese Seite hat {app} nicht erstellt: Um neue Anmeldeinformationen \
                    hinzuzufügen und später die alten zu entfernen, geben Sie ihren Namen \
                    ein.",
    app_name: "Name der App",
    disconnected_title: "Die App ist getrennt",
    removed_secret: "Alter geheimer Clientschlüssel {name} ({id}) entfernt.",
    removed_certificate: "Altes Zertifikat {name} ({id}) entfernt.",
    nothing_removed: "Es gab keine alten Anmeldeinformationen zu entfernen.",
    retired_title: "Erneuert: Die alten Anmeldeinformationen sind entfernt",
    only_new_work: "Nur der neue geheime Clientschlüssel und das neue Zertifikat, die jetzt \
                    beim Backup-Produkt sind, funktionieren.",
    retire_heading: "Alte Anmeldeinformationen entfernen",
    retire_words: "Sobald das Backup-Produkt mit dem neuen geheimen Clientschlüssel und dem \
                   neuen Zertifikat arbeitet, entfernen Sie die alten. Bis dahin \
                   funktionieren beide.",
    retire_button: "Das Backup-Produkt hat die neuen: alte entfernen",
    retire_waiting: "Der alte geheime Clientschlüssel und das alte Zertifikat werden entfernt, sobald das Backup-Produkt bestätigt, dass es die neuen hat. Bis dahin funktionieren beide.",
};

pub const DE_MANUAL: Manual = Manual {
    title: "App von Hand registrieren",
    intro: "Auf diesem Weg schreibt diese Seite nichts: Sie erstellen die App selbst im \
            Microsoft Entra Admin Center, wie unten beschrieben, und lassen sie dann von \
            dieser Seite prüfen (nur lesend). Die zu erstellende App: {app}.",
    manifest_heading: "Die Berechtigungen als Manifest",
    manifest_how: "Statt jede Berechtigung einzeln hinzuzufügen: Öffnen Sie das Manifest der \
                   App, ersetzen Sie „requiredResourceAccess“ durch diesen Text, speichern \
                   Sie, und wählen Sie dann „Administratorzustimmung erteilen“.",
    the_manifest: "das Manifest",
    left_out: "Nicht im Manifest, weil ihre IDs von Mandant zu Mandant verschieden sind: \
               Fügen Sie diese auf der Seite „API-Berechtigungen“ über ihren Namen hinzu.",
    then_check: "Dann prüfen",
    then_check_words: "Melden Sie sich an und geben Sie dieser Seite die Anwendungs-ID \
                       (Client-ID) der neuen App: Die Seite liest die App und sagt, was fehlt, zu \
                       viel ist oder ohne Zustimmung ist, ohne etwas zu ändern, außer Sie \
                       möchten es.",
    sign_in_and_check: "Anmelden und die App prüfen",
};

pub const DE_EXTRAS: Extras = Extras {
    preview_heading: "Was das Backup sehen wird",
    unknown: "unbekannt: {why}",
    preview_note: "Eben mit Ihrer Anmeldung gelesen. Postfächer sind eine Obergrenze: \
                   Freigegebene Postfächer und Raumpostfächer zählen mit.",
    users: "Benutzer",
    groups: "Gruppen",
    mailboxes: "Postfächer",
    sites: "SharePoint-Websites",
    see_it_in: "Im {portal} ansehen",
    link_overview: "Die App-Registrierung",
    link_permissions: "Ihre API-Berechtigungen und die Zustimmung",
    link_credentials: "Ihre Zertifikate & Geheimnisse",
};

pub const DE_PERMISSIONS: Permissions = Permissions {
    discovery: "Finden, was gesichert wird",
    mail: "E-Mail",
    calendars: "Kalender",
    contacts: "Kontakte",
    onedrive: "OneDrive",
    sharepoint: "SharePoint- und Teams-Dateien",
    other: "Sonstiges",
    application: "Anwendung (vom Backup ohne Benutzer verwendet)",
    delegated: "delegiert (im Namen eines angemeldeten Benutzers verwendet)",
};

pub const DE_ENGINE: Engine = Engine {
    step_discover: "Ihren Mandanten lesen",
    step_confirm: "Plan bestätigen",
    step_app: "App-Registrierung",
    step_service_principal: "Unternehmensanwendung (Dienstprinzipal)",
    step_secret: "Geheimer Clientschlüssel",
    step_application_grants: "Anwendungsberechtigungen (Administratorzustimmung)",
    step_delegated_grants: "Delegierte Berechtigungen (Administratorzustimmung)",
    step_directory_roles: "Verzeichnisrollen",
    step_verify: "Alles prüfen",
    state_pending: "offen",
    state_running: "läuft",
    state_waiting: "wartet {seconds} s: {reason}",
    state_done: "erledigt",
    state_skipped: "nicht nötig",
    state_failed: "angehalten",
    wait_throttled: "Microsoft Graph bittet um langsamere Anfragen",
    wait_replication: "das gerade Angelegte ist noch nicht überall in Microsofts Verzeichnis sichtbar",
    wait_no_answer: "eine Anfrage blieb ohne Antwort",
    kind_application: "Anwendungsberechtigung",
    kind_delegated: "delegierte Berechtigung",
    resume: "Führen Sie die Registrierung erneut aus (melden Sie sich erneut an, wenn Sie dazu aufgefordert werden): Sie findet, was schon da ist, und schließt ab, ohne etwas doppelt anzulegen.",
    permissions_missing: "Ihr Mandant bietet nicht jede Berechtigung an, die die App braucht, daher wurde nichts angelegt:",
    permission_api_missing: "{permission} ({kind}): Die API {api} ist in Ihrem Mandanten nicht vorhanden",
    permission_not_offered: "{permission} ({kind}) von {api}: Diese API bietet sie in Ihrem Mandanten nicht an",
    permissions_missing_then: "Fragen Sie den Anbieter, welche Berechtigungen Ihr Mandant braucht oder ob der Dienst darin lizenziert ist.",
    several_apps: "Mehrere App-Registrierungen tragen bereits diesen Namen, und wir raten nicht, welche davon die Backup-App ist:",
    several_apps_line: "{app} (Anwendungs-ID {app_id}, Objekt-ID {object_id})",
    several_apps_then: "Löschen Sie die nicht verwendeten (Microsoft Entra Admin Center, App-Registrierungen) und führen Sie die Registrierung erneut aus; die verbleibende wird repariert und weiterverwendet.",
    app_gone: "Die App-Registrierung mit der Anwendungs-ID {app_id} (Objekt-ID {object_id}) ist nicht mehr in Ihrem Mandanten, daher wurde nichts geschrieben. Prüfen Sie die App erneut: Wurde sie versehentlich gelöscht, stellen Sie sie innerhalb von 30 Tagen unter „Gelöschte Anwendungen“ im Microsoft Entra Admin Center (App-Registrierungen) wieder her.",
    cannot_register: "Ihr Konto hat keine der Rollen, die zum Registrieren der App nötig sind. Melden Sie sich als Globaler Administrator oder Administrator für privilegierte Rollen an (aktivieren Sie zuvor eine berechtigte Rolle in Privileged Identity Management).",
    certificate: "Das Zertifikat konnte nicht hinzugefügt werden: {problem}. Es wurde nichts geschrieben. {resume}",
    certificate_refused: "Die Richtlinie zur App-Verwaltung Ihres Mandanten hat das Zertifikat abgelehnt ({message}). Fragen Sie Ihren Administrator, welche Zertifikate die Richtlinie zulässt.",
    secret_refused: "Die Richtlinie zur App-Verwaltung Ihres Mandanten hat den geheimen Clientschlüssel abgelehnt ({message}). Fragen Sie Ihren Administrator, welche geheimen Clientschlüssel die Richtlinie zulässt.",
    missing_role_grant: "Ihr Konto darf die App anlegen, ihr aber nicht ihre Berechtigungen erteilen ({step}). Bitten Sie einen Globalen Administrator oder einen Administrator für privilegierte Rollen, sich hier anzumelden und die Registrierung auszuführen: Sie findet die App und schließt ab.",
    missing_role: "Ihr Konto darf diesen Schritt nicht ausführen ({step}). Melden Sie sich als Globaler Administrator oder Administrator für privilegierte Rollen an und führen Sie die Registrierung erneut aus.",
    gave_up: "Wir haben bei „{step}“ aufgehört: {reason}, und das länger, als wir warten. {resume}",
    unreachable: "Microsoft Graph war bei „{step}“ nicht erreichbar ({detail}). Prüfen Sie Ihre Netzwerkverbindung. {resume}",
    sign_in_expired: "Ihre Anmeldung ist abgelaufen oder wurde von Microsoft Graph nicht angenommen. Melden Sie sich erneut an. {resume}",
    refused: "Microsoft Graph hat „{step}“ abgelehnt ({status} {code}: {message}). {resume} Wenn es wieder passiert, wenden Sie sich mit dieser Meldung an den Support des Anbieters.",
    unexpected_answer: "Die Antwort von Microsoft Graph bei „{step}“ war nicht verwendbar: {problem}. {resume}",
    nothing_created: "In Ihrem Mandanten wurde nichts angelegt.",
    nothing_written: "In Ihren Mandanten wurde nichts geschrieben.",
    start_unusable: "Die Startnachricht des Dashboards ist nicht verwendbar: {problem}",
    browser_certificate: "Dieser Browser konnte das Zertifikat der App nicht erstellen: {problem} Verwenden Sie einen aktuellen Edge, Chrome, Firefox oder Safari.",
    in_tenant_app: "Jetzt in Ihrem Mandanten: die App-Registrierung „{app}“ (Anwendungs-ID {app_id})",
    in_tenant_principal: ", ihre Unternehmensanwendung",
    in_tenant_grants: ", {in_place} von {planned} Berechtigungen erteilt",
    in_tenant_certificate: ". Ein Zertifikat wurde mit der App gesendet; sein privater Schlüssel war nur in dieser Seite, daher fügt ein späterer Lauf ein weiteres hinzu",
    in_tenant_secret: ". Ein geheimer Clientschlüssel wurde hinzugefügt; niemand kennt seinen Wert, und ein Lauf frühestens in einer Stunde entfernt ihn",
    differs_requested: "Die Liste der angeforderten Berechtigungen der App ist nicht wie geplant.",
    differs_secret: "Der neue geheime Clientschlüssel ist noch nicht an der App aufgeführt.",
    differs_certificate: "Das Zertifikat mit dem Fingerabdruck {thumbprint} ist nicht an der App aufgeführt.",
    differs_grant_missing: "{permission} ({api}) ist noch nicht erteilt.",
    differs_grant_extra: "{permission} ({api}) ist weiterhin erteilt, obwohl sie nicht gebraucht wird.",
    differs_role: "Die Rolle {role} ist noch nicht zugewiesen.",
    differs_not_checked: "Nicht geprüft, da nicht in der Zeit zurückgelesen, die der Lauf warten darf: {what}.",
    plan_create: "Die App-Registrierung „{app}“ anlegen (nur diese Organisation).",
    plan_update: "Die App-Registrierung „{app}“ (Anwendungs-ID {app_id}) aktualisieren, die ein früherer Lauf angelegt hat.",
    plan_adopt: "Die von Hand angelegte App-Registrierung „{app}“ (Anwendungs-ID {app_id}) reparieren und so kennzeichnen, dass spätere Läufe sie finden.",
    plan_leave_alone: "Die andere App „{app}“ (Anwendungs-ID {app_id}) unverändert lassen.",
    plan_requested: "Ihre Liste der angeforderten Berechtigungen: {add} hinzufügen, {remove} entfernen.",
    plan_service_principal: "Ihre Unternehmensanwendung (Dienstprinzipal) anlegen.",
    plan_grant_application: "{permission} erteilen ({api}, Anwendung): {reason}",
    plan_keep_application: "{permission} behalten ({api}, Anwendung): {reason}",
    plan_grant_delegated: "{permission} erteilen ({api}, delegiert, für alle Benutzer): {reason}",
    plan_change_delegated: "Ändern in {permission} ({api}, delegiert, für alle Benutzer): {reason}",
    plan_keep_delegated: "{permission} behalten ({api}, delegiert, für alle Benutzer): {reason}",
    plan_remove_extra: "{permissions} entfernen ({api}, {kind}): nicht nötig.",
    plan_assign_role: "Die Rolle {role} zuweisen: {reason}",
    plan_keep_role: "Die Rolle {role} behalten: {reason}",
    plan_no_secret: "Kein geheimer Clientschlüssel: Die Richtlinie Ihres Mandanten verbietet sie; die App meldet sich nur mit ihrem Zertifikat an.",
    plan_secret: "Einen geheimen Clientschlüssel hinzufügen, gültig {days} Tage.",
    plan_secret_shortened: "Einen geheimen Clientschlüssel hinzufügen, gültig {days} Tage (die Richtlinie Ihres Mandanten erlaubt höchstens so viele; angefragt waren {asked}).",
    plan_policy_unknown: "Die Richtlinie zur App-Verwaltung Ihres Mandanten war nicht lesbar; falls sie geheime Clientschlüssel begrenzt, sagt es der Lauf.",
    plan_certificate: "Ein Zertifikat hinzufügen, gültig {days} Tage, erstellt in Ihrem Browser: Sein privater Schlüssel bleibt hier und kommt nur in die Datei für den Backup-Server. {reasons}",
    plan_certificate_shortened: "Ein Zertifikat hinzufügen, gültig {days} Tage (die Richtlinie Ihres Mandanten erlaubt höchstens so viele; angefragt waren {asked}), erstellt in Ihrem Browser: Sein privater Schlüssel bleibt hier und kommt nur in die Datei für den Backup-Server. {reasons}",
    plan_certificate_kept: "Das Zertifikat behalten, das ein früherer Lauf hinzugefügt hat (der Backup-Server hat seinen Schlüssel). {reasons}",
    plan_keep_certificate: "Das Zertifikat „{name}“ behalten (Fingerabdruck {thumbprint}, gültig bis {until}).",
    plan_remove_stale_secret: "Den geheimen Clientschlüssel „{name}“ entfernen, den ein nicht beendeter Lauf hinterlassen hat (niemand kennt seinen Wert).",
    plan_needs_privileged: "Ihr Konto kann die App anlegen, aber keine Anwendungsberechtigungen für Microsoft Graph erteilen: Der Lauf hält dort an, und ein Globaler Administrator oder ein Administrator für privilegierte Rollen kann sich hier anmelden, um ihn abzuschließen.",
    cert_none_made: "Der Plan fügt ein Zertifikat hinzu, aber es wurde keines erstellt",
    cert_none_in_plan: "Ein Zertifikat wurde übergeben, aber der Plan fügt keines hinzu",
    cert_not_certificate: "Das Übergebene ist kein X.509-Zertifikat (DER)",
    cert_longer_than_plan: "Das Zertifikat ist länger gültig, als der Plan vorsieht",
    cert_existing_unreadable: "Ein Zertifikat der App war mit seinem Schlüssel nicht lesbar, und ein neues hinzuzufügen würde es entfernen",
    no_answer_after_tries: "keine Antwort nach mehreren Versuchen",
    no_answer_in_time: "keine Antwort in der erlaubten Zeit",
    unreadable_no_plan: "Der Lauf hat keinen Plan",
    unreadable_app_unknown: "Die App ist nicht bekannt",
    unreadable_principal_unknown: "Der Dienstprinzipal ist nicht bekannt",
    unreadable_app_or_secret_unknown: "Die App oder ihr geheimer Clientschlüssel ist nicht bekannt",
    unreadable_no_results: "Der Lauf endete ohne seine Ergebnisse",
    unreadable_too_many_pages: "Eine Liste ging über mehr als 100 Seiten (ihr Link zur nächsten Seite zeigt vielleicht auf eine schon gelesene zurück)",
    unreadable_page_elsewhere: "Ein Link zur nächsten Seite zeigte von Microsoft Graph weg",
    unreadable_no_secret: "Die Antwort auf das Hinzufügen des geheimen Clientschlüssels enthielt keinen",
    checked_app: "Die App-Registrierung (ihre Berechtigungen und der neue geheime Clientschlüssel)",
    checked_service_principal: "Der Dienstprinzipal",
    checked_application_permissions: "Die Anwendungsberechtigungen",
    checked_delegated_permissions: "Die delegierten Berechtigungen",
    checked_directory_roles: "Die Verzeichnisrollen",
    why_secrets_forbidden: "Die Richtlinie zur App-Verwaltung Ihres Mandanten erlaubt keine geheimen Clientschlüssel: Die App meldet sich nur mit einem Zertifikat an.",
    why_asked: "Sie haben ein neues Zertifikat angefordert.",
};

pub const DE_REASONS: Reasons = Reasons {
    exchange_manage_as_app: "Exchange Online PowerShell ohne Benutzer ausführen, z. B. um Archiv- und Aufbewahrungseinstellungen zu lesen.",
    graph_user_read_all: "Alle Benutzer auflisten, um die zu sichernden Postfächer und OneDrives zu finden.",
    graph_user_read_write_all: "Das Profil jedes Benutzers lesen und ändern (von Produkten verlangt, die Benutzereigenschaften wiederherstellen).",
    graph_group_read_all: "Microsoft 365-Gruppen auflisten, um ihre freigegebenen Postfächer und Teamwebsites zu finden.",
    graph_directory_read_all: "Das ganze Verzeichnis lesen, um Benutzer, Gruppen und ihre Beziehungen zu finden.",
    graph_directory_read_write_all: "Das ganze Verzeichnis lesen und schreiben (von Produkten verlangt, die Verzeichnisobjekte wiederherstellen).",
    graph_mail_read: "Jedes Postfach lesen, um es zu sichern; es wird nichts zurückgeschrieben.",
    graph_mail_read_write: "Jedes Postfach lesen, um es zu sichern, und schreiben, um Nachrichten und Ordner wiederherzustellen.",
    graph_calendars_read: "Jeden Kalender sichern; es wird nichts zurückgeschrieben.",
    graph_calendars_read_write: "Kalender sichern und gelöschte oder geänderte Termine wiederherstellen.",
    graph_contacts_read: "Persönliche Kontakte sichern; es wird nichts zurückgeschrieben.",
    graph_contacts_read_write: "Persönliche Kontakte sichern und wiederherstellen.",
    graph_files_read_all: "Jedes OneDrive sichern; es wird nichts zurückgeschrieben.",
    graph_files_read_write_all: "Jedes OneDrive sichern und Dateien und Versionen darin wiederherstellen.",
    graph_sites_read_all: "Die Dokumente und Listenelemente jeder SharePoint-Website sichern; es wird nichts zurückgeschrieben.",
    graph_sites_read_write_all: "Dokumente und Listenelemente in jeder SharePoint-Website sichern und wiederherstellen.",
    graph_sites_full_control_all: "SharePoint-Websites mit ihren Berechtigungen sichern und wiederherstellen.",
    graph_delegated_user_read: "Einen Benutzer beim Backup-Produkt anmelden und sein eigenes Profil lesen.",
    graph_delegated_user_read_all: "Einem angemeldeten Operator erlauben, im Backup-Produkt Benutzer aufzulisten.",
    graph_delegated_directory_read_all: "Einem angemeldeten Operator erlauben, im Backup-Produkt das Verzeichnis zu durchsuchen.",
    graph_delegated_directory_read_write_all: "Einem angemeldeten Operator erlauben, Verzeichnisdaten aus dem Backup-Produkt heraus zu ändern.",
    graph_delegated_sites_read_write_all: "Einem angemeldeten Operator erlauben, SharePoint-Elemente zu lesen und wiederherzustellen, auf die er Zugriff hat.",
    sharepoint_sites_full_control_all: "Die eigene API von SharePoint für das verwenden, was Graph nicht sichern kann, etwa Listen- und Websiteeinstellungen.",
    sharepoint_sites_manage_all: "Beim Wiederherstellen Listen und Bibliotheken über die eigene API von SharePoint anlegen und löschen.",
    sharepoint_sites_read_all: "Dokumente und Listenelemente über die eigene API von SharePoint lesen.",
    sharepoint_sites_read_write_all: "Dokumente und Listenelemente über die eigene API von SharePoint lesen und wiederherstellen.",
    sharepoint_user_read_all: "SharePoint-Benutzerprofile lesen, um sie zu sichern.",
    sharepoint_user_read_write_all: "SharePoint-Benutzerprofile lesen und wiederherstellen.",
    sharepoint_delegated_allsites_full_control: "Einem angemeldeten Operator erlauben, jede Website, die er steuert, aus dem Backup-Produkt heraus zu verwalten.",
    sharepoint_delegated_allsites_manage: "Einem angemeldeten Operator erlauben, Listen und Bibliotheken wiederherzustellen, die er verwalten darf.",
    sharepoint_delegated_allsites_read: "Einem angemeldeten Operator erlauben, Websiteinhalte zu durchsuchen, die er lesen darf.",
    sharepoint_delegated_allsites_write: "Einem angemeldeten Operator erlauben, Dokumente und Elemente wiederherzustellen, die er bearbeiten darf.",
    sharepoint_delegated_myfiles_read: "Einem angemeldeten Benutzer erlauben, die Sicherungen seines eigenen OneDrive zu durchsuchen.",
    sharepoint_delegated_myfiles_write: "Einem angemeldeten Benutzer erlauben, Dateien in sein eigenes OneDrive wiederherzustellen.",
    scope_openid: "Sie anmelden und erfahren, zu welchem Mandanten Sie gehören (ID-Token).",
    scope_profile: "Ihren Namen anzeigen, damit Sie prüfen können, dass das richtige Konto angemeldet ist.",
    scope_application_read_write_all: "Die Registrierung und den Dienstprinzipal der Backup-App anlegen und ihren geheimen Clientschlüssel oder ihr Zertifikat hinzufügen.",
    scope_app_role_assignment_read_write_all: "Der Backup-App ihre Anwendungsberechtigungen erteilen (Administratorzustimmung), ohne das Portal.",
    scope_delegated_permission_grant_read_write_all: "Die delegierten Berechtigungen der Backup-App für die ganze Organisation erteilen.",
    scope_user_read: "Ihr Profil, Namen und Domänen Ihrer Organisation und Ihre Administratorrollen lesen, um zu prüfen, ob Sie die Zustimmung erteilen können.",
    scope_policy_read_all: "Die Richtlinie zur App-Verwaltung Ihres Mandanten lesen, damit die Laufzeit des geheimen Clientschlüssels sie einhält (oder ein Zertifikat verwendet wird).",
    scope_role_management_read_write_directory: "Der Backup-App die Rolle Exchange-Administrator geben, die der App-only-Zugriff von Exchange Online PowerShell verlangt.",
    scope_preview_users: "Ihre Benutzer und Postfächer zählen, um zu zeigen, was das Backup sehen wird (nur wenn das Backup-Produkt die Vorschau eingeschaltet hat).",
    scope_preview_groups: "Ihre Gruppen und Teams zählen, für dieselbe Vorschau.",
    scope_preview_sites: "Ihre SharePoint-Websites zählen, für dieselbe Vorschau.",
    certificate_sharepoint: "Die eigene API von SharePoint lehnt geheime Clientschlüssel für Apps ohne Benutzer ab, seit ACS eingestellt wurde (April 2026): Sie braucht ein Zertifikat.",
    certificate_exchange: "Exchange Online PowerShell meldet Apps mit einem Zertifikat an, nicht mit einem geheimen Clientschlüssel.",
    certificate_requested: "Das Backup-Produkt verlangt eines: Ein Zertifikat ist sicherer als ein geheimer Clientschlüssel, da sein privater Schlüssel nie zu Microsoft gelangt.",
    role_exchange_administrator: "Der App-only-Zugriff von Exchange Online PowerShell führt Cmdlets mit den Rechten einer Verzeichnisrolle aus; diese deckt Postfach- und Aufbewahrungseinstellungen ab.",
};

pub const DE_MAINTENANCE: Maintenance = Maintenance {
    secret_named: "Der geheime Clientschlüssel „{name}“ (Schlüssel-ID {key_id})",
    secret_unnamed: "Der geheime Clientschlüssel (Schlüssel-ID {key_id})",
    certificate_named: "Das Zertifikat „{name}“ (Schlüssel-ID {key_id})",
    certificate_unnamed: "Das Zertifikat (Schlüssel-ID {key_id})",
    expired: "{credential} ist am {date} abgelaufen: Damit kann sich nichts mehr anmelden. {rotate}",
    expires: "{credential} läuft {when} ab. {rotate}",
    when_today: "heute ({date})",
    when_tomorrow: "morgen ({date})",
    when_days: "in {days} Tagen ({date})",
    when_on: "am {date}",
    rotate: "Das Rotieren der Anmeldeinformationen fügt neue für den Backup-Server hinzu und entfernt die alten, sobald er die neuen hat.",
    app_not_found: "Keine App mit der Anwendungs-ID {app_id} im Mandanten {tenant_id}. Prüfen Sie die ID (Microsoft Entra Admin Center, App-Registrierungen, „Anwendungs-ID (Client)“) oder suchen Sie die App über ihren Namen.",
    no_service_principal: "Die App hat keine Unternehmensanwendung (Dienstprinzipal), daher kann keine ihrer Berechtigungen erteilt werden. Die Reparatur legt sie an und erteilt sie.",
    missing_from_requested: "{permission} wird vom Profil gebraucht, fehlt aber in der Liste der angeforderten Berechtigungen der App. Die Reparatur fügt sie hinzu.",
    extra_requested: "{permission} steht in der Liste der angeforderten Berechtigungen der App, aber das Profil braucht sie nicht. Die Reparatur entfernt sie.",
    not_consented: "{permission} wird vom Profil gebraucht, hat aber keine Administratorzustimmung, daher kann das Backup sie nicht nutzen. Die Reparatur erteilt sie.",
    consented_not_requested: "{permission} ist der App erteilt, obwohl das Profil sie nicht braucht. Die Reparatur widerruft sie.",
    role_missing: "Die App hat nicht die Rolle {role}, die das Profil braucht. Die Reparatur weist sie zu.",
    unavailable: "{permission} wird vom Profil gebraucht, aber Ihr Mandant bietet sie nicht an, daher kann keine Reparatur sie erteilen. Fragen Sie den Anbieter oder prüfen Sie, ob der Dienst in Ihrem Mandanten lizenziert ist.",
    certificate_missing: "Die App hat kein gültiges Zertifikat, und das Profil braucht eines: {reasons} Das Rotieren der Anmeldeinformationen fügt eines hinzu.",
    no_credential: "Die App hat keinen gültigen geheimen Clientschlüssel und kein gültiges Zertifikat: Der Backup-Server kann sich nicht anmelden. Das Rotieren der Anmeldeinformationen fügt neue hinzu.",
    maker_this: "angelegt von M365 Registrar",
    maker_adopted: "von Hand registriert und von M365 Registrar repariert",
    maker_same_name: "von Hand registriert, mit dem Namen, den M365 Registrar verwendet",
    maker_other: "nicht von M365 Registrar angelegt",
    check_app: "Die App „{app}“ (Anwendungs-ID {app_id}), {maker}.",
    check_clean: "Alles ist so, wie das Profil es verlangt: nichts zu reparieren.",
    disconnected: "Die App-Registrierung „{app}“ (Anwendungs-ID {app_id}) und ihre Unternehmensanwendung wurden gelöscht: Das Backup kann sich nicht mehr bei Ihrem Mandanten anmelden.",
    disconnected_restore: "Gelöschte Apps bleiben 30 Tage unter „Gelöschte Anwendungen“ in Microsoft Entra und können dort mit ihren Berechtigungen wiederhergestellt werden (Microsoft Entra Admin Center, App-Registrierungen, Gelöschte Anwendungen; {doc}). Nach 30 Tagen sind sie endgültig entfernt.",
    again: "Wenn Sie es erneut versuchen, wird nichts doppelt ausgeführt.",
    not_an_app_id: "„{given}“ ist keine Anwendungs-ID (Client). Kopieren Sie sie aus dem Microsoft Entra Admin Center (App-Registrierungen, die App, „Anwendungs-ID (Client)“): Sie sieht aus wie 3b5e8f21-6a4c-4d7e-9b12-c0f4a7d9e856.",
    empty_name: "Geben Sie den Anfang des App-Namens ein, um nach ihr zu suchen.",
    error_app_not_found: "Keine App mit der Anwendungs-ID {app_id} im Mandanten {tenant_id}. Prüfen Sie die ID oder suchen Sie über den Namen der App; wurde sie gelöscht, kann sie innerhalb von 30 Tagen unter „Gelöschte Anwendungen“ im Microsoft Entra Admin Center wiederhergestellt werden.",
    not_ours: "Die App „{app}“ (Anwendungs-ID {app_id}) wurde nicht von M365 Registrar angelegt, daher wurde nichts geändert. Wenn Sie sicher sind, geben Sie zur Bestätigung ihren Namen ein.",
    name_mismatch: "„{typed}“ ist nicht der Name der App, daher wurde nichts geändert. Geben Sie zur Bestätigung genau „{app}“ ein.",
    nothing_new: "Die Rotation hat keinen neuen geheimen Clientschlüssel und kein neues Zertifikat hinzugefügt, daher wird nichts Altes entfernt. Führen Sie die Rotation erneut aus.",
    other_app: "Die übergebenen Anmeldeinformationen gehören zur Anwendungs-ID {found}, nicht zu {expected}, daher wird nichts Altes entfernt. Führen Sie die Rotation erneut aus.",
    new_credential_missing: "Die neue Anmeldeinformation (Schlüssel-ID {key_id}) ist nicht an der App, daher wurde nichts Altes entfernt: Der Backup-Server stünde sonst ohne da. Führen Sie die Rotation erneut aus.",
    certificate_unreadable: "Das Zertifikat mit der Schlüssel-ID {key_id} war mit seinem öffentlichen Schlüssel nicht lesbar, und das Entfernen der alten Zertifikate würde es mit entfernen, daher wurde nichts geändert. Entfernen Sie die alten Zertifikate im Microsoft Entra Admin Center (App-Registrierungen, Zertifikate & Geheimnisse).",
    still_there_app: "Die App-Registrierung „{app}“",
    still_there_principal: "Die Unternehmensanwendung von „{app}“",
    still_there_credential: "Die alte Anmeldeinformation mit der Schlüssel-ID {key_id}",
    still_there: "{what} ist noch aufgeführt, nachdem wir gewartet haben, bis Microsofts Verzeichnis nachzieht. Prüfen Sie in einigen Minuten erneut; ist sie dann noch da, entfernen Sie sie im Microsoft Entra Admin Center.",
    sign_in_expired: "Ihre Anmeldung ist abgelaufen oder wurde von Microsoft Graph nicht angenommen. Melden Sie sich erneut an und versuchen Sie es noch einmal. {again}",
    missing_role: "Ihr Konto hat keine Berechtigung, {what} ({message}). Melden Sie sich als Globaler Administrator, Administrator für privilegierte Rollen, Anwendungsadministrator oder Cloudanwendungsadministrator an und versuchen Sie es erneut.",
    gave_up: "Wir haben den Versuch aufgegeben, {what}: {reason}, und das länger, als wir warten. Versuchen Sie es in einigen Minuten erneut. {again}",
    unreachable: "Microsoft Graph war nicht erreichbar, um {what} ({detail}). Prüfen Sie Ihre Netzwerkverbindung und versuchen Sie es erneut. {again}",
    refused: "Microsoft Graph hat es abgelehnt, {what} ({status} {code}: {message}). Versuchen Sie es erneut; wenn es wieder passiert, wenden Sie sich mit dieser Meldung an den Support des Anbieters.",
    unexpected_answer: "Die Antwort von Microsoft Graph auf den Versuch, {what}, war nicht verwendbar: {problem}. Versuchen Sie es erneut. {again}",
    doing_compare: "die App mit dem Profil zu vergleichen",
    doing_read_app: "die App-Registrierung zu lesen",
    doing_read_resources: "die Berechtigungen zu lesen, die die APIs Ihres Mandanten anbieten",
    doing_read_principal: "die Unternehmensanwendung der App zu lesen",
    doing_read_assignments: "die Anwendungsberechtigungen der App zu lesen",
    doing_read_delegated: "die delegierten Berechtigungen der App zu lesen",
    doing_read_roles: "die Verzeichnisrollen der App zu lesen",
    doing_delete: "die App-Registrierung zu löschen",
    doing_check_app_gone: "zu prüfen, ob die App-Registrierung entfernt ist",
    doing_check_principal_gone: "zu prüfen, ob die Unternehmensanwendung entfernt ist",
    doing_read_credentials: "die geheimen Clientschlüssel und Zertifikate der App zu lesen",
    doing_remove_secret: "einen alten geheimen Clientschlüssel zu entfernen",
    doing_remove_certificates: "die alten Zertifikate zu entfernen",
    doing_check_removed: "zu prüfen, ob die alten Anmeldeinformationen entfernt sind",
    doing_search: "Apps nach Namen zu suchen",
};

pub const DE_PORTAL: Portal = Portal {
    sign_in_at: "Melden Sie sich beim {portal} ({home}) mindestens als Cloudanwendungsadministrator an.",
    sign_in_custom: "Melden Sie sich beim Microsoft Entra Admin Center Ihrer Cloud mindestens als Cloudanwendungsadministrator an.",
    your_organization: "Ihre Organisation",
    register_title: "Eine Anwendung registrieren",
    browse_registrations: "Navigieren Sie zu Entra ID, dann zu App-Registrierungen, und wählen Sie Neue Registrierung.",
    name: "Name: {app}",
    account_types: "Unterstützte Kontotypen: Nur Konten in diesem Organisationsverzeichnis (einzelner Mandant).",
    redirect_empty: "Umleitungs-URI: leer lassen.",
    select_register: "Wählen Sie Registrieren.",
    api_title: "API-Berechtigungen: {api}",
    open_api_permissions: "Öffnen Sie API-Berechtigungen und wählen Sie Berechtigung hinzufügen.",
    find_graph: "Wählen Sie Microsoft-APIs, dann Microsoft Graph.",
    find_sharepoint: "Wählen Sie Microsoft-APIs, dann SharePoint.",
    find_exchange: "Wählen Sie Von meiner Organisation verwendete APIs und suchen Sie nach {api}.",
    select_application: "Wählen Sie Anwendungsberechtigungen und setzen Sie bei jeder dieser Berechtigungen ein Häkchen:",
    select_delegated: "Wählen Sie Delegierte Berechtigungen und setzen Sie bei jeder dieser Berechtigungen ein Häkchen:",
    permission_line: "{api}: {permission} ({kind}). Warum: {reason}",
    kind_application: "Anwendungsberechtigung",
    kind_delegated: "Delegierte Berechtigung",
    select_add_permissions: "Wählen Sie Berechtigungen hinzufügen.",
    consent_title: "Administratorzustimmung erteilen",
    consent_check: "Prüfen Sie, noch unter API-Berechtigungen, dass die Liste genau die obigen Berechtigungen zeigt.",
    consent_select: "Wählen Sie „Administratorzustimmung für {tenant} erteilen“ und dann Ja.",
    consent_status: "Der Status jeder Berechtigung lautet dann „Gewährt für {tenant}“.",
    consent_who: "Das Erteilen von Anwendungsberechtigungen für Microsoft Graph erfordert einen Globalen Administrator oder einen Administrator für privilegierte Rollen.",
    secret_title: "Einen geheimen Clientschlüssel hinzufügen",
    secret_open: "Öffnen Sie Zertifikate & Geheimnisse, Registerkarte Geheime Clientschlüssel, und wählen Sie Neuer geheimer Clientschlüssel.",
    description: "Beschreibung: {app}",
    secret_expires: "Gültig bis: {days} Tage (wählen Sie Benutzerdefiniert und ein Enddatum {days} Tage ab heute, wenn die Liste das nicht anbietet).",
    secret_copy: "Wählen Sie Hinzufügen und kopieren Sie sofort den Wert des geheimen Clientschlüssels: Er wird nur jetzt angezeigt.",
    certificate_title: "Das Zertifikat hochladen",
    certificate_open: "Öffnen Sie Zertifikate & Geheimnisse, Registerkarte Zertifikate, und wählen Sie Zertifikat hochladen.",
    certificate_file: "Wählen Sie die Zertifikatsdatei (.cer, .pem oder .crt), die Ihnen das Backup-Produkt gegeben hat: nur ihren öffentlichen Teil, nie einen privaten Schlüssel.",
    select_add: "Wählen Sie Hinzufügen.",
    why: "Warum: {reason}",
    role_title: "Der App die Rolle {role} geben",
    role_browse: "Navigieren Sie zu Entra ID, dann zu Rollen und Administratoren, und öffnen Sie {role}.",
    role_add: "Wählen Sie Zuweisungen hinzufügen und dann den Link zu den Mitgliedern.",
    role_search: "Suchen Sie nach {app} (der App, nicht einem Benutzer), wählen Sie sie aus und bestätigen Sie.",
    role_active: "Machen Sie die Zuweisung aktiv und dauerhaft, und weisen Sie sie zu.",
    role_who: "Das Zuweisen einer Verzeichnisrolle erfordert einen Globalen Administrator oder einen Administrator für privilegierte Rollen.",
    ids_title: "Die IDs kopieren",
    ids_overview: "Öffnen Sie Übersicht.",
    ids_copy: "Kopieren Sie die Verzeichnis-ID (Mandant) und die Anwendungs-ID (Client).",
    ids_give: "Geben Sie sie zusammen mit dem Wert des geheimen Clientschlüssels an das Backup-Produkt.",
};

pub const DE_SIGN_IN_FAILURES: SignInFailures = SignInFailures {
    work_account: "Melden Sie sich mit einem Geschäftskonto des Mandanten an, den Sie schützen möchten.",
    admin_must: "Ein Globaler Administrator oder ein Administrator für privilegierte Rollen muss das tun. Senden Sie ihm den Link zu dieser Seite oder melden Sie sich erneut mit einem solchen Konto an.",
    hosting: "Das ist ein Problem damit, wie diese Seite bereitgestellt wird, nicht mit Ihrem Mandanten: Der Anbieter, der diese Seite bereitstellt, muss es beheben; bitte informieren Sie ihn.",
    state_mismatch: "Diese Anmeldeantwort gehörte nicht zu dieser Anmeldung (sie ist vielleicht alt, aus einem anderen Tab oder gefälscht) und wurde daher ignoriert. Bitte versuchen Sie es erneut.",
    malformed_response: "Die Anmeldeantwort war nicht lesbar ({problem}). Bitte versuchen Sie es erneut; wenn es wieder passiert, informieren Sie den Anbieter, der diese Seite bereitstellt.",
    unexpected_status: "Der Anmeldedienst von Microsoft hat unerwartet geantwortet (HTTP {status}). Warten Sie einen Moment und versuchen Sie es erneut; wenn es wieder passiert, informieren Sie den Anbieter, der diese Seite bereitstellt.",
    invalid_token_response: "Der Anmeldedienst von Microsoft hat eine Antwort gesendet, die diese Seite nicht verwenden konnte ({problem}). Bitte versuchen Sie es erneut; wenn es wieder passiert, informieren Sie den Anbieter, der diese Seite bereitstellt.",
    id_token_clock: "Die Anmeldung konnte nicht überprüft werden: {problem}. Prüfen Sie, ob Datum, Uhrzeit und Zeitzone dieses Computers stimmen, und melden Sie sich dann erneut an.",
    id_token: "Die Anmeldung konnte nicht überprüft werden: {problem}. Bitte melden Sie sich erneut an.",
    unexpected_graph_answer: "Microsoft Graph hat über Ihr Konto eine Antwort gegeben, die diese Seite nicht verwenden konnte ({problem}). Bitte versuchen Sie es erneut; wenn es wieder passiert, informieren Sie den Anbieter, der diese Seite bereitstellt.",
    personal_account: "Sie haben sich mit einem persönlichen Microsoft-Konto angemeldet. {then}",
    guest_account: "Sie haben sich als Gast dieser Organisation angemeldet: Ihr Konto gehört zu einem anderen Mandanten, und ein Gast kann hier keine Apps registrieren. {then}",
    unreachable: "{host} hat nicht geantwortet ({detail}). Prüfen Sie Ihre Netzwerkverbindung und ob ein Proxy oder eine Firewall dieser Seite den Zugriff erlaubt; versuchen Sie es dann erneut.",
    wrong_tenant: "Sie haben sich beim Mandanten {actual} angemeldet, aber diese Seite wurde für den Mandanten {expected} eingerichtet. Melden Sie sich mit einem Konto des Mandanten {expected} an oder fragen Sie Ihren Anbieter nach dem richtigen Link.",
    reference: " Referenz für den Support: {parts}.",
    trace_id: "Ablaufverfolgungs-ID {id}",
    correlation_id: "Korrelations-ID {id}",
    time: "Zeitpunkt {time}",
    entra_cancelled: "Die Anmeldung wurde abgebrochen oder die Berechtigungen wurden abgelehnt, daher wurde nichts geändert. Um fortzufahren, melden Sie sich erneut an und akzeptieren Sie die angeforderten Berechtigungen. Wenn das Microsoft-Fenster stattdessen „Administratorgenehmigung erforderlich“ anzeigte, kann Ihr Konto sie nicht erteilen. {then}",
    entra_admin_consent: "Ihr Konto kann den Berechtigungen, die diese Seite braucht, nicht zustimmen: Nur ein Administrator kann sie für Ihre ganze Organisation erteilen. {then}",
    entra_consent_missing: "Die Berechtigungen, die diese Seite braucht, wurden in Ihrer Organisation noch nicht erteilt, und nur ein Globaler Administrator oder ein Administrator für privilegierte Rollen kann sie erteilen. Wenn Sie einer sind, melden Sie sich erneut an und akzeptieren Sie sie; wenn nicht, senden Sie einem von ihnen den Link zu dieser Seite.",
    entra_not_in_tenant: "Das verwendete Konto ist kein Mitglied dieser Organisation (es gehört zu einem anderen Mandanten oder ist ein persönliches Microsoft-Konto). Melden Sie sich mit einem Geschäftskonto des Mandanten an, den Sie schützen möchten.",
    entra_code_redeemed: "Diese Anmeldeantwort wurde bereits einmal verwendet und kann nicht erneut verwendet werden (sie wurde vielleicht wiederholt gesendet). Bitte melden Sie sich erneut an.",
    entra_code_expired: "Die Anmeldung hat zu lange gedauert und ist abgelaufen. Bitte melden Sie sich erneut an.",
    entra_redirect_uri: "Die Adresse, zu der diese Seite nach der Anmeldung zurückkehrt, ist bei ihrer Anmelde-App nicht registriert. {then}",
    entra_app_not_found: "Microsoft kennt die Anmelde-App dieser Seite nicht (falsche Client-ID, oder die App wurde gelöscht oder deaktiviert). {then}",
    entra_not_spa: "Die Anmeldeadresse dieser Seite ist nicht als Single-Page-Anwendung registriert, daher kann der Browser die Anmeldung nicht abschließen. {then}",
    entra_interaction: "Ihre Organisation verlangt einen zusätzlichen Anmeldeschritt (etwa mehrstufige Authentifizierung oder das Registrieren von Sicherheitsinformationen). Melden Sie sich erneut an und schließen Sie jeden Schritt auf der Seite von Microsoft ab.",
    entra_blocked: "Der bedingte Zugriff oder eine Sicherheitsrichtlinie Ihrer Organisation hat diese Anmeldung blockiert. Melden Sie sich von einem zugelassenen Gerät oder Ort an, oder bitten Sie Ihren Identitätsadministrator, die Anmeldeprotokolle nach der Korrelations-ID unten zu durchsuchen.",
    entra_resource: "Ihr Mandant kennt die Microsoft Graph-Adresse nicht, die diese Seite verwendet: Die Seite ist wahrscheinlich für eine andere Microsoft-Cloud eingerichtet als die Ihres Mandanten. {then}",
    entra_tenant_not_found: "Microsoft kennt den Mandanten nicht, für den diese Seite eingerichtet wurde. Prüfen Sie den Link oder den Mandantennamen, den Sie erhalten haben, oder fragen Sie Ihren Anbieter nach dem richtigen.",
    entra_not_multi_tenant: "Die Anmelde-App dieser Seite akzeptiert nur Konten ihrer eigenen Organisation. {then}",
    entra_busy: "Der Anmeldedienst von Microsoft ist ausgelastet oder kurz nicht verfügbar. Warten Sie eine Minute und versuchen Sie es erneut.",
    entra_unknown: "Der Anmeldedienst von Microsoft hat die Anmeldung abgelehnt: „{said}“. Wenn eine erneute Anmeldung nicht hilft, geben Sie die Referenz unten an den Support Ihres Anbieters.",
    id_malformed: "das ID-Token war nicht lesbar",
    id_unsigned: "das ID-Token ist nicht signiert",
    id_wrong_issuer: "das ID-Token stammt von einem unerwarteten Aussteller",
    id_wrong_audience: "das ID-Token wurde für eine andere App ausgestellt",
    id_expired: "das ID-Token ist abgelaufen",
    id_not_yet_valid: "das ID-Token ist noch nicht gültig",
    id_issued_in_future: "das ID-Token wurde in der Zukunft ausgestellt",
    id_nonce_mismatch: "das ID-Token gehört zu einer anderen Anmeldung",
    id_missing_tenant: "das ID-Token nennt keinen Mandanten",
};

pub const DE_HAND_OFF: HandOff = HandOff {
    title: "Übergabe an den Backup-Server",
    dashboard: "Empfangendes Dashboard: ",
    send_again: "Erneut senden",
    removed: "Das Ergebnis wurde von dieser Seite entfernt, als Sie sie verlassen haben. Führen Sie die Registrierung erneut aus, um einen neuen geheimen Clientschlüssel zu erhalten: Sie ändert nur, was fehlt.",
    no_dashboard: "Kein Dashboard wartet auf dieses Ergebnis: Laden Sie die Einstellungsdatei herunter und geben Sie sie Ihrem Backup-Produkt.",
    pending: "Das Ergebnis wurde an das Dashboard unten gesendet, das es noch nicht bestätigt hat. Bis dahin behält diese Seite es: Senden Sie es erneut oder laden Sie es herunter.",
    delivered: "An das Dashboard unten zugestellt, das es bestätigt hat. Der geheime Clientschlüssel und der Schlüssel des Zertifikats wurden von dieser Seite entfernt.",
    sealed: "Versiegelt: Nur der private Schlüssel des Backup-Servers öffnet es. Schlüssel-Fingerabdruck: ",
    not_sealed: "Nicht versiegelt: Wer die Einstellungsdatei erhält, kann den geheimen Clientschlüssel lesen.",
    download_sealed: "Die versiegelte Einstellungsdatei herunterladen",
    download: "Die Einstellungsdatei herunterladen",
    ignored: "{count} Nachricht(en) von anderen Seiten wurde(n) ignoriert.",
};

pub const DE_PREVIEW: Preview = Preview {
    users: "Benutzer",
    groups: "Gruppen",
    mailboxes: "Postfächer",
    sites: "SharePoint-Websites",
    unreachable: "Microsoft Graph hat nicht geantwortet ({detail}), daher wurden die {what} nicht gezählt. Prüfen Sie die Verbindung und öffnen Sie die Vorschau erneut.",
    not_a_number: "Microsoft Graph hat statt einer Anzahl der {what} etwas anderes geantwortet.",
    missing_permission: "Microsoft Graph hat dieser Anmeldung nicht erlaubt, die {what} zu zählen: Dafür braucht diese App die delegierte Berechtigung {permission}, und ein Konto, das Mitglied des Mandanten ist (kein Gast).",
    sign_in_expired: "Die Anmeldung ist abgelaufen, daher wurden die {what} nicht gezählt: Melden Sie sich erneut an.",
    throttled: "Microsoft Graph war ausgelastet und hat um Verlangsamung gebeten, daher wurden die {what} nicht gezählt. Öffnen Sie die Vorschau in ein paar Minuten erneut.",
    refused: "Microsoft Graph hat abgelehnt, die {what} zu zählen.",
    sites_unreadable: "Die Liste der SharePoint-Websites von Microsoft Graph hatte nicht die erwartete Form.",
    sites_elsewhere: "Die nächste Seite der SharePoint-Websites zeigte von Microsoft Graph weg und wurde nicht geöffnet; mindestens {so_far} Websites wurden gesehen.",
    no_answer: "Microsoft Graph hat nicht geantwortet.",
    batch_incomplete: "Die Sammelantwort von Microsoft Graph war unvollständig.",
    too_many_sites: "Mehr als {so_far} SharePoint-Websites: Die Zählung endete nach {pages} Seiten.",
};

/// Microsoft's German role names (Microsoft Learn, "Integrierte Microsoft Entra-Rollen",
/// <https://learn.microsoft.com/de-de/entra/identity/role-based-access-control/permissions-reference>).
pub const DE_ROLES: Roles = Roles {
    global_administrator: "Globaler Administrator",
    privileged_role_administrator: "Administrator für privilegierte Rollen",
    application_administrator: "Anwendungsadministrator",
    cloud_application_administrator: "Cloudanwendungsadministrator",
    exchange_administrator: "Exchange-Administrator",
};

pub const DE_FAULTS: Faults = Faults {
    unreadable_command: "Der Registrierungsteil dieser Seite hat eine Nachricht erhalten, die er nicht lesen kann. Laden Sie die Seite neu.",
    no_configuration: "Der Registrierungsteil dieser Seite konnte die Konfiguration nicht lesen. Laden Sie die Seite neu.",
    lost_configuration: "Der Registrierungsteil dieser Seite hat seine Konfiguration verloren. Laden Sie die Seite neu.",
    unknown_button: "Diese Seite hat eine Schaltfläche erhalten, die sie nicht kennt. Laden Sie die Seite neu.",
    sign_in_first: "Melden Sie sich zuerst an: Die Registrierung braucht Ihre Anmeldung.",
    check_before_disconnect: "Prüfen Sie die App erneut, bevor Sie sie trennen.",
    no_plan: "Der Plan konnte nicht erstellt werden. Laden Sie die Seite neu und melden Sie sich erneut an.",
    settings_file: "Die App ist in Ihrem Mandanten registriert, aber dieser Browser konnte ihre Einstellungen für den Backup-Server nicht vorbereiten: {reason}. Führen Sie die Registrierung erneut in einem aktuellen Edge, Chrome, Firefox oder Safari aus: Sie fügt einen neuen geheimen Clientschlüssel hinzu (entfernen Sie den ungenutzten später in Entra).",
    certificate_files: "Dieser Browser konnte die Dateien des Zertifikats nicht zum Herunterladen anbieten. Das Zertifikat ist an der App; führen Sie die Registrierung erneut aus, um ein neues hinzuzufügen.",
};
