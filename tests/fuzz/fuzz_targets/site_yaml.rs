//! `site.yaml`: arbitrary bytes through the loader's decoding, then parsed
//! and validated as the site configuration. Errors are fine; panics are bugs.

#![no_main]

use std::path::Path;

use annals::Config;
use annals::load;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let parsed =
        load::decode(Path::new("site.yaml"), bytes.to_vec()).and_then(|text| Config::parse(&text));
    match parsed {
        Ok(config) => {
            for era in &config.eras {
                assert!(!era.slug.is_empty(), "era {:?}", era.name);
                assert!(era.end >= era.start, "era {:?}", era.name);
            }
            assert!(
                config
                    .base_url
                    .as_ref()
                    .is_none_or(|url| url.ends_with('/'))
            );
            let _ = config.page_url("tags/index.html");
        }
        Err(error) => {
            let _ = error.to_string();
        }
    }
});
