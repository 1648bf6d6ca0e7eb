//! The Entra directory roles' names as the Entra admin center shows them in each language
//! (`catalog::Role::name`): "Your roles", the plan's role lines, the result. Said by the
//! worker only.

words! {
    /// A name for each built-in role the product knows.
    pub struct Roles {
        global_administrator,
        privileged_role_administrator,
        application_administrator,
        cloud_application_administrator,
        exchange_administrator,
    }
}
