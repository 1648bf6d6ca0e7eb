//! The sandbox tenant: an emulator of the Entra ID sign-in and Microsoft Graph endpoints that
//! M365 Registrar calls, and the local sites (app, sample dashboard) served beside it.
//!
//! One process answers on one port and tells the sites apart by their `Host` header, so each
//! `*.localhost` name is a distinct site to the browser, as real deployments are.
//!
//! Two parts are not emulations of Microsoft: [`backup_server`], a stand-in for the vendor's
//! backup server that receives the hand-off, and [`hostile`], the attack tests' hostile page.

pub mod backup_server;
pub mod hostile;
pub mod sites;
pub mod tenant;
