//! The admin's confirmation before changing an app this product did not make: the UI asks
//! them to type the app's name.

use super::app::CheckedApp;
use super::error::MaintenanceError;

/// What the admin confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirmation {
    /// Nothing typed: enough for an app this product made (or adopted), refused for another.
    None,
    /// The admin typed the app's name to act on it whoever made it.
    TypedName(String),
}

/// `Ok` when `app` may be changed: it is this product's, or the admin typed its name (spaces
/// around it and letter case aside).
pub fn allowed(app: &CheckedApp, confirmation: &Confirmation) -> Result<(), MaintenanceError> {
    match confirmation {
        Confirmation::TypedName(typed) => {
            if typed.trim().to_lowercase() == app.display_name.trim().to_lowercase() {
                Ok(())
            } else {
                Err(MaintenanceError::NameMismatch {
                    typed: typed.clone(),
                    display_name: app.display_name.clone(),
                })
            }
        }
        Confirmation::None if app.maker.is_this_product() => Ok(()),
        Confirmation::None => Err(MaintenanceError::NotOurs {
            display_name: app.display_name.clone(),
            app_id: app.app_id.clone(),
        }),
    }
}
