//! The page's German words, fetched only when it speaks German (`words-de-<hash>.json`,
//! core/src/wizard/words/file.rs): a browser that prefers German, or a configuration in German,
//! gets the first screen in German; words of another release are refused and the page speaks
//! English, saying why in the console.
//! A dashboard's start in German: `handoff::a_german_start_speaks_german_from_the_welcome_to_the_result`.

use std::path::Path;

use sandbox_tenant::sites::{AppConfig, Site, SitesOptions, sandbox_app_config};

use registrar_core::wizard::words::GERMAN_PAGE_WORDS_FILE;

use serde_json::json;

use crate::browser::{Session, dist_dir};
use crate::devtools::cdp;
use crate::hosting::{copy_build, scratch, without_compressed_copies};

/// The sandbox's configuration with `"language": "de"`, served from a copy of the build in `dir`.
async fn german_configuration_from(dir: &Path) -> Session {
    let session = Session::start_with(SitesOptions {
        app_dir: dir.to_path_buf(),
        ..Session::options(AppConfig::FromAppDir)
    })
    .await;
    let mut config: serde_json::Value =
        serde_json::from_str(&sandbox_app_config(session.sites.port))
            .expect("the sandbox's config");
    config["language"] = "de".into();
    std::fs::write(dir.join("config.json"), config.to_string()).expect("config.json");
    session.visit(&session.url(Site::App, "/")).await;
    session
}

async fn page_language(session: &Session) -> String {
    let lang = session
        .client
        .execute("return document.documentElement.lang", vec![])
        .await
        .expect("the page's language");
    lang.as_str().unwrap_or_default().to_owned()
}

/// Before the page's own scripts run, `fetch` is wrapped to note who asked for the German words
/// (the script in the call's stack): the starter, or the module's glue.
async fn note_who_fetches_the_words(session: &Session) {
    let source = format!(
        "window.__wordsAskedBy = [];\
         const fetchNow = window.fetch;\
         window.fetch = function (url, init) {{\
           if (String(url).endsWith('{GERMAN_PAGE_WORDS_FILE}')) {{\
             window.__wordsAskedBy.push(new Error().stack.includes('app-loader') ? 'starter' : 'module');\
           }}\
           return fetchNow.apply(this, arguments);\
         }};"
    );
    cdp(
        &session.client,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": source }),
    )
    .await;
}

/// How often the page asked for the German words (the browser's resource timing entries).
async fn words_requests(session: &Session) -> u64 {
    let count = session
        .client
        .execute(
            "return performance.getEntriesByType('resource')\
               .filter(e => e.name.endsWith('/' + arguments[0])).length",
            vec![GERMAN_PAGE_WORDS_FILE.into()],
        )
        .await
        .expect("the page's resource timing");
    count.as_u64().unwrap_or(u64::MAX)
}

async fn words_asked_by(session: &Session) -> Vec<String> {
    let asked = session
        .client
        .execute("return window.__wordsAskedBy", vec![])
        .await
        .expect("who asked for the words");
    serde_json::from_value(asked).expect("a list")
}

/// The sandbox's app in a browser whose admin prefers `languages`: its sign-in button says
/// `button`, its `lang` is `lang`, and the German words were asked for by `asked_by` (once each).
async fn first_screen_in(languages: &str, button: &str, lang: &str, asked_by: &[&str]) {
    let session = Session::start_in(Session::options(AppConfig::Sandbox), languages).await;
    note_who_fetches_the_words(&session).await;
    session.visit(&session.url(Site::App, "/")).await;
    assert_eq!(session.text_of("#sign-in-button").await, button);
    assert_eq!(page_language(&session).await, lang);
    assert_eq!(words_asked_by(&session).await, asked_by, "{languages}");
    assert_eq!(
        words_requests(&session).await,
        asked_by.len() as u64,
        "{languages}: the requests the browser made for the words"
    );
    session.assert_no_console_errors().await;
    session.finish().await;
}

#[tokio::test]
async fn a_browser_that_prefers_german_gets_the_first_screen_in_german_and_english_ones_not_the_file()
 {
    // Asked for once, by the starter beside config.json (no round trip after the module's
    // download): the module took that answer.
    first_screen_in(
        "fr-FR,de-AT,en",
        "Mit Microsoft anmelden",
        "de",
        &["starter"],
    )
    .await;
    // An English page never fetches the file.
    first_screen_in("en-GB,de", "Sign in with Microsoft", "en", &[]).await;
}

#[tokio::test]
async fn a_configuration_in_german_shows_the_first_screen_in_german() {
    let dir = scratch("german");
    copy_build(&dir);
    let session = german_configuration_from(&dir).await;
    assert_eq!(
        session.text_of("#sign-in-button").await,
        "Mit Microsoft anmelden"
    );
    let permissions = session.text_of("#welcome-permissions").await;
    assert!(
        permissions.contains("Jedes Postfach lesen"),
        "{permissions}"
    );
    assert_eq!(page_language(&session).await, "de");
    session.assert_no_console_errors().await;
    session.finish().await;
}

#[tokio::test]
async fn german_words_of_another_release_are_refused_and_the_page_speaks_english() {
    let dir = scratch("german-other-release");
    copy_build(&dir);
    // Another release's file: one word changed. Its integrity no longer matches the module's.
    let words = without_compressed_copies(&dir.join(GERMAN_PAGE_WORDS_FILE)).to_path_buf();
    let text = std::fs::read_to_string(&words).expect("the German words");
    let changed = text.replacen("Mit Microsoft anmelden", "Bei Microsoft anmelden", 1);
    assert_ne!(changed, text, "the sign-in button's words are in the file");
    std::fs::write(&words, changed).expect("the changed words");
    let session = german_configuration_from(&dir).await;
    // Every word in English, none in the wrong place, and `lang` says so.
    assert_eq!(
        session.text_of("#sign-in-button").await,
        "Sign in with Microsoft"
    );
    let permissions = session.text_of("#welcome-permissions").await;
    assert!(permissions.contains("Read every mailbox"), "{permissions}");
    assert_eq!(page_language(&session).await, "en");
    let console = session.console().await;
    assert!(
        console.iter().any(|(level, message)| level == "WARNING"
            && message.contains(GERMAN_PAGE_WORDS_FILE)
            && message.contains("the page speaks English")),
        "no warning names the refused file: {console:?}"
    );
    session.finish().await;
}

#[test]
fn the_page_module_holds_no_german_and_the_words_file_does() {
    let said = "Mit Microsoft anmelden";
    let build: Vec<_> = std::fs::read_dir(dist_dir())
        .expect("dist/")
        .flatten()
        .map(|entry| entry.path())
        .collect();
    let module = build
        .iter()
        .find(|path| {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with("m365-registrar-") && name.ends_with("_bg.wasm")
        })
        .expect("the page's module");
    let bytes = std::fs::read(module).expect("the page's module");
    assert!(!bytes.windows(said.len()).any(|w| w == said.as_bytes()));
    let words = std::fs::read_to_string(dist_dir().join(GERMAN_PAGE_WORDS_FILE))
        .expect("the German words, under their hashed name");
    assert!(words.contains(said));
}
