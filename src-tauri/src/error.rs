//! The error the UI receives: a closed set of codes, a message, and the form field it concerns.

use casebook::{Error, ErrorKind};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "ErrorCode")]
pub enum Code {
    Validation,
    NotFound,
    WrongPassphrase,
    Locked,
    InvalidTransition,
    Incompatible,
    Storage,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(rename = "ApiError")]
pub struct UiError {
    pub code: Code,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

impl From<Error> for UiError {
    fn from(e: Error) -> Self {
        let code = match e.kind {
            ErrorKind::Validation => Code::Validation,
            ErrorKind::NotFound => Code::NotFound,
            ErrorKind::WrongPassphrase => Code::WrongPassphrase,
            ErrorKind::NotReady => Code::Locked,
            ErrorKind::InvalidTransition => Code::InvalidTransition,
            ErrorKind::Incompatible => Code::Incompatible,
            ErrorKind::Storage => Code::Storage,
        };
        UiError { code, message: e.message, field: e.field }
    }
}

impl UiError {
    pub fn locked() -> Self {
        UiError { code: Code::Locked, message: "Casebook is locked".into(), field: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_message_and_field() {
        let e = UiError::from(Error::invalid_field("email", "email is not a valid address"));
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"code":"validation","message":"email is not a valid address","field":"email"}"#
        );
        let e = UiError::from(Error::new(ErrorKind::WrongPassphrase, "wrong passphrase"));
        assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"code":"wrong_passphrase","message":"wrong passphrase"}"#);
    }
}
