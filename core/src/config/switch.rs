//! On/off keys: `exchangeManagement` (Exchange Online PowerShell app-only access:
//! `Exchange.ManageAsApp`, the Exchange Administrator role and a certificate) and `certificate`
//! (a certificate for any profile).

use serde_json::Value;

use super::syntax::type_name;

/// `true` or `false`; absent means `false`.
pub(crate) fn parse_switch(value: &Value) -> Result<bool, String> {
    match value {
        Value::Bool(on) => Ok(*on),
        Value::String(text) if text == "true" || text == "false" => Err(format!(
            "must be true or false without quotes: write {text}"
        )),
        Value::Null => Err("must be true or false, not null: leave the key out for false".into()),
        other => Err(format!("must be true or false, not {}", type_name(other))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn takes_booleans_only() {
        assert_eq!(parse_switch(&json!(true)), Ok(true));
        assert_eq!(parse_switch(&json!(false)), Ok(false));
        let quoted = parse_switch(&json!("true")).expect_err("a string");
        assert!(quoted.contains("without quotes"), "{quoted}");
        assert!(parse_switch(&json!(1)).is_err());
        assert!(parse_switch(&Value::Null).is_err());
    }
}
