//! Emails saved as `.eml`: any bytes give an email or a validation error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(email) = casebook::import::eml::parse(data) {
        assert!(!email.from_email.is_empty());
        assert!(email.subject.chars().all(|c| !c.is_control()));
    }
});
