//! A user's template file and the edited letter text: parsing, checking and filling any text
//! gives a letter or a validation error, never a panic.
#![no_main]
use casebook::letter::lang::Lang;
use casebook::letter::template::{parse, Value, NAMES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let name = NAMES[data.len() % NAMES.len()];
    for lang in [Lang::En, Lang::Ja, Lang::De] {
        if let Ok(template) = parse(name, lang, text) {
            let _ = template.fill(|placeholder| match placeholder.len() % 3 {
                0 => Value::Text(format!("<{placeholder}>")),
                1 => Value::List(vec!["one".into(), "two".into()]),
                _ => Value::Missing("record it first".into()),
            });
        }
    }
    let _ = casebook::letter::parse_body(text);
});
